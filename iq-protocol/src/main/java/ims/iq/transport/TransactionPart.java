package ims.iq.transport;

import java.util.List;
import java.util.Objects;

/**
 * What the transaction layer sees of a message (H.248.1 clause 8, Annex D.1): transactions and
 * their control parts. The command content ({@code Q}, {@code R}) is opaque to it.
 */
public sealed interface TransactionPart<Q, R> {
  /** H.248 TransactionID: 32-bit unsigned, 0 is not used. */
  long MAX_TRANSACTION_ID = 0xFFFF_FFFFL;

  record Request<Q, R>(long transactionId, Q body) implements TransactionPart<Q, R> {
    public Request {
      checkId(transactionId);
      Objects.requireNonNull(body, "body");
    }
  }

  record Reply<Q, R>(long transactionId, boolean immediateAckRequired, R body) implements TransactionPart<Q, R> {
    public Reply {
      checkId(transactionId);
      Objects.requireNonNull(body, "body");
    }
  }

  record Pending<Q, R>(long transactionId) implements TransactionPart<Q, R> {
    public Pending {
      checkId(transactionId);
    }
  }

  /** TransactionResponseAck: releases the cached replies of the listed transactions. */
  record ResponseAck<Q, R>(List<IdRange> ranges) implements TransactionPart<Q, R> {
    public ResponseAck {
      ranges = List.copyOf(ranges);
      if (ranges.isEmpty()) throw new IllegalArgumentException("empty TransactionResponseAck");
    }
  }

  /** {@code first-last} in a TransactionResponseAck, or one id when equal. */
  record IdRange(long first, long last) {
    public IdRange {
      checkId(first);
      checkId(last);
      if (last < first) throw new IllegalArgumentException("range " + first + "-" + last + " is reversed");
    }

    public static IdRange of(long id) {
      return new IdRange(id, id);
    }

    boolean contains(long id) {
      return id >= first && id <= last;
    }
  }

  private static void checkId(long id) {
    if (id < 1 || id > MAX_TRANSACTION_ID) throw new IllegalArgumentException("transaction id out of range: " + id);
  }
}
