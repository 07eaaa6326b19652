package ims.sdes.sdp;

import ims.sdes.SdesParseException;
import java.util.Objects;

/**
 * An RFC 8866 section 5.7 connection line, {@code c=<nettype> <addrtype> <connection-address>}.
 *
 * @param address the connection address as written (may carry {@code /ttl/count} for multicast)
 */
public record Connection(String networkType, String addressType, String address) {

  public Connection {
    requireToken(networkType, "networkType");
    requireToken(addressType, "addressType");
    requireToken(address, "address");
  }

  /** {@code IN IP4 <address>} or {@code IN IP6 <address>} depending on the address. */
  public static Connection internet(String address) {
    return new Connection(IN, address.indexOf(':') >= 0 ? IP6 : IP4, address);
  }

  /** Parses the value of a {@code c=} line (the text after {@code "c="}). */
  public static Connection parse(String value) {
    String[] parts = MediaDescription.fields(value, 3, "c= line is not '<nettype> <addrtype> <address>'");
    if (parts.length != 3) {
      throw new SdesParseException("c= line is not '<nettype> <addrtype> <address>'", -1);
    }
    return new Connection(parts[0], parts[1], parts[2]);
  }

  /**
   * Parses a {@code c=} line like {@link #parse} parses its value, cutting out only the three fields
   * (not the value, then the fields) when the line has the usual shape.
   */
  static Connection parse(SdpLine line) {
    int n = line.length();
    int first = -1;
    int second = -1;
    boolean usual = true; // exactly two single spaces between non-empty fields, no line break
    for (int i = 2; i < n && usual; i++) {
      char c = line.charAt(i);
      if (c == ' ') {
        if (first < 0) {
          first = i;
        } else if (second < 0) {
          second = i;
        } else {
          usual = false;
        }
      } else if (c == '\r' || c == '\n') {
        usual = false;
      }
    }
    if (!usual || second < 0 || first == 2 || second == first + 1 || second == n - 1) {
      return parse(line.value()); // the general path, with its errors
    }
    return new Connection(
        constantOr(line, 2, first, IN), constantOr(line, first + 1, second, line.charAt(second - 1) == '6' ? IP6 : IP4),
        line.substring(second + 1, n));
  }

  private static final String IN = "IN";
  private static final String IP4 = "IP4";
  private static final String IP6 = "IP6";

  /** {@code constant} if the line has it at [from, to) (the usual field: no substring), else the substring. */
  private static String constantOr(SdpLine line, int from, int to, String constant) {
    if (to - from == constant.length()) {
      int i = 0;
      while (i < constant.length() && line.charAt(from + i) == constant.charAt(i)) {
        i++;
      }
      if (i == constant.length()) {
        return constant;
      }
    }
    return line.substring(from, to);
  }

  /** Checks a {@code c=} line (its value from index 2) like {@link #parse} does, building nothing. */
  static void checkLine(SdpLine text) {
    int n = text.length();
    int spaces = 0;
    int fieldStart = 2;
    for (int i = 2; i <= n; i++) {
      if (i == n || text.charAt(i) == ' ') {
        if (i == fieldStart) {
          throw new SdesParseException("c= line is not '<nettype> <addrtype> <address>'", -1);
        }
        if (i < n) {
          spaces++;
        }
        fieldStart = i + 1;
      }
    }
    if (spaces != 2) {
      throw new SdesParseException("c= line is not '<nettype> <addrtype> <address>'", -1);
    }
  }

  /** The line text, {@code c=...}, without ending. */
  public String lineText() {
    return "c=" + networkType + ' ' + addressType + ' ' + address;
  }

  static void requireToken(String s, String what) {
    if (s == IN || s == IP4 || s == IP6) { // the shared constants of the usual c= line: known tokens
      return;
    }
    Objects.requireNonNull(s, what);
    int n = s.length();
    boolean ok = n > 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c <= ' ' && (c == ' ' || c == '\r' || c == '\n')) { // one compare for nearly every character
        ok = false;
        break;
      }
    }
    if (!ok) {
      throw new IllegalArgumentException(what + " must be a non-empty token without spaces or line breaks");
    }
  }
}
