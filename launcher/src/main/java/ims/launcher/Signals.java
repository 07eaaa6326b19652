package ims.launcher;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT start the graceful stop (and the process then exits 0, which systemd reads as a clean stop,
 * rather than the 143/130 of the JVM's default handling); a second signal while stopping (2 s or more after the first) halts at once.
 */
final class Signals {
  /** A signal this soon after the first is the same stop (e.g. sent to the process and to its group). */
  private static final long SECOND_SIGNAL_GAP_NANOS = 2_000_000_000L;

  private Signals() {}

  static void onStop(Runnable stop) {
    var first = new java.util.concurrent.atomic.AtomicLong();
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), signal -> {
        long now = System.nanoTime();
        if (first.compareAndSet(0, now)) {
          stop.run();
        } else if (now - first.get() > SECOND_SIGNAL_GAP_NANOS) {
          System.err.println("ims-e2ae: second signal, stopping at once");
          Runtime.getRuntime().halt(ExitCode.INTERNAL);
        }
      });
    }
  }
}
