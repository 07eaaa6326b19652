package ims.iq.transport;

import ims.iq.message.ActionReply;
import ims.iq.message.AuditReturn;
import ims.iq.message.CommandReply;
import ims.iq.message.NotifyReply;
import ims.iq.message.ServiceChangeReply;
import ims.iq.message.ErrorDescriptor;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a transaction reply says, without its id and ImmAckRequired flag (the transaction layer owns
 * those): an error for the whole transaction, or one reply per action.
 */
public record ReplyContent(Optional<ErrorDescriptor> error, List<ActionReply> actions) {
  public ReplyContent {
    Objects.requireNonNull(error, "error");
    actions = List.copyOf(actions);
    if (error.isPresent() == !actions.isEmpty()) {
      throw new IllegalArgumentException("a reply carries either an error or action replies");
    }
  }

  public static ReplyContent of(List<ActionReply> actions) {
    return new ReplyContent(Optional.empty(), actions);
  }

  public static ReplyContent of(ActionReply... actions) {
    return of(List.of(actions));
  }

  public static ReplyContent error(ErrorDescriptor error) {
    return new ReplyContent(Optional.of(error), List.of());
  }

  /**
   * The first error anywhere in the reply: for the transaction, an action, or one command's reply
   * (H.248.1 puts a failed command's error in any of these places).
   */
  public Optional<ErrorDescriptor> firstError() {
    if (error.isPresent()) return error;
    for (ActionReply action : actions) {
      if (action.error().isPresent()) return action.error();
      for (CommandReply r : action.replies()) {
        Optional<ErrorDescriptor> e = switch (r) {
          case AuditReturn ar -> ar.error();
          case NotifyReply nr -> nr.error();
          case ServiceChangeReply sc -> sc.error();
        };
        if (e.isPresent()) return e;
      }
    }
    return Optional.empty();
  }
}
