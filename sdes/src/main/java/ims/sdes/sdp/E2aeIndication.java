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
    String t = line.text();
    int colon = t.indexOf(':', 2);
    if (colon < 0) {
      return OTHER;
    }
    int start = colon + 1; // the value, stripped as String.strip() would, without copying it
    int end = t.length();
    while (start < end && Character.isWhitespace(t.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(t.charAt(end - 1))) {
      end--;
    }
    return is(t, start, end, "requested") ? REQUESTED : is(t, start, end, "applied") ? APPLIED : OTHER;
  }

  private static boolean is(String text, int start, int end, String value) {
    return end - start == value.length() && text.startsWith(value, start);
  }

  /** The line text the P-CSCF writes: {@code a=3ge2ae:applied}. */
  public static final String APPLIED_LINE = "a=3ge2ae:applied";
}
