package ims.iq.message;

/** The members of a message body (H.248.1 Annex B {@code transactionList}). */
public sealed interface Transaction
    permits TransactionRequest, TransactionReply, TransactionPending, TransactionResponseAck {
  /** Largest transaction identifier (UINT32). */
  long MAX_ID = 0xFFFF_FFFFL;

  static long checkId(long id) {
    if (id < 0 || id > MAX_ID) throw new IllegalArgumentException("transaction id out of range: " + id);
    return id;
  }
}
