package ims.sdes.sdp;

/**
 * The attribute names the transforms look up, one bit each. Every {@link SdpLine} knows the bit of its own
 * name from the moment it is made (the parser sees the name anyway), so a section's look-ups compare one
 * field per line instead of the name's characters, and a section learns which names it has without a scan.
 */
final class TrackedAttributes {
  private TrackedAttributes() {}

  static final int CRYPTO = 1;
  static final int E2AE = 2;
  static final int KEY_MGMT = 4;
  static final int TCAP = 8;
  static final int ACAP = 16;
  static final int PCFG = 32;
  static final int ACFG = 64;
  static final int RTCP = 128;
  static final int RTCP_MUX = 256;

  /**
   * The bit of {@code name} if it is one of the name constants themselves ({@link MediaSection#CRYPTO} ...),
   * else 0. Identity only: inlined with a constant argument, the JIT folds it to a constant; a name that
   * merely equals a tracked one gets 0, and its caller then compares the text.
   */
  static int ofConstant(String name) {
    if (name == MediaSection.CRYPTO) {
      return CRYPTO;
    } else if (name == E2aeIndication.ATTRIBUTE) {
      return E2AE;
    } else if (name == MediaSection.KEY_MGMT) {
      return KEY_MGMT;
    } else if (name == MediaSection.RTCP) {
      return RTCP;
    } else if (name == MediaSection.RTCP_MUX) {
      return RTCP_MUX;
    } else if (name == TransportCapability.ATTRIBUTE) {
      return TCAP;
    } else if (name == AttributeCapability.ATTRIBUTE) {
      return ACAP;
    } else if (name == Configuration.POTENTIAL) {
      return PCFG;
    } else if (name == Configuration.ACTUAL) {
      return ACFG;
    }
    return 0;
  }

  /** The bit of {@code name} (compared by value), or 0 for names not tracked. */
  static int of(String name) {
    int bit = ofConstant(name);
    if (bit != 0) {
      return bit;
    }
    return switch (name) {
      case MediaSection.CRYPTO -> CRYPTO;
      case E2aeIndication.ATTRIBUTE -> E2AE;
      case MediaSection.KEY_MGMT -> KEY_MGMT;
      case TransportCapability.ATTRIBUTE -> TCAP;
      case AttributeCapability.ATTRIBUTE -> ACAP;
      case Configuration.POTENTIAL -> PCFG;
      case Configuration.ACTUAL -> ACFG;
      case MediaSection.RTCP -> RTCP;
      case MediaSection.RTCP_MUX -> RTCP_MUX;
      default -> 0;
    };
  }

  /**
   * The bit of the line {@code s[start, end)}, or 0 if it is not an {@code a=} line of a tracked name. The
   * name matches as {@link SdpLine#isAttribute(String)} defines it: followed by the end of the line or ':'.
   */
  static int ofLine(String s, int start, int end) {
    if (end - start < 3 || s.charAt(start) != 'a') {
      return 0;
    }
    return switch (s.charAt(start + 2)) { // the name's first character picks the one or two candidates
      case 'c' -> named(s, start, end, MediaSection.CRYPTO) ? CRYPTO : 0;
      case '3' -> named(s, start, end, E2aeIndication.ATTRIBUTE) ? E2AE : 0;
      case 'k' -> named(s, start, end, MediaSection.KEY_MGMT) ? KEY_MGMT : 0;
      case 't' -> named(s, start, end, TransportCapability.ATTRIBUTE) ? TCAP : 0;
      case 'a' -> named(s, start, end, AttributeCapability.ATTRIBUTE) ? ACAP
          : named(s, start, end, Configuration.ACTUAL) ? ACFG : 0;
      case 'p' -> named(s, start, end, Configuration.POTENTIAL) ? PCFG : 0;
      case 'r' -> named(s, start, end, MediaSection.RTCP) ? RTCP
          : named(s, start, end, MediaSection.RTCP_MUX) ? RTCP_MUX : 0;
      default -> 0;
    };
  }

  /** True if {@code s[start, end)} is {@code a=<name>} or starts with {@code a=<name>:}. */
  static boolean named(String s, int start, int end, String name) {
    int n = name.length();
    int nameEnd = start + 2 + n;
    if (end < nameEnd || (end > nameEnd && s.charAt(nameEnd) != ':')) {
      return false;
    }
    for (int i = 0; i < n; i++) { // names are short: a plain loop beats startsWith's vectorised mismatch call
      if (s.charAt(start + 2 + i) != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
