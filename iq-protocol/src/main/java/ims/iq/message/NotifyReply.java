package ims.iq.message;

import java.util.Objects;
import java.util.Optional;

/** The reply to {@link Notify}: {@code Notify = termination [{ Error{...} }]}. */
public record NotifyReply(TerminationId terminationId, Optional<ErrorDescriptor> error) implements CommandReply {
  public NotifyReply {
    Objects.requireNonNull(terminationId, "terminationId");
    Objects.requireNonNull(error, "error");
  }

  public static NotifyReply of(TerminationId terminationId) {
    return new NotifyReply(terminationId, Optional.empty());
  }
}
