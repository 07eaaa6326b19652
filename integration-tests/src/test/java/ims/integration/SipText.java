package ims.integration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reading SIP messages as text, the way a test looks at bytes on the wire: header values, body, URIs. */
final class SipText {
  private SipText() {}

  static String firstLine(String message) {
    int end = message.indexOf("\r\n");
    return end < 0 ? message : message.substring(0, end);
  }

  static boolean isResponse(String message) {
    return message.startsWith("SIP/2.0 ");
  }

  /** The status code of a response, or -1 for a request. */
  static int status(String message) {
    return isResponse(message) ? Integer.parseInt(message.substring(8, 11)) : -1;
  }

  /** The method of a request, or of the CSeq of a response. */
  static String method(String message) {
    if (isResponse(message)) {
      String cseq = header(message, "CSeq");
      return cseq.substring(cseq.indexOf(' ') + 1).strip();
    }
    return message.substring(0, message.indexOf(' '));
  }

  /** Every value of a header (full or compact name), in order, one per header line. */
  static List<String> values(String message, String name, String... compactNames) {
    var out = new ArrayList<String>();
    for (String line : head(message).split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String n = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      boolean match = n.equals(name.toLowerCase(Locale.ROOT));
      for (String c : compactNames) {
        match |= n.equals(c.toLowerCase(Locale.ROOT));
      }
      if (match) {
        out.add(line.substring(colon + 1).strip());
      }
    }
    return out;
  }

  /** The first value of a header that must be there. */
  static String header(String message, String name) {
    List<String> v = values(message, name, compact(name));
    if (v.isEmpty()) {
      throw new AssertionError("no " + name + " in:\n" + firstLine(message));
    }
    return v.get(0);
  }

  private static String compact(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "call-id" -> "i";
      case "from" -> "f";
      case "to" -> "t";
      case "via" -> "v";
      case "contact" -> "m";
      case "content-type" -> "c";
      case "content-length" -> "l";
      default -> name;
    };
  }

  static String callId(String message) {
    return header(message, "Call-ID");
  }

  /** Entries of list-valued headers (Record-Route, Route, Path), one per entry even on one comma-separated line. */
  static List<String> entries(String message, String name) {
    var out = new ArrayList<String>();
    for (String line : values(message, name)) {
      for (String entry : line.split(",(?=\\s*<)")) {
        out.add(entry.strip());
      }
    }
    return out;
  }

  static String head(String message) {
    int end = message.indexOf("\r\n\r\n");
    return end < 0 ? message : message.substring(0, end);
  }

  static String body(String message) {
    int end = message.indexOf("\r\n\r\n");
    return end < 0 ? "" : message.substring(end + 4);
  }

  /** The URI inside {@code <...>} of a name-addr, or the value itself up to its parameters. */
  static String uriOf(String value) {
    int open = value.indexOf('<');
    if (open >= 0) {
      return value.substring(open + 1, value.indexOf('>', open));
    }
    int semi = value.indexOf(';');
    return semi < 0 ? value.strip() : value.substring(0, semi).strip();
  }

  /** The port of a {@code sip:[user@]host[:port][;params]} URI (5060 when absent). */
  static int portOf(String uri) {
    String hostPort = uri.substring(uri.indexOf(':') + 1);
    hostPort = hostPort.substring(hostPort.indexOf('@') + 1);
    int end = hostPort.length();
    for (char c : new char[] {';', '?', '>'}) {
      int at = hostPort.indexOf(c);
      if (at >= 0) {
        end = Math.min(end, at);
      }
    }
    hostPort = hostPort.substring(0, end);
    int colon = hostPort.lastIndexOf(':');
    return colon < 0 ? 5060 : Integer.parseInt(hostPort.substring(colon + 1));
  }

  /** The port of the top Via's sent-by (where a response goes, RFC 3261 18.2.2 without rport). */
  static int topViaPort(String message) {
    String via = header(message, "Via");
    String sentBy = via.substring(via.indexOf(' ') + 1).split("[;,]")[0].strip();
    int colon = sentBy.lastIndexOf(':');
    return colon < 0 ? 5060 : Integer.parseInt(sentBy.substring(colon + 1));
  }
}
