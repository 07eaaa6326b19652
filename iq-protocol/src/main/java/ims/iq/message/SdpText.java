package ims.iq.message;

import java.util.Arrays;

/**
 * The SDP text of a Local or Remote descriptor, as received or to be sent (RFC 4566 text; typed parsing is done by
 * callers with the {@code sdes} module). It may hold SRTP master keys, so it is a class rather than a string:
 * <ul>
 *   <li>the characters live in a private array that {@link #close()} zero-fills; reading after close is a bug and
 *       throws {@link IllegalStateException};</li>
 *   <li>{@link #toString()} shows the SDP with every {@code inline:} key redacted;</li>
 *   <li>{@link #text()} returns a {@code String}, which cannot be wiped: call it only where a string is needed (the
 *       SDP parser) and prefer {@link #copyChars()} where the caller can wipe its copy.</li>
 * </ul>
 * Equality compares the text (so decoded messages compare equal); {@code hashCode} depends only on the length, so no
 * key-derived value leaves the object. Not thread-safe against a concurrent {@code close()}.
 */
public final class SdpText implements AutoCloseable {
  public static final int MAX_LENGTH = 16 * 1024;

  private final char[] chars;
  private boolean closed;

  private SdpText(char[] chars) {
    this.chars = chars;
  }

  /**
   * Copies {@code text}; the caller keeps (and may wipe) its own. The text must be carried by the H.248 text
   * encoding: no NUL character and no backslash at the very end (it would escape the closing brace).
   */
  public static SdpText of(CharSequence text) {
    if (text.length() > MAX_LENGTH) throw new IllegalArgumentException("SDP longer than " + MAX_LENGTH);
    char[] copy = new char[text.length()];
    for (int i = 0; i < copy.length; i++) copy[i] = text.charAt(i);
    return checked(copy);
  }

  /** Copies {@code chars[from, to)}; the caller keeps (and may wipe) its own array. */
  public static SdpText of(char[] chars, int from, int to) {
    if (to - from > MAX_LENGTH) throw new IllegalArgumentException("SDP longer than " + MAX_LENGTH);
    return checked(Arrays.copyOfRange(chars, from, to));
  }

  private static SdpText checked(char[] chars) {
    boolean nul = false;
    for (char c : chars) nul |= c == '\0';
    if (nul || (chars.length > 0 && chars[chars.length - 1] == '\\')) {
      Arrays.fill(chars, '\0');
      throw new IllegalArgumentException("SDP with a NUL character or a final backslash cannot be encoded");
    }
    return new SdpText(chars);
  }

  public int length() {
    return chars.length;
  }

  /** The text as a string (not wipeable; see the class comment). */
  public String text() {
    checkOpen();
    return new String(chars);
  }

  /** A copy the caller owns and should wipe. */
  public char[] copyChars() {
    checkOpen();
    return chars.clone();
  }

  /** The text with {@code inline:} keys replaced by {@code <redacted>}; safe for logs. */
  public String redacted() {
    return closed ? "<closed>" : SdpRedaction.redact(java.nio.CharBuffer.wrap(chars));
  }

  public boolean isClosed() {
    return closed;
  }

  /** Zero-fills the characters. Idempotent. */
  @Override
  public void close() {
    Arrays.fill(chars, '\0');
    closed = true;
  }

  private void checkOpen() {
    if (closed) throw new IllegalStateException("SDP text already wiped");
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SdpText other) || other.chars.length != chars.length) return false;
    int diff = 0;
    for (int i = 0; i < chars.length; i++) diff |= chars[i] ^ other.chars[i];
    return diff == 0 && closed == other.closed;
  }

  @Override
  public int hashCode() {
    return chars.length;
  }

  @Override
  public String toString() {
    return redacted();
  }
}
