package ims.pcscf.sip;

import java.util.UUID;

/** Literal SIP requests for the proxy tests. */
final class SipRequests {
  private SipRequests() {}

  static String register(int fromPort, String user, String callId, String... extraHeaders) {
    var msg = new StringBuilder()
        .append("REGISTER sip:ims.example.net SIP/2.0\r\n")
        .append("Via: SIP/2.0/UDP 127.0.0.1:").append(fromPort)
        .append(";branch=z9hG4bK").append(UUID.randomUUID().toString().replace("-", "")).append(";rport\r\n")
        .append("Max-Forwards: 70\r\n")
        .append("From: <sip:").append(user).append("@ims.example.net>;tag=t-").append(user).append("\r\n")
        .append("To: <sip:").append(user).append("@ims.example.net>\r\n")
        .append("Call-ID: ").append(callId).append("\r\n")
        .append("CSeq: 1 REGISTER\r\n")
        .append("Contact: <sip:").append(user).append("@127.0.0.1:").append(fromPort).append(">;expires=600\r\n");
    for (String h : extraHeaders) {
      msg.append(h).append("\r\n");
    }
    return msg.append("Content-Length: 0\r\n\r\n").toString();
  }

  static String invite(int fromPort, String callId) {
    return "INVITE sip:bob@ims.example.net SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + fromPort + ";branch=z9hG4bK" + UUID.randomUUID().toString().replace("-", "")
        + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@ims.example.net>;tag=inv1\r\n"
        + "To: <sip:bob@ims.example.net>\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <sip:alice@127.0.0.1:" + fromPort + ">\r\n"
        + "Content-Length: 0\r\n\r\n";
  }
}
