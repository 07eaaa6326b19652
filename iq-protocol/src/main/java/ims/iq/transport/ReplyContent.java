package ims.iq.transport;

import ims.iq.message.ActionReply;
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
}
