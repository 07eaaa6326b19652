package ims.sdes.attribute;

/**
 * Strict base64 (RFC 4648 section 4, the key-salt of RFC 4568) over char arrays, so that neither
 * the text nor the decoded key lands in an immutable String. Callers wipe what they get.
 *
 * <p>Strict means: only the base64 alphabet, padding only at the end and exactly as RFC 4648
 * requires for the length (a text whose length is not a multiple of 4 is rejected), and the unused
 * low bits of the last symbol must be zero (RFC 4648 section 3.5), so every key has one spelling.
 */
final class Base64Text {
  private Base64Text() {}

  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

  static boolean isAlphabet(char c) {
    return valueOf(c) >= 0;
  }

  private static int valueOf(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  }

  /** Number of decoded bytes, or -1 when {@code text[from, to)} is not strict base64. */
  static int decodedLength(char[] text, int from, int to) {
    int n = to - from;
    if (n == 0 || n % 4 != 0) {
      return -1;
    }
    int pad = 0;
    if (text[to - 1] == '=') pad++;
    if (text[to - 2] == '=') pad++;
    for (int i = from; i < to - pad; i++) {
      if (!isAlphabet(text[i])) {
        return -1;
      }
    }
    if (pad == 1 && (valueOf(text[to - 2]) & 0x03) != 0) return -1;
    if (pad == 2 && (valueOf(text[to - 3]) & 0x0F) != 0) return -1;
    return n / 4 * 3 - pad;
  }

  /** Decodes text already checked by {@link #decodedLength}; returns a fresh array. */
  static byte[] decode(char[] text, int from, int to) {
    int length = decodedLength(text, from, to);
    if (length < 0) {
      throw new IllegalArgumentException("not strict base64");
    }
    byte[] out = new byte[length];
    int o = 0;
    int acc = 0;
    int bits = 0;
    for (int i = from; i < to && text[i] != '='; i++) {
      acc = (acc << 6) | valueOf(text[i]);
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[o++] = (byte) (acc >>> bits);
        acc &= (1 << bits) - 1;
      }
    }
    acc = 0;
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
