package ims.pcscf.sip;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * RFC 3261 16.6 step 11 / 16.7 step 2 / 16.8: the proxy's timer C of one forwarded INVITE. Started
 * when the INVITE leaves, restarted by each provisional response (101-199), stopped by a final one;
 * on expiry {@code onExpiry} runs once (never after {@link #stop}). Thread-safe (one monitor).
 */
final class TimerC {
  private final ScheduledExecutorService scheduler;
  private final Duration duration;
  private Runnable onExpiry = () -> { };
  private ScheduledFuture<?> pending;
  private boolean expired;
  private boolean stopped;

  TimerC(ScheduledExecutorService scheduler, Duration duration) {
    this.scheduler = scheduler;
    this.duration = duration;
  }

  /** Starts the timer with what runs on expiry (once, before any {@link #restart}). */
  synchronized void start(Runnable onExpiry) {
    this.onExpiry = onExpiry;
    restart();
  }

  /** Restarts the timer unless it expired or was stopped. */
  synchronized void restart() {
    if (expired || stopped) {
      return;
    }
    if (pending != null) {
      pending.cancel(false);
    }
    pending = scheduler.schedule(this::fire, duration.toNanos(), TimeUnit.NANOSECONDS);
  }

  synchronized void stop() {
    stopped = true;
    if (pending != null) {
      pending.cancel(false);
    }
  }

  /** True once the timer fired: the caller has had its 408, the transaction's answers are absorbed. */
  synchronized boolean expired() {
    return expired;
  }

  private void fire() {
    Runnable expiry;
    synchronized (this) {
      if (expired || stopped) {
        return;
      }
      expired = true;
      expiry = onExpiry;
    }
    expiry.run();
  }
}
