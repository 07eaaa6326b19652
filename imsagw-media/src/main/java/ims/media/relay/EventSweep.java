package ims.media.relay;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event sweep of one event loop: the terminations living on the loop, looked at every sweep interval by a task on
 * that loop, so their counters are read by their own thread and the packet path does no event work at all. At most
 * {@link MediaEventConfig#maxEventsPerSweep()} events per sweep; the sweep starts at a rotating position so a
 * burst of events on some terminations does not starve the others. Confined to the loop, except {@link #start}.
 */
final class EventSweep implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(EventSweep.class);
  private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

  private final EventLoop loop;
  private final ArrayList<Termination> terminations = new ArrayList<>();
  private MediaEventConfig config;
  private Consumer<? super MediaEvent> listener;
  private ScheduledFuture<?> task;
  private int budget;
  private int nextStart;
  private long deferred;
  private long listenerFailures;
  private long lastLogNanos;
  private boolean logged;

  EventSweep(EventLoop loop) {
    this.loop = loop;
  }

  /** Starts sweeping with {@code listener} (replacing any earlier one); from any thread. */
  void start(MediaEventConfig newConfig, Consumer<? super MediaEvent> newListener) {
    Objects.requireNonNull(newConfig, "config");
    Objects.requireNonNull(newListener, "listener");
    loop.execute(() -> {
      stopOnLoop();
      config = newConfig;
      listener = newListener;
      for (Termination t : terminations) {
        t.startWatching(config, System.nanoTime());
      }
      long period = config.sweepInterval().toNanos();
      task = loop.scheduleAtFixedRate(this, period, period, TimeUnit.NANOSECONDS);
    });
  }

  /** Stops sweeping; from any thread. */
  void stop() {
    loop.execute(this::stopOnLoop);
  }

  private void stopOnLoop() {
    if (task != null) {
      task.cancel(false);
      task = null;
    }
    listener = null;
  }

  /** On the loop: a new termination. */
  void add(Termination t) {
    t.sweepIndex = terminations.size();
    terminations.add(t);
    if (config != null) {
      t.startWatching(config, System.nanoTime());
    }
  }

  /** On the loop: a released termination (swap with the last, O(1)). */
  void remove(Termination t) {
    int i = t.sweepIndex;
    if (i < 0) {
      return;
    }
    Termination last = terminations.remove(terminations.size() - 1);
    if (last != t) {
      terminations.set(i, last);
      last.sweepIndex = i;
    }
    t.sweepIndex = -1;
  }

  @Override
  public void run() {
    if (listener == null) {
      return;
    }
    long now = System.nanoTime();
    budget = config.maxEventsPerSweep();
    int n = terminations.size();
    if (n == 0) {
      return;
    }
    int start = nextStart % n;
    for (int k = 0; k < n; k++) {
      terminations.get((start + k) % n).sweep(now, this);
    }
    nextStart = start + 1;
    if ((deferred > 0 || listenerFailures > 0) && (!logged || now - lastLogNanos >= LOG_INTERVAL_NANOS)) {
      logged = true;
      lastLogNanos = now;
      log.warn("media events: {} deferred by the per-sweep bound, {} listener failures so far", deferred,
          listenerFailures);
    }
  }

  /** Hands {@code event} on if this sweep's budget allows; false when it must wait for the next sweep. */
  boolean emit(MediaEvent event) {
    if (budget == 0) {
      deferred++;
      return false;
    }
    budget--;
    try {
      listener.accept(event);
    } catch (RuntimeException e) {
      listenerFailures++;
    }
    return true;
  }

  MediaEventConfig config() {
    return config;
  }
}
