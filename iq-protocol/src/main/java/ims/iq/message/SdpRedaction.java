package ims.iq.message;

/**
 * Removes SRTP key material from text meant for logs and {@code toString()}: the characters after each
 * {@code inline:} (RFC 4568 key-params, case-insensitive) up to {@code |}, {@code ;} or white space become
 * {@code <redacted>}. Lifetime and MKI after {@code |} stay visible.
 */
public final class SdpRedaction {
  public static final String REDACTED = "<redacted>";
  private static final String INLINE = "inline:";

  private SdpRedaction() {
  }

  public static String redact(CharSequence text) {
    var out = new StringBuilder(text.length());
    int i = 0;
    int n = text.length();
    while (i < n) {
      if (startsWithInline(text, i)) {
        out.append(text, i, i + INLINE.length()).append(REDACTED);
        i += INLINE.length();
        while (i < n && !endsKey(text.charAt(i))) i++;
      } else {
        out.append(text.charAt(i++));
      }
    }
    return out.toString();
  }

  private static boolean startsWithInline(CharSequence text, int at) {
    if (at + INLINE.length() > text.length()) return false;
    for (int k = 0; k < INLINE.length(); k++) {
      if (Character.toLowerCase(text.charAt(at + k)) != INLINE.charAt(k)) return false;
    }
    return true;
  }

  private static boolean endsKey(char c) {
    return c == '|' || c == ';' || Character.isWhitespace(c);
  }
}
