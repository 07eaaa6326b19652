package ims.integration;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A SIP user agent written in the test: one UDP socket on 127.0.0.1, messages built and read as text (so
 * the test sees exactly the bytes on the wire). Enough of RFC 3261 for REGISTER, an INVITE dialog (ACK,
 * BYE) as UAC or UAS, with loose routing along the route set. Messages that arrive while the test waits
 * for another one are kept and matched later, so retransmissions and reordering (an ACK overtaken by a
 * BYE) never lose anything. Not thread-safe: one test thread drives one UA.
 */
final class SipUa implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(10);
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final String user;
  private final DatagramSocket socket;
  private final List<String> backlog = new ArrayList<>();
  private final List<String> sent = new ArrayList<>();

  SipUa(String user) throws IOException {
    this.user = Objects.requireNonNull(user, "user");
    this.socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
  }

  String user() {
    return user;
  }

  int port() {
    return socket.getLocalPort();
  }

  /** The contact this UA registers and puts in its dialog requests. */
  String contactUri() {
    return "sip:" + user + "@127.0.0.1:" + port();
  }

  /** Everything this UA sent, in order (for assertions on its own bytes). */
  List<String> sent() {
    return List.copyOf(sent);
  }

  void send(String message, int port) throws IOException {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    socket.send(new DatagramPacket(bytes, bytes.length, LOOPBACK, port));
    sent.add(message);
  }

  /** The first message (kept or arriving within {@code timeout}) that {@code what} accepts; fails the test otherwise. */
  String await(Predicate<String> what, Duration timeout, String description) throws IOException {
    for (Iterator<String> it = backlog.iterator(); it.hasNext(); ) {
      String kept = it.next();
      if (what.test(kept)) {
        it.remove();
        return kept;
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    byte[] buffer = new byte[65_535];
    while (true) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        throw new AssertionError(user + " got no " + description + " within " + timeout + "; kept: "
            + backlog.stream().map(SipText::firstLine).toList());
      }
      socket.setSoTimeout((int) left);
      var packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
      } catch (SocketTimeoutException e) {
        continue;
      }
      String message = new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8);
      if (what.test(message)) {
        return message;
      }
      backlog.add(message);
    }
  }

  /** The next request of {@code method}; with {@code callId} null, of any call. */
  String awaitRequest(String method, String callId) throws IOException {
    return await(m -> !SipText.isResponse(m) && SipText.method(m).equals(method)
        && (callId == null || SipText.callId(m).equals(callId)), WAIT, method + " request");
  }

  /** The final response (not 1xx) to {@code method} in call {@code callId}. */
  String awaitFinal(String method, String callId) throws IOException {
    return await(m -> SipText.isResponse(m) && SipText.status(m) >= 200 && SipText.method(m).equals(method)
        && SipText.callId(m).equals(callId), WAIT, "final response to " + method);
  }

  /**
   * Registers {@code aor user@domain} with this UA's contact by sending to 127.0.0.1:{@code port} (a P-CSCF
   * access side or the registrar itself); returns the final response.
   */
  String register(int port, String domain, String... extraHeaders) throws IOException {
    return register(port, domain, 600, extraHeaders);
  }

  /** As {@link #register(int, String, String...)} with the contact's {@code expires} (0 removes the binding). */
  String register(int port, String domain, int expires, String... extraHeaders) throws IOException {
    String callId = "reg-" + user + "-" + UUID.randomUUID();
    var msg = new StringBuilder()
        .append("REGISTER sip:").append(domain).append(" SIP/2.0\r\n")
        .append(via())
        .append("Max-Forwards: 70\r\n")
        .append("From: <sip:").append(user).append('@').append(domain).append(">;tag=").append(tag()).append("\r\n")
        .append("To: <sip:").append(user).append('@').append(domain).append(">\r\n")
        .append("Call-ID: ").append(callId).append("\r\n")
        .append("CSeq: 1 REGISTER\r\n")
        .append("Contact: <").append(contactUri()).append(">;expires=").append(expires).append("\r\n");
    for (String h : extraHeaders) {
      msg.append(h).append("\r\n");
    }
    send(msg.append("Content-Length: 0\r\n\r\n").toString(), port);
    return awaitFinal("REGISTER", callId);
  }

  /** Sends an INVITE with {@code sdp} to {@code requestUri} via 127.0.0.1:{@code port}; see {@link #awaitAnswer}. */
  PendingInvite sendInvite(int port, String requestUri, String fromDomain, String sdp) throws IOException {
    String callId = "call-" + user + "-" + UUID.randomUUID();
    String from = "<sip:" + user + "@" + fromDomain + ">;tag=" + tag();
    String invite = "INVITE " + requestUri + " SIP/2.0\r\n"
        + via()
        + "Max-Forwards: 70\r\n"
        + "From: " + from + "\r\n"
        + "To: <" + requestUri + ">\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <" + contactUri() + ">\r\n"
        + withBody(sdp);
    send(invite, port);
    return new PendingInvite(callId, from, requestUri, invite, port);
  }

  /** Waits for the final response to {@code pending}, ACKs a 2xx along the dialog's route set, returns the dialog. */
  Dialog awaitAnswer(PendingInvite pending) throws IOException {
    String answer = awaitFinal("INVITE", pending.callId());
    List<String> routes = new ArrayList<>(SipText.entries(answer, "Record-Route"));
    java.util.Collections.reverse(routes);
    boolean ok = SipText.status(answer) < 300;
    String remoteTarget = ok ? SipText.uriOf(SipText.header(answer, "Contact")) : pending.requestUri();
    var dialog = new Dialog(pending.callId(), pending.from(), SipText.header(answer, "To"), remoteTarget, routes,
        pending.invite(), answer);
    if (ok) {
      sendInDialog(dialog, "ACK", 1);
    } else {
      ackFailure(pending, answer);
    }
    return dialog;
  }

  /** RFC 3261 17.1.1.3: the ACK of a non-2xx final response, same branch as the INVITE, to the same next hop. */
  private void ackFailure(PendingInvite pending, String answer) throws IOException {
    String ack = "ACK " + pending.requestUri() + " SIP/2.0\r\n"
        + "Via: " + SipText.header(pending.invite(), "Via") + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: " + pending.from() + "\r\n"
        + "To: " + SipText.header(answer, "To") + "\r\n"
        + "Call-ID: " + pending.callId() + "\r\n"
        + "CSeq: 1 ACK\r\n"
        + "Content-Length: 0\r\n\r\n";
    send(ack, pending.port());
  }

  /** Answers {@code invite} 180 Ringing (no body) with the To tag {@code toTag}. */
  void ring(String invite, String toTag) throws IOException {
    String response = simpleResponse(invite, "180 Ringing");
    String to = SipText.header(invite, "To");
    send(response.replace("To: " + to + "\r\n", "To: " + to + ";tag=" + toTag + "\r\n"), SipText.topViaPort(invite));
  }

  /** RFC 3261 9.1: CANCEL of a pending INVITE, same Request-URI, Via branch and next hop; returns nothing. */
  void cancel(PendingInvite pending) throws IOException {
    String cancel = "CANCEL " + pending.requestUri() + " SIP/2.0\r\n"
        + "Via: " + SipText.header(pending.invite(), "Via") + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: " + pending.from() + "\r\n"
        + "To: <" + pending.requestUri() + ">\r\n"
        + "Call-ID: " + pending.callId() + "\r\n"
        + "CSeq: 1 CANCEL\r\n"
        + "Content-Length: 0\r\n\r\n";
    send(cancel, pending.port());
  }

  /** Answers {@code request} with a final response without body (e.g. "486 Busy Here"), a To tag of our own. */
  void reject(String request, String statusLine) throws IOException {
    reject(request, statusLine, tag());
  }

  /** As {@link #reject(String, String)} with the To tag {@code toTag} (the one of an earlier provisional answer). */
  void reject(String request, String statusLine, String toTag) throws IOException {
    String response = simpleResponse(request, statusLine);
    String to = SipText.header(request, "To");
    if (!to.contains(";tag=")) {
      response = response.replace("To: " + to + "\r\n", "To: " + to + ";tag=" + toTag + "\r\n");
    }
    send(response, SipText.topViaPort(request));
  }

  /** Answers {@code invite} 200 OK with {@code sdp} (to its top Via) and returns the UAS side of the dialog. */
  Dialog answer(String invite, String sdp) throws IOException {
    return respond(invite, "200 OK", sdp, tag());
  }

  /**
   * Answers {@code invite} with {@code statusLine} (a 1xx or the 200), {@code sdp} and the To tag {@code toTag}
   * (a provisional answer and the final one of the same dialog share it), Record-Route and Contact included;
   * returns the UAS side of the (early) dialog.
   */
  Dialog respond(String invite, String statusLine, String sdp, String toTag) throws IOException {
    String to = SipText.header(invite, "To") + ";tag=" + toTag;
    var out = new StringBuilder("SIP/2.0 ").append(statusLine).append("\r\n");
    for (String via : SipText.values(invite, "Via", "v")) {
      out.append("Via: ").append(via).append("\r\n");
    }
    for (String rr : SipText.values(invite, "Record-Route")) {
      out.append("Record-Route: ").append(rr).append("\r\n");
    }
    out.append("From: ").append(SipText.header(invite, "From")).append("\r\n")
        .append("To: ").append(to).append("\r\n")
        .append("Call-ID: ").append(SipText.callId(invite)).append("\r\n")
        .append("CSeq: ").append(SipText.header(invite, "CSeq")).append("\r\n")
        .append("Contact: <").append(contactUri()).append(">\r\n")
        .append(withBody(sdp));
    String response = out.toString();
    send(response, SipText.topViaPort(invite));
    return new Dialog(SipText.callId(invite), to, SipText.header(invite, "From"),
        SipText.uriOf(SipText.header(invite, "Contact")), SipText.entries(invite, "Record-Route"), invite, response);
  }

  /** Sends BYE in {@code dialog}; its answer comes with {@code awaitFinal("BYE", callId)}. */
  void sendBye(Dialog dialog) throws IOException {
    sendInDialog(dialog, "BYE", 2);
  }

  /** Waits for the peer's BYE in {@code dialog} and answers it 200 OK; returns the BYE. */
  String answerBye(Dialog dialog) throws IOException {
    String bye = awaitRequest("BYE", dialog.callId());
    send(simpleResponse(bye, "200 OK"), SipText.topViaPort(bye));
    return bye;
  }

  private void sendInDialog(Dialog d, String method, int cseq) throws IOException {
    var msg = new StringBuilder()
        .append(method).append(' ').append(d.remoteTarget()).append(" SIP/2.0\r\n")
        .append(via())
        .append("Max-Forwards: 70\r\n");
    for (String route : d.routes()) {
      msg.append("Route: ").append(route).append("\r\n");
    }
    msg.append("From: ").append(d.local()).append("\r\n")
        .append("To: ").append(d.remote()).append("\r\n")
        .append("Call-ID: ").append(d.callId()).append("\r\n")
        .append("CSeq: ").append(cseq).append(' ').append(method).append("\r\n")
        .append("Content-Length: 0\r\n\r\n");
    String nextHop = d.routes().isEmpty() ? d.remoteTarget() : SipText.uriOf(d.routes().get(0));
    send(msg.toString(), SipText.portOf(nextHop));
  }

  private static String simpleResponse(String request, String statusLine) {
    var out = new StringBuilder("SIP/2.0 ").append(statusLine).append("\r\n");
    for (String via : SipText.values(request, "Via", "v")) {
      out.append("Via: ").append(via).append("\r\n");
    }
    out.append("From: ").append(SipText.header(request, "From")).append("\r\n")
        .append("To: ").append(SipText.header(request, "To")).append("\r\n")
        .append("Call-ID: ").append(SipText.callId(request)).append("\r\n")
        .append("CSeq: ").append(SipText.header(request, "CSeq")).append("\r\n")
        .append("Content-Length: 0\r\n\r\n");
    return out.toString();
  }

  private String via() {
    return "Via: SIP/2.0/UDP 127.0.0.1:" + port() + ";branch=z9hG4bK" + UUID.randomUUID().toString().replace("-", "")
        + ";rport\r\n";
  }

  private static String tag() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static String withBody(String sdp) {
    if (sdp == null) {
      return "Content-Length: 0\r\n\r\n";
    }
    return "Content-Type: application/sdp\r\nContent-Length: " + sdp.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n" + sdp;
  }

  @Override
  public void close() {
    socket.close();
  }

  /** An INVITE sent and not answered yet. */
  record PendingInvite(String callId, String from, String requestUri, String invite, int port) {}

  /**
   * One side of an INVITE dialog: {@code local}/{@code remote} are this side's From/To values (tags included),
   * {@code routes} the route set in the order this side uses it; {@code invite} and {@code answer} as on the wire.
   */
  record Dialog(String callId, String local, String remote, String remoteTarget, List<String> routes, String invite,
      String answer) {
    Dialog {
      routes = List.copyOf(routes);
    }

    String answerSdp() {
      return SipText.body(answer);
    }
  }
}
