package ims.iq.message;

import java.util.List;
import java.util.Objects;

/** The reply to {@link Subtract}, with the descriptors the gateway returns (e.g. the Local SDP it chose, statistics). */
public record SubtractReply(TerminationId terminationId, List<Descriptor> descriptors) implements AuditReturn {
  public SubtractReply {
    Objects.requireNonNull(terminationId, "terminationId");
    descriptors = AuditReturn.checkReturns(descriptors);
  }

  public static SubtractReply of(TerminationId terminationId, Descriptor... descriptors) {
    return new SubtractReply(terminationId, List.of(descriptors));
  }
}
