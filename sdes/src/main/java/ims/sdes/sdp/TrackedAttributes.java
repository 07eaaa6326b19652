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

  /** The bit of {@code name} (compared by value), or 0 for names not tracked. Small, so it inlines and folds for a constant. */
  static int of(String name) {
    int bit = ofConstant(name);
    return bit != 0 ? bit : ofText(name);
  }

  private static int ofText(String name) {
    for (int k = 0; k < NAMES.length; k++) {
      if (NAMES[k].equals(name)) {
        return 1 << k;
      }
    }
    return 0;
  }

  /** The tracked names; name {@code k} has bit {@code 1 << k}. */
  private static final String[] NAMES = {MediaSection.CRYPTO, E2aeIndication.ATTRIBUTE, MediaSection.KEY_MGMT,
      TransportCapability.ATTRIBUTE, AttributeCapability.ATTRIBUTE, Configuration.POTENTIAL, Configuration.ACTUAL,
      MediaSection.RTCP, MediaSection.RTCP_MUX};
  private static final int ACAP_INDEX = 4;
  private static final int ACFG_INDEX = 6;
  private static final int RTCP_INDEX = 7;
  private static final int RTCP_MUX_INDEX = 8;
  /** By the name's first character (ASCII): 1 + the index of the one candidate (acap and rtcp stand for two), or 0. */
  private static final byte[] CANDIDATE = new byte[128];

  static {
    for (int k = 0; k < NAMES.length; k++) {
      if (k != ACFG_INDEX && k != RTCP_MUX_INDEX) {
        CANDIDATE[NAMES[k].charAt(0)] = (byte) (k + 1);
      }
    }
  }

  /**
   * The bit of the line {@code s[start, end)}, or 0 if it is not an {@code a=} line of a tracked name. The
   * name matches as {@link SdpLine#isAttribute(String)} defines it: followed by the end of the line or ':'.
   * Runs for every parsed a= line, so it is kept small enough to be inlined into the parser's loop: the
   * first character picks the one candidate (the third or fifth character tells acap from acfg and rtcp from
   * rtcp-mux), and one compare decides.
   */
  static int ofLine(String s, int start, int end) {
    if (end - start < 6 || s.charAt(start) != 'a') { // a=tcap, the shortest tracked line, has 6 characters
      return 0;
    }
    char first = s.charAt(start + 2);
    int k = first < 128 ? CANDIDATE[first] - 1 : -1;
    if (k < 0) {
      return 0;
    }
    if (k == ACAP_INDEX && s.charAt(start + 4) == 'f') {
      k = ACFG_INDEX;
    } else if (k == RTCP_INDEX && end - start > 6 && s.charAt(start + 6) == '-') {
      k = RTCP_MUX_INDEX;
    }
    return named(s, start, end, NAMES[k]) ? 1 << k : 0;
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
