package ims.iq.message;

import java.util.List;
import java.util.Objects;

/** The reply to {@link Add}, with the descriptors the gateway returns (e.g. the Local SDP it chose, statistics). */
public record AddReply(TerminationId terminationId, List<Descriptor> descriptors) implements AuditReturn {
  public AddReply {
    Objects.requireNonNull(terminationId, "terminationId");
    descriptors = AuditReturn.checkReturns(descriptors);
  }

  public static AddReply of(TerminationId terminationId, Descriptor... descriptors) {
    return new AddReply(terminationId, List.of(descriptors));
  }
}
