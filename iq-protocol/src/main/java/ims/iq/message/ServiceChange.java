package ims.iq.message;

import java.util.Objects;

/** {@code ServiceChange = termination { Services { ... } }}: restart, failover, out of service (H.248.1 7.2.8). */
public record ServiceChange(TerminationId terminationId, ServiceChangeParms parms) implements Command {
  public ServiceChange {
    Objects.requireNonNull(terminationId, "terminationId");
    Objects.requireNonNull(parms, "parms");
  }
}
