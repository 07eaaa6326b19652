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
    return new Connection("IN", address.indexOf(':') >= 0 ? "IP6" : "IP4", address);
  }

  /** Parses the value of a {@code c=} line (the text after {@code "c="}). */
  public static Connection parse(String value) {
    String[] parts = MediaDescription.fields(value, 3, "c= line is not '<nettype> <addrtype> <address>'");
    if (parts.length != 3) {
      throw new SdesParseException("c= line is not '<nettype> <addrtype> <address>'", -1);
    }
    return new Connection(parts[0], parts[1], parts[2]);
  }

  /** Checks the value of a {@code c=} line (its text from index 2) like {@link #parse} does, building nothing. */
  static void checkLine(String text) {
    int spaces = 0;
    int fieldStart = 2;
    for (int i = 2; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == ' ') {
        if (i == fieldStart) {
          throw new SdesParseException("c= line is not '<nettype> <addrtype> <address>'", -1);
        }
        if (i < text.length()) {
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
    Objects.requireNonNull(s, what);
    boolean ok = !s.isEmpty();
    for (int i = 0; ok && i < s.length(); i++) {
      char c = s.charAt(i);
      ok = c != ' ' && c != '\r' && c != '\n';
    }
    if (!ok) {
      throw new IllegalArgumentException(what + " must be a non-empty token without spaces or line breaks");
    }
  }
}
