package ims.sdes.sdp;

/**
 * The RFC 8866 section 9 grammar of a {@code c=} line's fields, read in place ({@code s[from, to)}) in one
 * left-to-right pass each, without regex or allocation: {@code nettype} and {@code addrtype} are tokens, and the
 * {@code connection-address} depends on them.
 *
 * <ul>
 *   <li>{@code IN IP4}: an {@code IP4-address} (first octet below 224), an {@code IP4-multicast} (224 to 239, with
 *       the {@code /ttl} section 5.7 requires and an optional {@code /numaddr}), or an {@code FQDN}.
 *   <li>{@code IN IP6}: an IPv6 address (RFC 4291 section 2.2, as RFC 8866 takes it), with {@code /numaddr} only
 *       for a multicast one (first group {@code ffxx}, RFC 4291 section 2.7), or an {@code FQDN}.
 *   <li>any other network or address type: an {@code extn-addr}, one or more visible characters.
 * </ul>
 *
 * <p>{@code FQDN} is {@code 4*(alpha-numeric / "-" / ".")}; text made only of digits and dots is never one (RFC
 * 1123 section 2.1: the top-level label is alphabetic), so it must be a valid dotted-decimal address instead.
 */
final class ConnectionGrammar {
  /** The address grammar a {@code c=} line's nettype and addrtype select. */
  static final int EXTENSION = 0;
  static final int IP4 = 1;
  static final int IP6 = 2;

  /** token-char = %x21 / %x23-27 / %x2A-2B / %x2D-2E / %x30-39 / %x41-5A / %x5E-7E, as a bit set over 0..127. */
  private static final long TOKEN_LOW = bits(0x21, 0x21) | bits(0x23, 0x27) | bits(0x2A, 0x2B) | bits(0x2D, 0x2E)
      | bits(0x30, 0x39);
  private static final long TOKEN_HIGH = highBits(0x41, 0x5A) | highBits(0x5E, 0x7E);

  private ConnectionGrammar() {}

  private static long bits(int from, int to) {
    long b = 0;
    for (int c = from; c <= to; c++) {
      b |= 1L << c;
    }
    return b;
  }

  private static long highBits(int from, int to) {
    long b = 0;
    for (int c = Math.max(from, 64); c <= to; c++) {
      b |= 1L << (c - 64);
    }
    return b;
  }

  static boolean isTokenChar(char c) {
    return c < 64 ? (TOKEN_LOW >>> c & 1) != 0 : c < 128 && (TOKEN_HIGH >>> (c - 64) & 1) != 0;
  }

  /** Whether {@code s[from, to)} is a non-empty token. */
  static boolean isToken(String s, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!isTokenChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The address grammar for the nettype {@code net[netFrom, netTo)} and addrtype {@code type[typeFrom, typeTo)}. */
  static int kind(String net, int netFrom, int netTo, String type, int typeFrom, int typeTo) {
    if (netTo - netFrom != 2 || !net.startsWith("IN", netFrom) || typeTo - typeFrom != 3) {
      return EXTENSION;
    }
    return type.startsWith("IP4", typeFrom) ? IP4 : type.startsWith("IP6", typeFrom) ? IP6 : EXTENSION;
  }

  /** Why {@code s[from, to)} is not a connection-address of {@code kind}, or null if it is one. */
  static String addressProblem(String s, int from, int to, int kind) {
    if (from >= to) {
      return "connection address is empty";
    }
    return switch (kind) {
      case IP4 -> ip4Problem(s, from, to);
      case IP6 -> ip6Problem(s, from, to);
      default -> visible(s, from, to) ? null : "connection address must be visible characters (RFC 8866 extn-addr)";
    };
  }

  /** One pass: the dotted-decimal address and its suffixes, or a domain name as soon as a letter shows one. */
  private static String ip4Problem(String s, int from, int to) {
    int octets = 0;
    int value = 0;
    int digits = 0;
    int first = -1;
    boolean quad = true; // what was read so far is a well-formed dotted-decimal prefix
    int i = from;
    for (; i < to; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (digits == 3 || digits == 1 && value == 0) { // a fourth digit, or a leading zero
          quad = false;
        } else {
          value = value * 10 + (c - '0');
        }
        digits++;
      } else if (c == '.') {
        if (digits == 0 || value > 255 || octets == 3) {
          quad = false;
        } else if (octets == 0) {
          first = value;
        }
        octets++;
        value = 0;
        digits = 0;
      } else if (c == '/') {
        break;
      } else {
        return fqdnProblem(s, from, to); // not all digits and dots: only a domain name is left
      }
    }
    if (!quad || octets != 3 || digits == 0 || value > 255) {
      return "IP4 connection address is not four decimal octets (RFC 8866 IP4-address)";
    }
    boolean multicast = first >= 224 && first <= 239;
    if (i == to) {
      if (multicast) {
        return "IPv4 multicast connection address without its /ttl (RFC 8866 section 5.7)";
      }
      return first < 224 ? null : "IPv4 connection address is neither unicast nor multicast";
    }
    if (!multicast) {
      return "only an IPv4 multicast address carries a /ttl";
    }
    int ttlFrom = ++i;
    while (i < to && s.charAt(i) != '/') {
      i++;
    }
    if (decimalUchar(s, ttlFrom, i) < 0) {
      return "multicast ttl is not 0 to 255 (RFC 8866 section 5.7)";
    }
    return i == to || isInteger(s, i + 1, to) ? null : "multicast /numaddr is not a positive integer";
  }

