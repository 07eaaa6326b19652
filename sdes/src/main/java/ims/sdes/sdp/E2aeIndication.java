package ims.sdes.sdp;

/**
 * The value of the TS 24.229 media-level attribute {@code a=3ge2ae:<value>}. Whitespace after the colon
 * is tolerated ({@code a=3ge2ae: requested} occurs in conformance SDP). Values other than {@code requested}
 * and {@code applied} are {@link #OTHER}: ignored, not rejected.
 */
public enum E2aeIndication {
  /** "e2ae-security requested by UE", in an offer from a UE. */
  REQUESTED,
  /** "e2ae-security confirmed/offered by network", inserted by the P-CSCF toward a UE. */
  APPLIED,
  /** Any other token, or no value at all. */
  OTHER;

  public static final String ATTRIBUTE = "3ge2ae";

  /** The indication of an {@code a=3ge2ae} line. */
  public static E2aeIndication of(SdpLine line) {
    if (!line.isAttribute(ATTRIBUTE)) {
      throw new IllegalArgumentException("not an a=3ge2ae line");
    }
    int n = line.length(); // read in place: the line's text is not cut out of the body
    int colon = 2 + ATTRIBUTE.length();
    if (n == colon) { // isAttribute: the name is followed by the end of the line or by ':'
      return OTHER;
    }
    int start = colon + 1; // the value, stripped as String.strip() would
    int end = n;
    while (start < end && Character.isWhitespace(line.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(line.charAt(end - 1))) {
      end--;
    }
    return is(line, start, end, "requested") ? REQUESTED : is(line, start, end, "applied") ? APPLIED : OTHER;
  }

  private static boolean is(SdpLine line, int start, int end, String value) {
    if (end - start != value.length()) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      if (line.charAt(start + i) != value.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The line text the P-CSCF writes: {@code a=3ge2ae:applied}. */
  public static final String APPLIED_LINE = "a=3ge2ae:applied";
}
