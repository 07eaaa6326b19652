package ims.sdes.sdp;

import ims.sdes.SdesParseException;

/** Number parsing shared by the RFC 5939 attributes. */
final class Capabilities {
  private Capabilities() {}

  /** RFC 5939 numbers are 1..2^31-1; we cap far lower: no real offer has more than a handful. */
  static final int MAX_NUMBER = 9_999;

  static int parseNumber(String s, String where) {
    if (s.isEmpty() || s.length() > 4) {
      throw new SdesParseException(where + " number must be 1.." + MAX_NUMBER, -1);
    }
    int v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new SdesParseException(where + " number must be 1.." + MAX_NUMBER, -1);
      }
      v = v * 10 + (c - '0');
    }
    if (v < 1) {
      throw new SdesParseException(where + " number must be 1.." + MAX_NUMBER, -1);
    }
    return v;
  }
}