  /** Mostly one pass: the IPv6 text up to a {@code /}, then the suffix; a domain name if no colon came first. */
  private static String ip6Problem(String s, int from, int to) {
    int end = ip6End(s, from, to);
    if (end == NOT_IP6_NO_COLON) {
      if (digitsAndDots(s, from, to)) {
        return "IP6 connection address is neither an IPv6 address nor a domain name";
      }
      return fqdnProblem(s, from, to);
    }
    if (end < 0) {
      return "IP6 connection address is not an IPv6 address (RFC 4291 section 2.2)";
    }
    if (end == to) {
      return null;
    }
    // only a multicast address carries /numaddr: its first group is ffxx, four digits (groups were checked)
    if (end - from < 4 || (s.charAt(from) | 0x20) != 'f' || (s.charAt(from + 1) | 0x20) != 'f'
        || s.charAt(from + 2) == ':' || s.charAt(from + 3) == ':') {
      return "only an IPv6 multicast address carries a /numaddr";
    }
    return isInteger(s, end + 1, to) ? null : "multicast /numaddr is not a positive integer";
  }

  private static final int NOT_IP6 = -1;
  private static final int NOT_IP6_NO_COLON = -2;

  /**
   * Where an RFC 4291 section 2.2 text form starting at {@code from} ends (at {@code to} or at a {@code /}): eight
   * groups, or fewer around one {@code ::}, the last two may be dotted decimal. {@link #NOT_IP6_NO_COLON} if the
   * text broke the grammar before any colon (it may be a domain name), {@link #NOT_IP6} if after one.
   */
  private static int ip6End(String s, int from, int to) {
    int i = from;
    int groups = 0;
    boolean compressed = false;
    if (to - from >= 2 && s.charAt(i) == ':' && s.charAt(i + 1) == ':') {
      compressed = true;
      i += 2;
      if (i == to || s.charAt(i) == '/') {
        return i;
      }
    }
    while (true) {
      int start = i;
      while (i < to && i - start < 4 && isHex(s.charAt(i))) {
        i++;
      }
      if (i < to && s.charAt(i) == '.') { // a dotted IPv4 tail: two groups, and the end of the address
        if (groups == 0 && !compressed) {
          return NOT_IP6_NO_COLON;
        }
        int end = start;
        while (end < to && s.charAt(end) != '/') {
          end++;
        }
        boolean fits = compressed ? groups + 2 <= 7 : groups + 2 == 8;
        return fits && firstOfQuad(s, start, end) >= 0 ? end : NOT_IP6;
      }
      if (i == start) {
        return groups == 0 && !compressed ? NOT_IP6_NO_COLON : NOT_IP6;
      }
      groups++;
      if (i == to || s.charAt(i) == '/') {
        return (compressed ? groups <= 7 : groups == 8) ? i : NOT_IP6;
      }
      if (s.charAt(i) != ':') {
        return groups == 1 && !compressed ? NOT_IP6_NO_COLON : NOT_IP6;
      }
      i++;
      if (i < to && s.charAt(i) == ':') {
        if (compressed) {
          return NOT_IP6;
        }
        compressed = true;
        i++;
        if (i == to || s.charAt(i) == '/') {
          return groups <= 7 ? i : NOT_IP6;
        }
      } else if (i == to) {
        return NOT_IP6;
      }
    }
  }

  private static boolean isHex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  private static String fqdnProblem(String s, int from, int to) {
    if (to - from < 4) {
      return "connection address is too short for a domain name (RFC 8866 FQDN: 4 or more characters)";
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
        return "connection address is not an IP address or a domain name";
      }
    }
    return null;
  }

  /** The first octet of the dotted-decimal {@code s[from, to)} (exactly four decimal-uchar), or -1. */
  private static int firstOfQuad(String s, int from, int to) {
    int first = -1;
    int start = from;
    for (int part = 0; part < 4; part++) {
      int end = part < 3 ? indexOf(s, '.', start, to) : to;
      if (end < 0) {
        return -1;
      }
      int value = decimalUchar(s, start, end);
      if (value < 0) {
        return -1;
      }
      if (part == 0) {
        first = value;
      }
      start = end + 1;
    }
    return first;
  }

  /** decimal-uchar: 0 to 255 written without a leading zero; -1 if {@code s[from, to)} is not one. */
  private static int decimalUchar(String s, int from, int to) {
    int n = to - from;
    if (n < 1 || n > 3 || n > 1 && s.charAt(from) == '0') {
      return -1;
    }
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value <= 255 ? value : -1;
  }

  /** integer = POS-DIGIT *DIGIT. */
  private static boolean isInteger(String s, int from, int to) {
    if (from >= to || s.charAt(from) == '0') {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean digitsAndDots(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c == '.')) {
        return false;
      }
    }
    return true;
  }

  /** non-ws-string = 1*(VCHAR / %x80-FF): no space, control character or DEL. */
  private static boolean visible(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c == 0x7F) {
        return false;
      }
    }
    return true;
  }

  /** The first {@code c} in {@code s[from, to)}, or -1 (bounded: {@code s} may be a whole SDP body). */
  private static int indexOf(String s, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }
}
