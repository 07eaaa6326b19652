package ims.iq.message;

import java.util.Objects;

/** {@code AuditCapability = termination { Audit{...} }}: asks which values a termination could take. */
public record AuditCapabilities(TerminationId terminationId, Audit audit) implements Command {
  public AuditCapabilities {
    Objects.requireNonNull(terminationId, "terminationId");
    Objects.requireNonNull(audit, "audit");
  }
}
