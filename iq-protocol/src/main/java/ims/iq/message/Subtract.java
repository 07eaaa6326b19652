package ims.iq.message;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code Subtract = termination [{ Audit{...} }]}: removes a termination (Release AGW Termination). Without an Audit
 * descriptor the reply carries the termination's statistics; {@code Audit{}} asks for none.
 */
public record Subtract(TerminationId terminationId, Optional<Audit> audit) implements Command {
  public Subtract {
    Objects.requireNonNull(terminationId, "terminationId");
    Objects.requireNonNull(audit, "audit");
  }

  public static Subtract of(TerminationId terminationId) {
    return new Subtract(terminationId, Optional.empty());
  }
}
