package ims.iq.gateway;

import ims.iq.message.CommandReply;
import ims.iq.message.ContextId;
import ims.iq.message.ActionRequest;
import java.util.List;
import java.util.Objects;

/**
 * What the handler made of an AuditValue that may select several terminations: on {@code Context = *} (H.248.1
 * 7.2.5, every context) or with a wildcard termination id. Either the matched contexts, each with one reply per
 * termination, or an H.248 error ({@link CommandOutcome.Failure}, so the factories there serve here too).
 */
public sealed interface WildcardAuditOutcome permits WildcardAuditOutcome.Matched, CommandOutcome.Failure {

  /**
   * The terminations that matched, grouped by context in the order the replies go on the wire. Empty means
   * nothing matched: the server answers 431 (No TerminationID matched a wildcard).
   */
  record Matched(List<ContextReplies> contexts) implements WildcardAuditOutcome {
    public Matched {
      contexts = List.copyOf(contexts);
    }

    public static Matched of(ContextId context, CommandReply... replies) {
      return new Matched(List.of(new ContextReplies(context, List.of(replies))));
    }
  }

  /** One context's replies: one per audited termination; a context never is {@code $} or {@code *}. */
  record ContextReplies(ContextId context, List<CommandReply> replies) {
    public ContextReplies {
      Objects.requireNonNull(context, "context");
      if (context == ContextId.CHOOSE || context == ContextId.ALL) {
        throw new IllegalArgumentException("a reply names a concrete context, not " + context);
      }
      replies = List.copyOf(replies);
      if (replies.isEmpty()) throw new IllegalArgumentException("a context without replies");
      if (replies.size() > ActionRequest.MAX_COMMANDS) throw new IllegalArgumentException("too many replies in a context");
    }
  }
}
