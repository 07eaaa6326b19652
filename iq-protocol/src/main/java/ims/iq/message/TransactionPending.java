package ims.iq.message;

/** {@code Pending = id { }}: the request is being processed; the sender should keep waiting (H.248.1 8.2.3). */
public record TransactionPending(long id) implements Transaction {
  public TransactionPending {
    Transaction.checkId(id);
  }
}
