package ims.media.srtp.interop;

import ims.media.srtp.SrtpStatus;

/** What a receiver (or sender) did with a packet, in terms both libsrtp and the Java engine can be mapped to. */
enum Verdict {
  ACCEPTED,
  AUTH_FAIL,
  /** The index is inside the replay window and was seen before. */
  REPLAY_FAIL,
  /** The index is older than the replay window. */
  REPLAY_OLD,
  UNKNOWN_MKI,
  MALFORMED,
  OTHER;

  /** Not an exhaustive switch on purpose: the engine may add reasons, which then count as OTHER here. */
  static Verdict ofJava(SrtpStatus status) {
    if (status.isMalformed()) return MALFORMED;
    return switch (status.name()) {
      case "OK" -> ACCEPTED;
      case "AUTH_FAIL" -> AUTH_FAIL;
      case "REPLAY_FAIL" -> REPLAY_FAIL;
      case "REPLAY_OLD" -> REPLAY_OLD;
      case "UNKNOWN_MKI" -> UNKNOWN_MKI;
      default -> OTHER;
    };
  }

  /** libsrtp 2.5 status names as printed by srtp_peer.c. */
  static Verdict ofLibsrtp(String status) {
    return switch (status) {
      case "ok" -> ACCEPTED;
      case "auth_fail" -> AUTH_FAIL;
      case "replay_fail" -> REPLAY_FAIL;
      case "replay_old" -> REPLAY_OLD;
      case "bad_mki" -> UNKNOWN_MKI;
      case "parse_err", "bad_param" -> MALFORMED;
      default -> OTHER;
    };
  }
}
