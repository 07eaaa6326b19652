package ims.iq.message;

import java.util.Objects;
import java.util.Optional;

/** {@code Notify = termination { ObservedEvents = id { ... } [, Error{...}] }}: the gateway reports events. */
public record Notify(TerminationId terminationId, ObservedEvents observedEvents, Optional<ErrorDescriptor> error)
    implements Command {
  public Notify {
    Objects.requireNonNull(terminationId, "terminationId");
    Objects.requireNonNull(observedEvents, "observedEvents");
    Objects.requireNonNull(error, "error");
  }

  public static Notify of(TerminationId terminationId, ObservedEvents observedEvents) {
    return new Notify(terminationId, observedEvents, Optional.empty());
  }
}
