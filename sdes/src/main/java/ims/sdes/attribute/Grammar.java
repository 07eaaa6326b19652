package ims.sdes.attribute;

/** Character classes of the RFC 4568 section 9.1 grammar (RFC 5234 core rules). */
final class Grammar {
  private Grammar() {}

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAlpha(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  /** WSP = SP / HTAB. */
  static boolean isWsp(char c) {
    return c == ' ' || c == '\t';
  }

  /** VCHAR = %x21-7E. */
  static boolean isVchar(char c) {
    return c >= 0x21 && c <= 0x7E;
  }

  /** ALPHA / DIGIT / "_": crypto-suite and key-method characters. */
  static boolean isNameChar(char c) {
    return isAlpha(c) || isDigit(c) || c == '_';
  }

  static boolean isSuiteName(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isNameChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean isDigits(CharSequence s, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
