package ims.iq.message;

/**
 * Statistics names of our SRTP counters. No standard H.248 package counts SRTP discards, so they live in our own
 * package {@code srtps} ("SRTP statistics", not registered with IANA: a peer that does not know it answers 445 for
 * the names or simply omits them). All are UINT32/64 decimal counters per termination since it was added.
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

  private SrtpStatistics() {
  }
}
