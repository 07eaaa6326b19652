package ims.iq.message;

import java.util.List;
import java.util.Objects;

/** What follows the message header: transactions, or an error about the whole message. */
public sealed interface MessageBody {
  int MAX_TRANSACTIONS = 256;

  /** One or more transactions (requests, replies, pendings, response acks), in wire order. */
  record TransactionList(List<Transaction> transactions) implements MessageBody {
    public TransactionList {
      transactions = List.copyOf(transactions);
      if (transactions.isEmpty()) throw new IllegalArgumentException("at least one transaction");
      if (transactions.size() > MAX_TRANSACTIONS) throw new IllegalArgumentException("too many transactions");
    }
  }

  /** An error descriptor in place of transactions: the receiver could not process the message at all. */
  record MessageError(ErrorDescriptor error) implements MessageBody {
    public MessageError {
      Objects.requireNonNull(error, "error");
    }
  }
}
