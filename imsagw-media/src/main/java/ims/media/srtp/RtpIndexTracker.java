package ims.media.srtp;

/**
 * SRTP packet index (ROC || SEQ) estimation, RFC 3711 section 3.3.1 and Appendix A, on top of a replay window
 * whose highest index is the RFC's s_l with its ROC.
 *
 * <p>One deviation shared with libsrtp: while ROC is 0 the estimate never goes to ROC - 1 (that index does not
 * exist; RFC arithmetic modulo 2^32 would give ROC 2^32 - 1).
 */
final class RtpIndexTracker {
  private static final int HALF = 1 << 15;

  final ReplayWindow window;
  /** ROC for the first packet (before any packet was accepted). */
  private long initialRoc;

  RtpIndexTracker(int windowSize) {
    this.window = new ReplayWindow(windowSize);
  }

  /** The 48-bit index the packet with sequence number {@code seq} most likely has. */
  long estimate(int seq) {
    if (!window.started()) {
      return (initialRoc << 16) | seq;
    }
    long highest = window.highest();
    long roc = highest >>> 16;
    int sl = (int) (highest & 0xFFFF);
    long v = roc;
    if (sl < HALF) {
      if (seq - sl > HALF && roc > 0) {
        v = roc - 1;
      }
    } else if (sl - HALF > seq) {
      v = roc + 1;
    }
    return ((v & 0xFFFF_FFFFL) << 16) | seq;
  }

  /** Current ROC (of the highest index accepted, or the initial ROC). */
  long roc() {
    return window.started() ? window.highest() >>> 16 : initialRoc;
  }

  /**
   * Sets the ROC: before the first packet, the first packet's index becomes roc || SEQ; afterwards the highest
   * index keeps its SEQ, takes this ROC and the window restarts (libsrtp's srtp_set_stream_roc).
   */
  void setRoc(long roc) {
    if (window.started()) {
      window.restartAt((roc << 16) | (window.highest() & 0xFFFF));
    } else {
      initialRoc = roc;
    }
  }
}
