package ims.media.relay;

/**
 * The drop-summary budget of one event loop: besides each termination's own limit (one summary per termination per
 * interval), at most {@value #LINES_PER_INTERVAL} summaries per {@link #INTERVAL_NANOS} over all the loop's
 * terminations, so a flood of garbage at thousands of ports does not become a flood of log lines. Lines held back
 * are counted and reported with the next line. Confined to the loop.
 */
final class DropLog {
  static final int LINES_PER_INTERVAL = 10;
  static final long INTERVAL_NANOS = 10_000_000_000L;

  private long windowStart;
  private boolean started;
  private int lines;
  private long heldBack;

  /** True when a summary may be logged at {@code now}; otherwise it is counted as held back. */
  boolean tryLog(long now) {
    if (!started || now - windowStart >= INTERVAL_NANOS) {
      started = true;
      windowStart = now;
      lines = 0;
    }
    if (lines < LINES_PER_INTERVAL) {
      lines++;
      return true;
    }
    heldBack++;
    return false;
  }

  /** Summaries held back since the last call. */
  long takeHeldBack() {
    long n = heldBack;
    heldBack = 0;
    return n;
  }
}
