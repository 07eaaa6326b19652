package ims.iq.message;

import java.util.Objects;

/** {@code AuditValue = termination { Audit{...} }}; an empty Audit on ROOT is the Iq link check. */
public record AuditValue(TerminationId terminationId, Audit audit) implements Command {
  public AuditValue {
    Objects.requireNonNull(terminationId, "terminationId");
    Objects.requireNonNull(audit, "audit");
  }

  /** {@code AuditValue = ROOT { Audit { } }}: the heartbeat a controller sends over UDP (TS 29.334). */
  public static AuditValue rootHeartbeat() {
    return new AuditValue(TerminationId.ROOT, Audit.EMPTY);
  }
}
