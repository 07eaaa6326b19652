package ims.iq.message;

import java.util.Objects;
import java.util.Optional;

/** The reply to {@link ServiceChange}: nothing, an error, or a Services descriptor (at most one of the two). */
public record ServiceChangeReply(TerminationId terminationId, Optional<ErrorDescriptor> error,
                                 Optional<ServiceChangeResult> result) implements CommandReply {
  public ServiceChangeReply {
    Objects.requireNonNull(terminationId, "terminationId");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(result, "result");
    if (error.isPresent() && result.isPresent()) throw new IllegalArgumentException("either an error or a result");
  }

  public static ServiceChangeReply of(TerminationId terminationId) {
    return new ServiceChangeReply(terminationId, Optional.empty(), Optional.empty());
  }

  public static ServiceChangeReply of(TerminationId terminationId, ServiceChangeResult result) {
    return new ServiceChangeReply(terminationId, Optional.empty(), Optional.of(result));
  }
}
