package ims.iq.message;

import java.util.List;

/** {@code Transaction = id { actions }}: a request the peer answers with a {@link TransactionReply}. */
public record TransactionRequest(long id, List<ActionRequest> actions) implements Transaction {
  public static final int MAX_ACTIONS = 64;

  public TransactionRequest {
    Transaction.checkId(id);
    actions = List.copyOf(actions);
    if (actions.isEmpty()) throw new IllegalArgumentException("at least one action");
    if (actions.size() > MAX_ACTIONS) throw new IllegalArgumentException("too many actions");
  }

  public static TransactionRequest of(long id, ActionRequest... actions) {
    return new TransactionRequest(id, List.of(actions));
  }
}
