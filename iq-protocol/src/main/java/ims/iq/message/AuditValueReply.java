package ims.iq.message;

import java.util.List;
import java.util.Objects;

/** The reply to {@link AuditValue}, with the descriptors the gateway returns (e.g. the Local SDP it chose, statistics). */
public record AuditValueReply(TerminationId terminationId, List<Descriptor> descriptors) implements AuditReturn {
  public AuditValueReply {
    Objects.requireNonNull(terminationId, "terminationId");
    descriptors = AuditReturn.checkReturns(descriptors);
  }

  public static AuditValueReply of(TerminationId terminationId, Descriptor... descriptors) {
    return new AuditValueReply(terminationId, List.of(descriptors));
  }
}
