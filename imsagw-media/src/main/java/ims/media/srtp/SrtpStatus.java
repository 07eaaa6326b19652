package ims.media.srtp;

/**
 * Outcome of one protect or unprotect call (libsrtp's {@code srtp_err_status_t}, one value per reason).
 *
 * <p>The {@code byte[]} methods of the contexts return an {@code int}: the new packet length when
 * {@code >= 0}, otherwise {@link #code()} of the failure; {@link #ofResult(int)} maps it back without
 * allocating. Every status except {@link #OK} leaves the caller's buffer and the context's state
 * (ROC, replay window, key usage) as they were.
 */
public enum SrtpStatus {
  OK,
  /** Authentication tag (or AEAD tag) did not verify. */
  AUTH_FAIL,
  /** The packet index was already received (inside the replay window); also a repeated index on protect. */
  REPLAY_FAIL,
  /** The packet index is older than the replay window. */
  REPLAY_OLD,
  /** The master key reached its lifetime (or the SRTCP index space is exhausted); it is not used again. */
  KEY_EXPIRED,
  /** Shorter than a fixed RTP (12) or RTCP (8) header. */
  MALFORMED_TOO_SHORT,
  /** RTP/RTCP version is not 2. */
  MALFORMED_BAD_VERSION,
  /** The CSRC list runs past the end of the packet (before the SRTP trailer). */
  MALFORMED_CSRC_PAST_END,
  /** The header extension runs past the end of the packet (before the SRTP trailer). */
  MALFORMED_EXTENSION_PAST_END,
  /** The RTP padding count is zero or larger than the payload. */
  MALFORMED_PADDING_PAST_END,
  /** The packet is too short to hold the header plus the SRTCP index, MKI and tag. */
  MALFORMED_TAG_MISSING,
  /** The MKI in the packet names no master key of this context. */
  UNKNOWN_MKI,
  /** The packet's SSRC is not the SSRC this context was created for. */
  WRONG_SSRC,
  /** Protect: not enough room after the packet for MKI, SRTCP index and tag. */
  BUFFER_TOO_SMALL,
  /** The context was closed; its keys are gone. */
  CONTEXT_CLOSED;

  private static final SrtpStatus[] VALUES = values();

  /** Negative result code of this status ({@code 0} for OK, which the length replaces). */
  public int code() {
    return -ordinal();
  }

  /** Status of an {@code int} result of a {@code byte[]} protect/unprotect call. */
  public static SrtpStatus ofResult(int result) {
    if (result >= 0) {
      return OK;
    }
    if (-result >= VALUES.length) {
      throw new IllegalArgumentException("not an SRTP result code: " + result);
    }
    return VALUES[-result];
  }

  /** True for the {@code MALFORMED_*} reasons (the packet is not well-formed SRTP/SRTCP). */
  public boolean isMalformed() {
    return name().startsWith("MALFORMED_");
  }

  static int count() {
    return VALUES.length;
  }

  static SrtpStatus byOrdinal(int ordinal) {
    return VALUES[ordinal];
  }
}
