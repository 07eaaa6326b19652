package ims.iq.message;

import java.util.List;
import java.util.Objects;

/** The reply to {@link AuditCapabilities}, with the descriptors the gateway returns (e.g. the Local SDP it chose, statistics). */
public record AuditCapabilitiesReply(TerminationId terminationId, List<Descriptor> descriptors) implements AuditReturn {
  public AuditCapabilitiesReply {
    Objects.requireNonNull(terminationId, "terminationId");
    descriptors = AuditReturn.checkReturns(descriptors);
  }

  public static AuditCapabilitiesReply of(TerminationId terminationId, Descriptor... descriptors) {
    return new AuditCapabilitiesReply(terminationId, List.of(descriptors));
  }
}
