package ims.media.relay;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Notices a controller that has gone away: when an activity counter (e.g. the datagrams the Iq transport received,
 * {@code server.transportStats().received()}, which the controller's ROOT link checks keep moving) has not changed
 * for the grace time, {@code onLost} runs once (typically {@link RelayGatewayHandler#releaseAll()}), and again only
 * after activity resumed and stopped anew.
 *
 * <p>Checks run every quarter of the grace time on one daemon thread of its own. Over UDP nothing else tells the
 * gateway that its controller is gone: the {@code IqGatewayServer} offers no link-loss callback.
 */
public final class ControllerWatchdog implements AutoCloseable {
  private final LongSupplier activity;
  private final long graceNanos;
  private final Runnable onLost;
  private final ScheduledExecutorService timer;
  private long lastValue;
  private long lastChangeNanos;
  private boolean fired;

  /** Not scheduled: {@link #check} is driven by the caller (tests give explicit times). */
  ControllerWatchdog(LongSupplier activity, Duration grace, Runnable onLost, long nowNanos) {
    this(activity, grace, onLost, nowNanos, null);
  }

  private ControllerWatchdog(LongSupplier activity, Duration grace, Runnable onLost, long nowNanos,
      ScheduledExecutorService timer) {
    this.activity = Objects.requireNonNull(activity, "activity");
    this.onLost = Objects.requireNonNull(onLost, "onLost");
    if (grace.isNegative() || grace.isZero()) {
      throw new IllegalArgumentException("grace time must be positive");
    }
    this.graceNanos = grace.toNanos();
    this.lastValue = activity.getAsLong();
    this.lastChangeNanos = nowNanos;
    this.timer = timer;
  }

  /** Starts watching; {@code onLost} runs on the watchdog's thread and must not block for long. */
  public static ControllerWatchdog start(LongSupplier activity, Duration grace, Runnable onLost) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "iq-controller-watchdog");
      t.setDaemon(true);
      return t;
    });
    var dog = new ControllerWatchdog(activity, grace, onLost, System.nanoTime(), timer);
    long period = Math.max(1, dog.graceNanos / 4);
    timer.scheduleAtFixedRate(() -> dog.check(System.nanoTime()), period, period, TimeUnit.NANOSECONDS);
    return dog;
  }

  /** One check at {@code nowNanos}; true when it declared the controller lost. */
  synchronized boolean check(long nowNanos) {
    long value = activity.getAsLong();
    if (value != lastValue) {
      lastValue = value;
      lastChangeNanos = nowNanos;
      fired = false;
      return false;
    }
    if (!fired && nowNanos - lastChangeNanos >= graceNanos) {
      fired = true;
      onLost.run();
      return true;
    }
    return false;
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
