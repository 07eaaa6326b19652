package ims.pcscf.secagree;

/** RFC 3261 section 25.1 character classes used by the RFC 3329 grammar. */
final class SipTokens {
  private SipTokens() {}

  /** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"). */
  static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "-.!%*_+`'~".indexOf(c) >= 0;
  }

  /** Characters of a gen-value that is a token or a host (IPv6 references add brackets and colons). */
  static boolean isGenValueChar(char c) {
    return isTokenChar(c) || c == '[' || c == ']' || c == ':';
  }

  static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isTokenChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** A gen-value (RFC 3261 generic-param): token, host, or a complete quoted-string. */
  static boolean isGenValue(String s) {
    if (s.isEmpty()) {
      return false;
    }
    if (s.charAt(0) == '"') {
      return quotedStringEnd(s, 0) == s.length();
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isGenValueChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The index just after the closing DQUOTE of the quoted-string starting at {@code start}, or -1
   * when it is not terminated or holds a character quoted-string does not allow (CR, LF, NUL).
   */
  static int quotedStringEnd(CharSequence s, int start) {
    int i = start + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\') {
        if (i + 1 >= s.length()) {
          return -1;
        }
        char quoted = s.charAt(i + 1);
        if (quoted == '\r' || quoted == '\n') {
          return -1;
        }
        i += 2;
        continue;
      }
      if (c == '\r' || c == '\n' || c == 0) {
        return -1;
      }
      i++;
    }
    return -1;
  }
}
