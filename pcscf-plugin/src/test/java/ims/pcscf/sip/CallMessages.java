package ims.pcscf.sip;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** Literal call messages (INVITE, responses, in-dialog requests) the test UAs put on the wire. */
final class CallMessages {
  private CallMessages() {}

  static String branch() {
    return "z9hG4bK" + UUID.randomUUID().toString().replace("-", "");
  }

  /** An initial INVITE from {@code user} at 127.0.0.1:{@code port}; {@code sdp} may be null. */
  static String invite(String requestUri, String user, int port, String callId, String sdp, String... extra) {
    var msg = new StringBuilder()
        .append("INVITE ").append(requestUri).append(" SIP/2.0\r\n")
        .append("Via: SIP/2.0/UDP 127.0.0.1:").append(port).append(";branch=").append(branch()).append("\r\n")
        .append("Max-Forwards: 70\r\n")
        .append("From: <sip:").append(user).append("@ims.example.net>;tag=from-").append(user).append("\r\n")
        .append("To: <").append(requestUri).append(">\r\n")
        .append("Call-ID: ").append(callId).append("\r\n")
        .append("CSeq: 1 INVITE\r\n")
        .append("Contact: <sip:").append(user).append("@127.0.0.1:").append(port).append(">\r\n");
    for (String h : extra) {
      msg.append(h).append("\r\n");
    }
    return withBody(msg, sdp);
  }

  /**
   * A response to {@code request} (RFC 3261 8.2.6 / 12.1.1): Vias, Record-Routes, From, Call-ID and CSeq
   * copied, To with {@code toTag}, a Contact for a 1xx/2xx to INVITE, then {@code sdp} (may be null).
   */
  static String response(String request, String statusLine, String toTag, int contactPort, String sdp) {
    var out = new StringBuilder("SIP/2.0 ").append(statusLine).append("\r\n");
    for (String via : RawSip.vias(request)) {
      out.append("Via: ").append(via).append("\r\n");
    }
    for (String rr : RawSip.values(request, "Record-Route")) {
      out.append("Record-Route: ").append(rr).append("\r\n");
    }
    out.append("From: ").append(RawSip.values(request, "From", "f").get(0)).append("\r\n");
    String to = RawSip.values(request, "To", "t").get(0);
    out.append("To: ").append(to).append(to.contains(";tag=") || toTag == null ? "" : ";tag=" + toTag).append("\r\n");
    out.append("Call-ID: ").append(RawSip.values(request, "Call-ID", "i").get(0)).append("\r\n");
    out.append("CSeq: ").append(RawSip.values(request, "CSeq").get(0)).append("\r\n");
    if (contactPort > 0) {
      out.append("Contact: <sip:peer@127.0.0.1:").append(contactPort).append(">\r\n");
    }
    return withBody(out, sdp);
  }

  /**
   * An in-dialog request: {@code routes} in order, From/To as given (tags included), the CSeq number and
   * method, sent from 127.0.0.1:{@code port}.
   */
  static String inDialog(String method, String requestUri, List<String> routes, int port, String from, String to,
      String callId, int cseq, String branch) {
    var msg = new StringBuilder()
        .append(method).append(' ').append(requestUri).append(" SIP/2.0\r\n")
        .append("Via: SIP/2.0/UDP 127.0.0.1:").append(port).append(";branch=").append(branch).append("\r\n")
        .append("Max-Forwards: 70\r\n");
    for (String r : routes) {
      msg.append("Route: ").append(r).append("\r\n");
    }
    msg.append("From: ").append(from).append("\r\n")
        .append("To: ").append(to).append("\r\n")
        .append("Call-ID: ").append(callId).append("\r\n")
        .append("CSeq: ").append(cseq).append(' ').append(method).append("\r\n");
    return withBody(msg, null);
  }

  /** Record-Route entries, one per entry even when a line carries a comma-separated list. */
  static List<String> recordRoutes(String message) {
    var out = new java.util.ArrayList<String>();
    for (String line : RawSip.values(message, "Record-Route")) {
      for (String entry : line.split(",(?=\\s*<)")) {
        out.add(entry.strip());
      }
    }
    return out;
  }

  /** The body of a message (after the blank line). */
  static String body(String message) {
    int end = message.indexOf("\r\n\r\n");
    return end < 0 ? "" : message.substring(end + 4);
  }

  /** The URI inside {@code <...>} of a header value such as a Contact or Record-Route. */
  static String uriOf(String headerValue) {
    return headerValue.substring(headerValue.indexOf('<') + 1, headerValue.indexOf('>'));
  }

  private static String withBody(StringBuilder head, String sdp) {
    if (sdp == null) {
      return head.append("Content-Length: 0\r\n\r\n").toString();
    }
    return head.append("Content-Type: application/sdp\r\n")
        .append("Content-Length: ").append(sdp.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n")
        .append(sdp).toString();
  }
}
