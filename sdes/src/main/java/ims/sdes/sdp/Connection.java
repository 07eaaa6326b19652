package ims.sdes.sdp;

import ims.sdes.SdesParseException;
import java.util.Objects;

/**
 * An RFC 8866 section 5.7 connection line, {@code c=<nettype> <addrtype> <connection-address>}, its fields as
 * the section 9 grammar has them ({@link ConnectionGrammar}): the types are tokens; for {@code IN IP4} and
 * {@code IN IP6} the address is an address of that family (unicast, or multicast with its suffixes) or a domain
 * name, for other types any visible text. {@link Sdp#parse} checks every {@code c=} line against the same grammar,
 * so reading the connection of a parsed body never fails.
 *
 * @param address the connection address as written (may carry {@code /ttl/count} for multicast)
 * @throws IllegalArgumentException if a field breaks that grammar
 */
public record Connection(String networkType, String addressType, String address) {

  public Connection {
    Objects.requireNonNull(networkType, "networkType");
    Objects.requireNonNull(addressType, "addressType");
    Objects.requireNonNull(address, "address");
    // the shared constants of the usual c= line are known tokens
    if (networkType != IN && !ConnectionGrammar.isToken(networkType, 0, networkType.length())) {
      throw new IllegalArgumentException("networkType must be an SDP token (RFC 8866 section 9)");
    }
    if (addressType != IP4 && addressType != IP6 && !ConnectionGrammar.isToken(addressType, 0, addressType.length())) {
      throw new IllegalArgumentException("addressType must be an SDP token (RFC 8866 section 9)");
    }
    String problem = ConnectionGrammar.addressProblem(address, 0, address.length(), ConnectionGrammar.kind(
        networkType, 0, networkType.length(), addressType, 0, addressType.length()));
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** {@code IN IP4 <address>} or {@code IN IP6 <address>} depending on the address. */
  public static Connection internet(String address) {
    return new Connection(IN, address.indexOf(':') >= 0 ? IP6 : IP4, address);
  }

  /** Parses the value of a {@code c=} line (the text after {@code "c="}). */
  public static Connection parse(String value) {
    String[] parts = MediaDescription.fields(value, 3, SHAPE);
    if (parts.length != 3) {
      throw new SdesParseException(SHAPE, -1);
    }
    return parsed(parts[0], parts[1], parts[2]);
  }

  /** The connection of parsed fields: a field that breaks the grammar is bad input, not a programmer's error. */
  private static Connection parsed(String networkType, String addressType, String address) {
    try {
      return new Connection(networkType, addressType, address);
    } catch (IllegalArgumentException e) {
      throw new SdesParseException("c= line: " + e.getMessage(), -1);
    }
  }

  private static final String SHAPE = "c= line is not '<nettype> <addrtype> <address>'";

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
    return parsed(
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

  /**
   * Checks a {@code c=} line (its value from index 2) like {@link #parse} does, building nothing: one pass
   * over the line, in place, the types as tokens up to the second space, then the address by its grammar.
   */
  static void checkLine(SdpLine line) {
    String s = line.source();
    int base = line.sourceStart();
    int from = base + 2;
    int n = base + line.length();
    int first = -1;
    int second = -1;
    for (int i = from; i < n && second < 0; i++) {
      char c = s.charAt(i);
      if (c == ' ') {
        if (first < 0) {
          first = i;
        } else {
          second = i;
        }
      } else if (!ConnectionGrammar.isTokenChar(c)) {
        throw new SdesParseException((first < 0 ? "c= nettype" : "c= addrtype")
            + " is not an SDP token (RFC 8866 section 9)", -1);
      }
    }
    if (second < 0 || first == from || second == first + 1) {
      throw new SdesParseException(SHAPE, -1);
    }
    String problem = ConnectionGrammar.addressProblem(s, second + 1, n,
        ConnectionGrammar.kind(s, from, first, s, first + 1, second));
    if (problem != null) { // a fourth field, or an empty third one, is a shape error, not an address error
      int space = s.indexOf(' ', second + 1);
      boolean shape = second + 1 == n || space >= 0 && space < n;
      throw new SdesParseException(shape ? SHAPE : "c= line: " + problem, -1);
    }
  }

  /** The line text, {@code c=...}, without ending. */
  public String lineText() {
    return "c=" + networkType + ' ' + addressType + ' ' + address;
  }
}
