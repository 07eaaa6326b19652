package ims.iq.transport;

import java.util.List;

/**
 * Round-trip time of our requests that got a reply, from the send of the first attempt to the reply (retransmissions
 * and Pending included; timeouts are not here), in microseconds since start. {@code bucketCounts} has one count per
 * bound of {@link #BUCKET_UPPER_BOUNDS_MICROS} (replies at or below that bound and above the previous one) and a
 * last one for slower replies; the counts are per bucket, not cumulative.
 */
public record ReplyLatency(long count, long totalMicros, long maxMicros, List<Long> bucketCounts) {
  /** Upper bounds of the buckets: 250 µs .. 5 s. */
  public static final List<Long> BUCKET_UPPER_BOUNDS_MICROS = List.of(250L, 500L, 1_000L, 2_500L, 5_000L, 10_000L,
      25_000L, 50_000L, 100_000L, 250_000L, 500_000L, 1_000_000L, 2_500_000L, 5_000_000L);
  public static final ReplyLatency NONE = new ReplyLatency(0, 0, 0,
      java.util.Collections.nCopies(BUCKET_UPPER_BOUNDS_MICROS.size() + 1, 0L));

  public ReplyLatency {
    bucketCounts = List.copyOf(bucketCounts);
    if (bucketCounts.size() != BUCKET_UPPER_BOUNDS_MICROS.size() + 1) {
      throw new IllegalArgumentException("expected " + (BUCKET_UPPER_BOUNDS_MICROS.size() + 1) + " buckets");
    }
    if (count < 0 || totalMicros < 0 || maxMicros < 0) throw new IllegalArgumentException("negative latency figures");
  }

  /** Mean round-trip time in microseconds (0 before the first reply). */
  public long meanMicros() {
    return count == 0 ? 0 : totalMicros / count;
  }

  /** The bucket a round-trip time falls in. */
  static int bucketOf(long micros) {
    for (int i = 0; i < BUCKET_UPPER_BOUNDS_MICROS.size(); i++) {
      if (micros <= BUCKET_UPPER_BOUNDS_MICROS.get(i)) return i;
    }
    return BUCKET_UPPER_BOUNDS_MICROS.size();
  }
}
