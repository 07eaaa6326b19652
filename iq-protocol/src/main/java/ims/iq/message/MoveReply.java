package ims.iq.message;

import java.util.List;
import java.util.Objects;

/** The reply to {@link Move}, with the descriptors the gateway returns (e.g. the Local SDP it chose, statistics). */
public record MoveReply(TerminationId terminationId, List<Descriptor> descriptors) implements AuditReturn {
  public MoveReply {
    Objects.requireNonNull(terminationId, "terminationId");
    descriptors = AuditReturn.checkReturns(descriptors);
  }

  public static MoveReply of(TerminationId terminationId, Descriptor... descriptors) {
    return new MoveReply(terminationId, List.of(descriptors));
  }
}
