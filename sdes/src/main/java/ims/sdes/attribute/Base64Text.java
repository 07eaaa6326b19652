package ims.sdes.attribute;

/**
 * Strict base64 (RFC 4648 section 4, the key-salt of RFC 4568) over char arrays, so that neither
 * the text nor the decoded key lands in an immutable String. Callers wipe what they get.
 *
 * <p>Strict means: only the base64 alphabet; padding only at the end, and then exactly as RFC 4648
 * requires for the length; no line breaks or spaces; the unused low bits of the last symbol zero
 * (RFC 4648 section 3.5). Text without any padding is accepted, because RFC 4568 section 6.1 has
 * the decoder discard padding; a partial padding ({@code "xx="} for one byte) is not.
 */
final class Base64Text {
  private Base64Text() {}

  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

  static boolean isAlphabet(char c) {
    return valueOf(c) >= 0;
  }

  /** Symbol value per ASCII character, -1 outside the alphabet. */
  private static final byte[] VALUES = new byte[128];

  static {
    java.util.Arrays.fill(VALUES, (byte) -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      VALUES[ALPHABET[i]] = (byte) i;
    }
  }

  private static int valueOf(char c) {
    return c < 128 ? VALUES[c] : -1;
  }

  /**
   * Number of decoded bytes, or -1 when {@code text[from, to)} is not strict base64: alphabet
   * characters, then either the padding RFC 4648 requires for the length or no padding at all
   * (RFC 4568 section 6.1 discards padding when decoding), and zero unused bits in the last symbol.
   */
  static int decodedLength(char[] text, int from, int to) {
    int n = to - from;
    int pad = 0;
    while (pad < 2 && n - pad > 0 && text[to - 1 - pad] == '=') {
      pad++;
    }
    int symbols = n - pad;
    if (symbols < 2 || symbols % 4 == 1 || (pad > 0 && n % 4 != 0)) {
      return -1;
    }
    for (int i = from; i < from + symbols; i++) {
      if (!isAlphabet(text[i])) {
        return -1;
      }
    }
    int tail = symbols % 4;
    int last = tail == 0 ? 0 : valueOf(text[from + symbols - 1]);
    if ((tail == 2 && (last & 0x0F) != 0) || (tail == 3 && (last & 0x03) != 0)) {
      return -1;
    }
    return symbols / 4 * 3 + (tail == 0 ? 0 : tail - 1);
  }

  /** Decodes strict base64 (see {@link #decodedLength}); returns a fresh array. */
  static byte[] decode(char[] text, int from, int to) {
    int length = decodedLength(text, from, to);
    if (length < 0) {
      throw new IllegalArgumentException("not strict base64");
    }
    return decodeChecked(text, from, to, length);
  }

  /**
   * Decodes text for which {@link #decodedLength} returned {@code length} (not -1), without checking it
   * again: four symbols (three bytes) at a time, then the one or two bytes of a short last group.
   */
  static byte[] decodeChecked(char[] text, int from, int to, int length) {
    byte[] out = new byte[length];
    int symbols = to - from;
    while (symbols > 0 && text[from + symbols - 1] == '=') {
      symbols--;
    }
    int i = from;
    int o = 0;
    for (int full = from + symbols / 4 * 4; i < full; i += 4) {
      int v = VALUES[text[i]] << 18 | VALUES[text[i + 1]] << 12 | VALUES[text[i + 2]] << 6 | VALUES[text[i + 3]];
      out[o++] = (byte) (v >>> 16);
      out[o++] = (byte) (v >>> 8);
      out[o++] = (byte) v;
    }
    int tail = symbols % 4; // 0, 2 or 3: decodedLength refused 1
    if (tail >= 2) {
      int v = VALUES[text[i]] << 18 | VALUES[text[i + 1]] << 12 | (tail == 3 ? VALUES[text[i + 2]] << 6 : 0);
      out[o++] = (byte) (v >>> 16);
      if (tail == 3) {
        out[o] = (byte) (v >>> 8);
      }
    }
    return out;
  }

