package ims.iq.gateway;

import ims.iq.message.Add;
import ims.iq.message.AuditValue;
import ims.iq.message.ContextId;
import ims.iq.message.Modify;
import ims.iq.message.Subtract;
import java.util.concurrent.CompletionStage;

/**
 * What the gateway does with the controller's commands; the media relay implements it. Calls come on
 * the Iq transport thread and must not block: do the work elsewhere and complete the stage. A stage
 * that is slow makes the server send Pending; one that never completes is answered 500 after the
 * handler timeout.
 *
 * <p>The server has already checked the packages and properties (445 for unknown ones) and answers the
 * ROOT link check itself. The SDP in a command belongs to the handler from the call on: it holds the
 * SRTP keys, and the handler closes it when the keys are installed or no longer needed.
 */
public interface IqGatewayHandler {

  /** Reserve [and Configure] AGW Connection Point. {@code context} is {@link ContextId#CHOOSE} for a new one. */
  CompletionStage<CommandOutcome> add(ContextId context, Add add);

  /** Configure AGW Connection Point, Change Through-Connection. */
  CompletionStage<CommandOutcome> modify(ContextId context, Modify modify);

  /** Release AGW Termination: the reply carries the termination's statistics unless {@code Audit{}} was given. */
  CompletionStage<CommandOutcome> subtract(ContextId context, Subtract subtract);

  /** Audit of a context or termination (other than the empty ROOT link check). */
  CompletionStage<CommandOutcome> auditValue(ContextId context, AuditValue auditValue);

  /**
   * AuditValue that may select several terminations: {@code context} is {@link ContextId#ALL} (H.248.1 7.2.5:
   * every context with its terminations, one action reply per context) or the termination id is a wildcard
   * (one command reply per matching termination). The server calls this instead of {@link #auditValue} for those
   * (not for the ROOT link check). The default keeps handlers written before it working: it asks
   * {@link #auditValue} and passes its single reply or its error on.
   */
  default CompletionStage<WildcardAuditOutcome> auditWildcard(ContextId context, AuditValue auditValue) {
    return auditValue(context, auditValue).thenApply(outcome -> switch (outcome) {
      case CommandOutcome.Success s -> WildcardAuditOutcome.Matched.of(s.context(), s.reply());
      case CommandOutcome.Failure f -> f;
    });
  }
}
