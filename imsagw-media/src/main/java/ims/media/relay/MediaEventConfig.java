package ims.media.relay;

import java.time.Duration;
import java.util.Objects;

/**
 * How the relay watches its terminations for events (see {@link MediaEvent}).
 *
 * @param sweepInterval how often each event loop looks at its terminations' counters (the resolution of every
 *     event time below)
 * @param defaultInactivityTime media inactivity detection time when the controller asks for detection without one
 * @param authFailureBurst authentication failures within {@code authFailureWindow} that make a burst
 * @param authFailureWindow the sliding window of a burst (a whole number of sweeps, at most
 *     {@value #MAX_WINDOW_SWEEPS})
 * @param minBurstInterval at least this long between two burst events of one termination (rate limit)
 * @param maxEventsPerSweep events one loop hands on per sweep; the rest wait for the next sweep
 */
public record MediaEventConfig(Duration sweepInterval, Duration defaultInactivityTime, int authFailureBurst,
    Duration authFailureWindow, Duration minBurstInterval, int maxEventsPerSweep) {
  public static final int MAX_WINDOW_SWEEPS = 256;
  /** 1 s sweeps, 30 s inactivity, 10 failures in 5 s, at most one burst event per termination per 30 s, 64 per sweep. */
  public static final MediaEventConfig DEFAULT = new MediaEventConfig(Duration.ofSeconds(1), Duration.ofSeconds(30),
      10, Duration.ofSeconds(5), Duration.ofSeconds(30), 64);

  public MediaEventConfig {
    Objects.requireNonNull(sweepInterval, "sweepInterval");
    Objects.requireNonNull(defaultInactivityTime, "defaultInactivityTime");
    Objects.requireNonNull(authFailureWindow, "authFailureWindow");
    Objects.requireNonNull(minBurstInterval, "minBurstInterval");
    if (sweepInterval.toMillis() < 1) {
      throw new IllegalArgumentException("sweep interval must be at least 1 ms");
    }
    if (defaultInactivityTime.compareTo(sweepInterval) < 0) {
      throw new IllegalArgumentException("inactivity time must be at least one sweep interval");
    }
    if (authFailureBurst < 1) {
      throw new IllegalArgumentException("a burst is at least one failure");
    }
    if (authFailureWindow.compareTo(sweepInterval) < 0
        || windowSweeps(authFailureWindow, sweepInterval) > MAX_WINDOW_SWEEPS) {
      throw new IllegalArgumentException("burst window must be 1.." + MAX_WINDOW_SWEEPS + " sweep intervals");
    }
    if (minBurstInterval.isNegative()) {
      throw new IllegalArgumentException("minimum burst interval must not be negative");
    }
    if (maxEventsPerSweep < 1) {
      throw new IllegalArgumentException("at least one event per sweep");
    }
  }

  /** Sweeps per burst window (rounded up). */
  int windowSweeps() {
    return (int) windowSweeps(authFailureWindow, sweepInterval);
  }

  private static long windowSweeps(Duration window, Duration sweep) {
    return (window.toNanos() + sweep.toNanos() - 1) / sweep.toNanos();
  }
}
