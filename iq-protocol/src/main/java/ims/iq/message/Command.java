package ims.iq.message;

/** The H.248 commands a controller or gateway sends (H.248.1 clause 7.2). */
public sealed interface Command
    permits AmmCommand, Subtract, AuditValue, AuditCapabilities, Notify, ServiceChange {
  TerminationId terminationId();
}
