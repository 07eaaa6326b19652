package ims.iq.controller;

import ims.iq.message.AuditValueReply;
import ims.iq.message.ContextId;
import java.util.List;
import java.util.Objects;

/** One context of a wildcard or {@code Context = *} audit reply: the gateway's reply for each matching termination. */
public record AuditedContext(ContextId context, List<AuditValueReply> terminations) {
  public AuditedContext {
    Objects.requireNonNull(context, "context");
    terminations = List.copyOf(terminations);
  }
}
