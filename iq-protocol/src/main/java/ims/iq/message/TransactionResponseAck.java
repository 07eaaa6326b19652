package ims.iq.message;

import java.util.List;

/** {@code TransactionResponseAck { first[-last], ... }}: the listed replies were received (H.248.1 8.2.4). */
public record TransactionResponseAck(List<AckRange> ranges) implements Transaction {
  public static final int MAX_RANGES = 256;

  public TransactionResponseAck {
    ranges = List.copyOf(ranges);
    if (ranges.isEmpty()) throw new IllegalArgumentException("at least one range");
    if (ranges.size() > MAX_RANGES) throw new IllegalArgumentException("too many ranges");
  }

  public static TransactionResponseAck of(long... ids) {
    var list = new java.util.ArrayList<AckRange>(ids.length);
    for (long id : ids) list.add(AckRange.single(id));
    return new TransactionResponseAck(list);
  }

  /** {@code first} or {@code first-last} (inclusive). */
  public record AckRange(long first, long last) {
    public AckRange {
      Transaction.checkId(first);
      Transaction.checkId(last);
      if (last < first) throw new IllegalArgumentException("range ends before it starts: " + first + "-" + last);
    }

    public static AckRange single(long id) {
      return new AckRange(id, id);
    }

    public boolean contains(long id) {
      return id >= first && id <= last;
    }
  }
}
