package ims.iq.transport;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition that a timer elsewhere will make true, with a deadline (no fixed sleeps). */
public final class Await {
  private Await() {}

  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) throw new AssertionError("timed out waiting until " + what);
      LockSupport.parkNanos(5_000_000);
    }
  }

  public static <T> T value(String what, Duration timeout, Supplier<T> supplier, java.util.function.Predicate<T> ok) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T v = supplier.get();
      if (ok.test(v)) return v;
      if (System.nanoTime() - deadline > 0) throw new AssertionError("timed out waiting until " + what + "; last: " + v);
      LockSupport.parkNanos(5_000_000);
    }
  }
}
