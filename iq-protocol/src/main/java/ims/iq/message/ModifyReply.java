package ims.iq.message;

import java.util.List;
import java.util.Objects;

/** The reply to {@link Modify}, with the descriptors the gateway returns (e.g. the Local SDP it chose, statistics). */
public record ModifyReply(TerminationId terminationId, List<Descriptor> descriptors) implements AuditReturn {
  public ModifyReply {
    Objects.requireNonNull(terminationId, "terminationId");
    descriptors = AuditReturn.checkReturns(descriptors);
  }

  public static ModifyReply of(TerminationId terminationId, Descriptor... descriptors) {
    return new ModifyReply(terminationId, List.of(descriptors));
  }
}
