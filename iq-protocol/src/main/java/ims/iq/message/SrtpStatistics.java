package ims.iq.message;

/**
 * Names of our {@code srtps} package ("SRTP statistics"). No standard H.248 package counts SRTP discards or reports
 * key lifetime, so they live in this package of ours (not registered: a peer that does not know it answers 445 for
 * the names or simply omits them). The statistics are decimal counters per termination since it was added.
 */
public final class SrtpStatistics {
  /** Package name. */
  public static final String PACKAGE = "srtps";
  /** SRTP/SRTCP packets discarded because authentication failed. */
  public static final String AUTH_FAILED = "srtps/af";
  /** Packets discarded by the replay check (replayed or too old). */
  public static final String REPLAY_DISCARDED = "srtps/rd";
  /** Packets discarded as malformed (too short, bad header, unknown MKI). */
  public static final String MALFORMED_DISCARDED = "srtps/md";
  /** Packets sent and received protected (after successful protect/unprotect). */
  public static final String PROTECTED_SENT = "srtps/ps";
  public static final String UNPROTECTED_RECEIVED = "srtps/pr";
  /** Event: the SRTP master key of a termination reached its lifetime (RFC 4568 lifetime parameter). */
  public static final String KEY_LIFETIME_EVENT = "srtps/kl";
  /**
   * Event: a burst of SRTP/SRTCP authentication failures on a termination (at least the gateway's configured number
   * within its window), reported once per burst; parameter {@code n} is the number of failures in the window.
   */
  public static final String AUTH_FAILURE_BURST_EVENT = "srtps/afb";

  private SrtpStatistics() {
  }
}
