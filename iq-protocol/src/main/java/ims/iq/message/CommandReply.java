package ims.iq.message;

/** The reply to one command (H.248.1 Annex B {@code commandReplys}). */
public sealed interface CommandReply
    permits AuditReturn, NotifyReply, ServiceChangeReply {
  TerminationId terminationId();
}
