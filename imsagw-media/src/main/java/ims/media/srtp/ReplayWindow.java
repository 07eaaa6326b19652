package ims.media.srtp;

/**
 * Sliding replay window over packet indices (RFC 3711 section 3.3.2): remembers the highest index accepted and
 * which of the {@code size} indices at and below it were seen. {@link #check} only reads; {@link #add} is called
 * after the packet authenticated.
 *
 * <p>The bitmap is circular (bit {@code index mod N}, N a power of two >= size), so advancing by one costs O(1).
 */
final class ReplayWindow {
  private final int size;
  private final long[] bits;
  private final long mask;
  private boolean started;
  private long highest;

  ReplayWindow(int size) {
    this.size = size;
    int n = Math.max(64, Integer.highestOneBit(size - 1) << 1);
    this.bits = new long[n / 64];
    this.mask = n - 1;
  }

  boolean started() {
    return started;
  }

  /** Highest index accepted so far; meaningless before {@link #started()}. */
  long highest() {
    return highest;
  }

  SrtpStatus check(long index) {
    if (!started || index > highest) {
      return SrtpStatus.OK;
    }
    if (highest - index >= size) {
      return SrtpStatus.REPLAY_OLD;
    }
    long bit = index & mask;
    return (bits[(int) (bit >>> 6)] & (1L << bit)) != 0 ? SrtpStatus.REPLAY_FAIL : SrtpStatus.OK;
  }

  void add(long index) {
    if (!started) {
      java.util.Arrays.fill(bits, 0);
      started = true;
      highest = index;
    } else if (index > highest) {
      long advance = index - highest;
      if (advance > mask) {
        java.util.Arrays.fill(bits, 0);
      } else {
        for (long i = highest + 1; i < index; i++) {
          long bit = i & mask;
          bits[(int) (bit >>> 6)] &= ~(1L << bit);
        }
      }
      highest = index;
    }
    long bit = index & mask;
    bits[(int) (bit >>> 6)] |= 1L << bit;
  }

  /** Restarts at {@code highest} with nothing else seen (a new ROC set from outside). */
  void restartAt(long newHighest) {
    java.util.Arrays.fill(bits, 0);
    started = true;
    highest = newHighest;
    long bit = newHighest & mask;
    bits[(int) (bit >>> 6)] |= 1L << bit;
  }
}
