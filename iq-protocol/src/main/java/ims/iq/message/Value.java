package ims.iq.message;

import java.util.Objects;

/**
 * A property or parameter value (H.248.1 Annex B {@code VALUE}): a token of safe characters, or a quoted string
 * (which cannot contain a double quote). {@code quoted} records the form so that what was received is re-encoded
 * the same way.
 */
public record Value(String text, boolean quoted) {
  public static final int MAX_LENGTH = 4096;

  public Value {
    Objects.requireNonNull(text, "text");
    if (text.length() > MAX_LENGTH) throw new IllegalArgumentException("value too long");
    if (quoted) {
      if (text.indexOf('"') >= 0) throw new IllegalArgumentException("a quoted value cannot contain '\"'");
    } else if (!isSafeToken(text)) {
      throw new IllegalArgumentException("not a token value (quote it): " + text);
    }
  }

  /** The value as a token when it is one, else quoted. */
  public static Value of(String text) {
    return new Value(text, !isSafeToken(text));
  }

  public static Value of(long number) {
    return new Value(Long.toString(number), false);
  }

  public static Value quoted(String text) {
    return new Value(text, true);
  }

  /** The value as a number, for counters and integer properties. */
  public java.util.OptionalLong asLong() {
    try {
      return java.util.OptionalLong.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return java.util.OptionalLong.empty();
    }
  }

  /** H.248.1 {@code SafeChar}: DIGIT / ALPHA / "+" / "-" / "&" / "!" / "_" / "/" / "'" / "?" / "@" / "^" / "`" / "~" /
   * "*" / "$" / "\" / "(" / ")" / "%" / "|" / ".". */
  public static boolean isSafeChar(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "+-&!_/'?@^`~*$\\()%|.".indexOf(c) >= 0;
  }

  public static boolean isSafeToken(CharSequence text) {
    if (text.isEmpty()) return false;
    for (int i = 0; i < text.length(); i++) {
      if (!isSafeChar(text.charAt(i))) return false;
    }
    return true;
  }

  @Override
  public String toString() {
    return quoted ? '"' + text + '"' : text;
  }
}
