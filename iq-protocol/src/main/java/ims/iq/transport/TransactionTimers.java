package ims.iq.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * The H.248.1 Annex D.1 timers of the transaction layer.
 *
 * @param initialRetransmit first retransmission interval of a request (Annex D.1 suggests ~200 ms);
 *     doubled after each retransmission
 * @param maxRetransmit cap of the back-off interval (~4 s)
 * @param maxRetransmissions retransmissions before the request fails with a timeout
 * @param requestTimeout overall bound on a request without Pending; whichever of this and the
 *     retransmissions runs out first fails the request
 * @param pendingWait after a Pending, how long the requester waits for the Reply or another Pending
 * @param pendingThreshold the responder sends Pending when its handler has not answered within this
 * @param handlerTimeout the responder answers 500 when its handler has not answered within this
 * @param longTimer how long a reply stays cached to answer duplicates (LONG-TIMER, ~30 s), unless a
 *     TransactionResponseAck releases it first; longer than {@code requestTimeout}, so no retransmission
 *     can outlive the cached reply
 */
public record TransactionTimers(
    Duration initialRetransmit, Duration maxRetransmit, int maxRetransmissions, Duration requestTimeout,
    Duration pendingWait, Duration pendingThreshold, Duration handlerTimeout, Duration longTimer) {

  /** Annex D.1's suggested values. */
  public static final TransactionTimers DEFAULT = new TransactionTimers(Duration.ofMillis(200), Duration.ofSeconds(4),
      6, Duration.ofSeconds(12), Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofSeconds(30),
      Duration.ofSeconds(30));

  public TransactionTimers {
    positive(initialRetransmit, "initialRetransmit");
    positive(maxRetransmit, "maxRetransmit");
    positive(requestTimeout, "requestTimeout");
    positive(pendingWait, "pendingWait");
    positive(pendingThreshold, "pendingThreshold");
    positive(handlerTimeout, "handlerTimeout");
    positive(longTimer, "longTimer");
    if (maxRetransmissions < 0 || maxRetransmissions > 30) {
      throw new IllegalArgumentException("maxRetransmissions out of range: " + maxRetransmissions);
    }
    if (maxRetransmit.compareTo(initialRetransmit) < 0) {
      throw new IllegalArgumentException("maxRetransmit below initialRetransmit");
    }
    if (longTimer.compareTo(requestTimeout) <= 0) {
      // Annex D.1: a reply must outlive every retransmission of its request, or a late duplicate
      // would run the command a second time.
      throw new IllegalArgumentException("longTimer must exceed requestTimeout");
    }
    if (pendingWait.compareTo(pendingThreshold) <= 0) {
      // The responder repeats Pending every pendingThreshold; the requester must wait longer than that.
      throw new IllegalArgumentException("pendingWait must exceed pendingThreshold");
    }
  }

  /** Scaled-down timers for tests: same shape, milliseconds instead of seconds. */
  public static TransactionTimers fast() {
    // Tolerates a few hundred milliseconds of scheduling delay on a loaded 2-core machine.
    return new TransactionTimers(Duration.ofMillis(20), Duration.ofMillis(320), 6, Duration.ofMillis(2_000),
        Duration.ofMillis(1_000), Duration.ofMillis(150), Duration.ofSeconds(3), Duration.ofMillis(2_500));
  }

  /** The retransmission interval after {@code retransmissions} retransmissions: doubling, capped. */
  Duration retransmitInterval(int retransmissions) {
    long millis = initialRetransmit.toMillis();
    for (int i = 0; i < retransmissions && millis < maxRetransmit.toMillis(); i++) millis *= 2;
    return Duration.ofMillis(Math.min(millis, maxRetransmit.toMillis()));
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive");
  }
}
