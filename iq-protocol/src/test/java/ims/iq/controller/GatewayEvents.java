package ims.iq.controller;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** Waiting for a controller listener's events in tests. */
final class GatewayEvents {
  private GatewayEvents() {}

  /** The next event of {@code type} in {@code events}, skipping and dropping the others; fails after {@code wait}. */
  static <E extends GatewayEvent> E next(BlockingQueue<GatewayEvent> events, Class<E> type, Duration wait)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      GatewayEvent e = events.poll(100, TimeUnit.MILLISECONDS);
      if (type.isInstance(e)) return type.cast(e);
    }
    throw new AssertionError("no " + type.getSimpleName() + " event");
  }
}
