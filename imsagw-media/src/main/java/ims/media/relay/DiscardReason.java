package ims.media.relay;

import ims.media.srtp.SrtpStatus;
import java.util.EnumMap;
import java.util.Map;

/** Why the relay dropped a packet; one counter each per termination (the termination that received it). */
public enum DiscardReason {
  /** SRTP/SRTCP authentication tag did not verify (wrong key, tampering, garbage with a valid header). */
  AUTH_FAILURE,
  /** Replayed, or older than the replay window. */
  REPLAY,
  /** Not RTP/RTCP, truncated, bad header, unknown MKI. */
  MALFORMED,
  /** From an address that is not the termination's remote (latching off, or before the first authentic packet). */
  UNKNOWN_SOURCE,
  /** The stream mode closes this direction (receiving termination or sending peer). */
  GATE_CLOSED,
  /** The master key reached its lifetime. */
  KEY_EXPIRED,
  /** A new SSRC beyond the termination's bound. */
  TOO_MANY_SSRCS,
  /** Nowhere to send it yet: no peer termination, or its remote address is unknown. */
  NO_ROUTE,
  /** Protecting toward the peer failed (e.g. a sequence number already sent under this key). */
  PROTECT_FAILED;

  static final DiscardReason[] VALUES = values();

  /** An immutable copy of {@code counts} with every reason present (0 where it had none): what the snapshots hold. */
  static Map<DiscardReason, Long> everyReason(Map<DiscardReason, Long> counts) {
    var copy = new EnumMap<DiscardReason, Long>(DiscardReason.class);
    for (DiscardReason r : VALUES) {
      copy.put(r, counts.getOrDefault(r, 0L));
    }
    return Map.copyOf(copy);
  }

  /** The sum of {@code counts}. */
  static long total(Map<DiscardReason, Long> counts) {
    long sum = 0;
    for (long n : counts.values()) {
      sum += n;
    }
    return sum;
  }

  /** The discard reason for a failed unprotect. */
  static DiscardReason ofUnprotect(SrtpStatus status) {
    return switch (status) {
      case AUTH_FAIL -> AUTH_FAILURE;
      case REPLAY_FAIL, REPLAY_OLD -> REPLAY;
      case KEY_EXPIRED, CONTEXT_CLOSED -> KEY_EXPIRED;
      case MALFORMED_TOO_SHORT, MALFORMED_BAD_VERSION, MALFORMED_CSRC_PAST_END, MALFORMED_EXTENSION_PAST_END,
          MALFORMED_PADDING_PAST_END, MALFORMED_TAG_MISSING, UNKNOWN_MKI, WRONG_SSRC, BUFFER_TOO_SMALL -> MALFORMED;
      case OK -> throw new IllegalArgumentException("OK is not a discard");
    };
  }
}
