package ims.pcscf.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Minimal text access to SIP messages for assertions on the wire bytes (independent of jain-sip). */
final class RawSip {
  private RawSip() {}

  static List<String> headerLines(String message) {
    int end = message.indexOf("\r\n\r\n");
    String head = end < 0 ? message : message.substring(0, end);
    String[] lines = head.split("\r\n");
    var result = new ArrayList<String>();
    for (int i = 1; i < lines.length; i++) {
      result.add(lines[i]);
    }
    return result;
  }

  /** Values of every header named {@code name} (or its compact form), one entry per header line. */
  static List<String> values(String message, String name, String compact) {
    var values = new ArrayList<String>();
    for (String line : headerLines(message)) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String n = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      if (n.equals(name.toLowerCase(Locale.ROOT)) || (compact != null && n.equals(compact))) {
        values.add(line.substring(colon + 1).strip());
      }
    }
    return values;
  }

  /** Via values, one per entry even when a line carries a comma-separated list (RFC 3261 7.3.1). */
  static List<String> vias(String message) {
    var vias = new ArrayList<String>();
    for (String line : values(message, "Via", "v")) {
      for (String via : line.split(",")) {
        vias.add(via.strip());
      }
    }
    return vias;
  }

  static List<String> values(String message, String name) {
    return values(message, name, null);
  }

  static String firstLine(String message) {
    return message.substring(0, message.indexOf("\r\n"));
  }

  /**
   * A response to {@code request} the way a registrar builds one (RFC 3261 8.2.6): Via, From, To
   * (with a tag), Call-ID and CSeq copied, then {@code extraHeaders}.
   */
  static String response(String request, String statusLine, String... extraHeaders) {
    var out = new StringBuilder("SIP/2.0 ").append(statusLine).append("\r\n");
    for (String via : vias(request)) {
      out.append("Via: ").append(via).append("\r\n");
    }
    out.append("From: ").append(values(request, "From", "f").get(0)).append("\r\n");
    String to = values(request, "To", "t").get(0);
    out.append("To: ").append(to).append(to.contains(";tag=") ? "" : ";tag=reg1").append("\r\n");
    out.append("Call-ID: ").append(values(request, "Call-ID", "i").get(0)).append("\r\n");
    out.append("CSeq: ").append(values(request, "CSeq").get(0)).append("\r\n");
    for (String h : extraHeaders) {
      out.append(h).append("\r\n");
    }
    out.append("Content-Length: 0\r\n\r\n");
    return out.toString();
  }

  /** host and port of the top Via's sent-by (where a response goes, RFC 3261 18.2.2). */
  static int topViaPort(String message) {
    String via = vias(message).get(0);
    String sentBy = via.split("\\s+")[1].split(";")[0];
    return Integer.parseInt(sentBy.substring(sentBy.lastIndexOf(':') + 1));
  }
}