  /**
   * Decodes {@code text[from, to)} if it is strict base64 (as {@link #decodedLength} defines it) of exactly
   * {@code expected} bytes, else returns null (then {@link #decodedLength} tells which of the two it is not).
   * One pass checks and decodes together: the usual key of the length its suite needs costs no separate
   * check of every character. Nothing is left in the returned-null case (the partial output is wiped).
   */
  static byte[] decodeExpected(char[] text, int from, int to, int expected) {
    int n = to - from;
    int pad = 0;
    while (pad < 2 && n - pad > 0 && text[to - 1 - pad] == '=') {
      pad++;
    }
    int symbols = n - pad;
    int tail = symbols % 4;
    if (symbols < 2 || tail == 1 || (pad > 0 && n % 4 != 0)
        || symbols / 4 * 3 + (tail == 0 ? 0 : tail - 1) != expected) {
      return null;
    }
    byte[] out = new byte[expected];
    int values = 0; // OR of every symbol value: negative if one character is outside the alphabet
    int chars = 0; // OR of every character: a bit above 0x7F set if one is not ASCII
    int i = from;
    int o = 0;
    for (int full = from + symbols / 4 * 4; i < full; i += 4) {
      char c0 = text[i];
      char c1 = text[i + 1];
      char c2 = text[i + 2];
      char c3 = text[i + 3];
      chars |= c0 | c1 | c2 | c3;
      int v0 = VALUES[c0 & 0x7F];
      int v1 = VALUES[c1 & 0x7F];
      int v2 = VALUES[c2 & 0x7F];
      int v3 = VALUES[c3 & 0x7F];
      values |= v0 | v1 | v2 | v3;
      int v = v0 << 18 | v1 << 12 | v2 << 6 | v3;
      out[o++] = (byte) (v >>> 16);
      out[o++] = (byte) (v >>> 8);
      out[o++] = (byte) v;
    }
    if (tail >= 2) {
      char c0 = text[i];
      char c1 = text[i + 1];
      char c2 = tail == 3 ? text[i + 2] : 'A';
      chars |= c0 | c1 | c2;
      int v0 = VALUES[c0 & 0x7F];
      int v1 = VALUES[c1 & 0x7F];
      int v2 = VALUES[c2 & 0x7F];
      values |= v0 | v1 | v2;
      int unused = tail == 2 ? v1 & 0x0F : v2 & 0x03; // RFC 4648 section 3.5: the last symbol's spare bits are 0
      values |= unused == 0 ? 0 : -1;
      int v = v0 << 18 | v1 << 12 | v2 << 6;
      out[o++] = (byte) (v >>> 16);
      if (tail == 3) {
        out[o] = (byte) (v >>> 8);
      }
    }
    if (values < 0 || (chars & ~0x7F) != 0) {
      java.util.Arrays.fill(out, (byte) 0);
      return null;
    }
    return out;
  }

  /** Canonical padded encoding; returns a fresh array. */
  static char[] encode(byte[] data) {
    char[] out = new char[(data.length + 2) / 3 * 4];
    int o = 0;
    int i = 0;
    for (; i + 2 < data.length; i += 3) {
      int v = (data[i] & 0xFF) << 16 | (data[i + 1] & 0xFF) << 8 | (data[i + 2] & 0xFF);
      out[o++] = ALPHABET[v >>> 18];
      out[o++] = ALPHABET[(v >>> 12) & 0x3F];
      out[o++] = ALPHABET[(v >>> 6) & 0x3F];
      out[o++] = ALPHABET[v & 0x3F];
    }
    int rest = data.length - i;
    if (rest == 1) {
      int v = (data[i] & 0xFF) << 16;
      out[o++] = ALPHABET[v >>> 18];
      out[o++] = ALPHABET[(v >>> 12) & 0x3F];
      out[o++] = '=';
      out[o] = '=';
    } else if (rest == 2) {
      int v = (data[i] & 0xFF) << 16 | (data[i + 1] & 0xFF) << 8;
      out[o++] = ALPHABET[v >>> 18];
      out[o++] = ALPHABET[(v >>> 12) & 0x3F];
      out[o++] = ALPHABET[(v >>> 6) & 0x3F];
      out[o] = '=';
    }
    return out;
  }
}
