package ims.iq.transport;

import java.util.Objects;

/**
 * The transaction layer's settings.
 *
 * @param immediateAckRequired whether our replies carry ImmAckRequired, so the peer's
 *     TransactionResponseAck frees the reply cache before LONG-TIMER
 * @param maxMessageErrorsPerSecond message-level error replies to undecodable input, at most this many
 *     per second in all (a garbage flood must not turn us into a reflector)
 */
public record TransactionConfig(TransactionTimers timers, TransactionLimits limits, boolean immediateAckRequired,
    int maxMessageErrorsPerSecond) {
  public static final TransactionConfig DEFAULT =
      new TransactionConfig(TransactionTimers.DEFAULT, TransactionLimits.DEFAULT, true, 20);

  public TransactionConfig {
    Objects.requireNonNull(timers, "timers");
    Objects.requireNonNull(limits, "limits");
    if (maxMessageErrorsPerSecond < 0) throw new IllegalArgumentException("maxMessageErrorsPerSecond < 0");
  }

  public TransactionConfig withTimers(TransactionTimers newTimers) {
    return new TransactionConfig(newTimers, limits, immediateAckRequired, maxMessageErrorsPerSecond);
  }

  public TransactionConfig withLimits(TransactionLimits newLimits) {
    return new TransactionConfig(timers, newLimits, immediateAckRequired, maxMessageErrorsPerSecond);
  }
}
