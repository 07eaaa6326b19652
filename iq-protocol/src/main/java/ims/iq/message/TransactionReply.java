package ims.iq.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code Reply = id { [ImmAckRequired,] (error | actions) }}: the answer to a {@link TransactionRequest}. Exactly one
 * of {@code error} and {@code actions} is present.
 */
public record TransactionReply(long id, boolean immAckRequired, Optional<ErrorDescriptor> error,
                               List<ActionReply> actions) implements Transaction {
  public TransactionReply {
    Transaction.checkId(id);
    Objects.requireNonNull(error, "error");
    actions = List.copyOf(actions);
    if (error.isPresent() == !actions.isEmpty()) {
      throw new IllegalArgumentException("a reply carries either an error or action replies");
    }
    if (actions.size() > TransactionRequest.MAX_ACTIONS) throw new IllegalArgumentException("too many actions");
  }

  public static TransactionReply of(long id, ActionReply... actions) {
    return new TransactionReply(id, false, Optional.empty(), List.of(actions));
  }

  public static TransactionReply of(long id, List<ActionReply> actions) {
    return new TransactionReply(id, false, Optional.empty(), actions);
  }

  public static TransactionReply error(long id, ErrorDescriptor error) {
    return new TransactionReply(id, false, Optional.of(error), List.of());
  }

  /** The same reply asking the peer for a TransactionResponseAck. */
  public TransactionReply withImmAckRequired() {
    return new TransactionReply(id, true, error, actions);
  }
}
