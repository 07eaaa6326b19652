package ims.pcscf.sip;

import static org.assertj.core.api.Assertions.assertThat;

import ims.pcscf.policy.PcscfPolicy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * RFC 3261 section 16 behaviour of the proxy core, over real UDP/TCP on 127.0.0.1. The tests share
 * one proxy and its sockets, so every receive filters on the test's own Call-ID.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyCoreTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private ProxyHarness h;

  @BeforeAll
  void startProxy() throws Exception {
    h = new ProxyHarness(PcscfPolicy.DEFAULT);
  }

  @AfterAll
  void stopProxy() {
    h.close();
  }

  private void registerSucceeds(String user, String callId) throws Exception {
    h.ue.send(SipRequests.register(h.ue.port(), user, callId), h.access.udpPort());
    String forwarded = h.registrar.receiveFor(callId, WAIT);
    h.registrar.send(RawSip.response(forwarded, "200 OK"), RawSip.topViaPort(forwarded));
    assertThat(RawSip.firstLine(h.ue.receiveFor(callId, WAIT))).isEqualTo("SIP/2.0 200 OK");
  }

  @Test
  void givenMaxForwardsZero_whenRegisterArrives_then483AndNothingForwarded() throws Exception {
    long forwardedBefore = h.proxy.counters().requestsForwarded();
    String request = SipRequests.register(h.ue.port(), "mf0", "mf0@test").replace("Max-Forwards: 70", "Max-Forwards: 0");
    h.ue.send(request, h.access.udpPort());

    assertThat(RawSip.firstLine(h.ue.receiveFor("mf0@test", WAIT))).isEqualTo("SIP/2.0 483 Too Many Hops");
    assertThat(h.proxy.counters().requestsForwarded()).isEqualTo(forwardedBefore);
    registerSucceeds("after-mf0", "after-mf0@test");
  }

  @Test
  void givenRequestComingBackWithOurVia_whenReceived_then482ReachesTheUe() throws Exception {
    h.ue.send(SipRequests.register(h.ue.port(), "loop", "loop@test"), h.access.udpPort());
    String forwarded = h.registrar.receiveFor("loop@test", WAIT);

    // a misconfigured core sends the request straight back to the P-CSCF's access side
    h.registrar.send(forwarded, h.access.udpPort());

    assertThat(RawSip.firstLine(h.ue.receiveFor("loop@test", WAIT))).isEqualTo("SIP/2.0 482 Loop Detected");
    assertThat(h.proxy.counters().loopsDetected()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void givenRegisterOnCoreSide_whenReceived_then403() throws Exception {
    h.registrar.send(SipRequests.register(h.registrar.port(), "core", "core@test"), h.core.udpPort());
    assertThat(RawSip.firstLine(h.registrar.receiveFor("core@test", WAIT))).startsWith("SIP/2.0 403 ");
  }

  @Test
  void givenInvite_whenReceived_then100TryingAndForwardedToTheCore() throws Exception {
    try (var ue = new RawSipPeer()) {
      ue.send(SipRequests.invite(ue.port(), "inv@test"), h.access.udpPort());

      assertThat(RawSip.firstLine(ue.receive(WAIT))).isEqualTo("SIP/2.0 100 Trying");
      assertThat(RawSip.firstLine(h.registrar.receiveFor("inv@test", WAIT))).isEqualTo("INVITE sip:bob@ims.example.net SIP/2.0");
    }
  }

  @Test
  void givenUnknownProxyRequire_whenRegisterArrives_then420ListingOnlyTheUnknownTag() throws Exception {
    h.ue.send(SipRequests.register(h.ue.port(), "ext", "ext@test", "Proxy-Require: sec-agree, x-unknown"),
        h.access.udpPort());

    String answer = h.ue.receiveFor("ext@test", WAIT);
    assertThat(RawSip.firstLine(answer)).startsWith("SIP/2.0 420 ");
    assertThat(RawSip.values(answer, "Unsupported")).containsExactly("x-unknown");
  }

  @Test
  void givenSecAgreeAndStrayMediasecOptionTags_whenRegisterArrives_thenNever420AndStripped() throws Exception {
    h.ue.send(SipRequests.register(h.ue.port(), "tags", "tags@test",
        "Require: sec-agree, mediasec", "Proxy-Require: mediasec, sec-agree", "Supported: mediasec, path"),
        h.access.udpPort());

    String forwarded = h.registrar.receiveFor("tags@test", WAIT);
    assertThat(RawSip.values(forwarded, "Require")).isEmpty();
    assertThat(RawSip.values(forwarded, "Proxy-Require")).isEmpty();
    assertThat(RawSip.values(forwarded, "Supported", "k")).containsExactly("path");
    h.registrar.send(RawSip.response(forwarded, "200 OK"), RawSip.topViaPort(forwarded));
    assertThat(RawSip.firstLine(h.ue.receiveFor("tags@test", WAIT))).isEqualTo("SIP/2.0 200 OK");
  }

  @Test
  void givenSecurityClientJainSipAcceptsButRfc3329Rejects_whenRegisterArrives_then400AndNothingForwarded()
      throws Exception {
    long forwardedBefore = h.proxy.counters().requestsForwarded();
    h.ue.send(SipRequests.register(h.ue.port(), "badq", "badq@test", "Security-Client: sdes-srtp;mediasec;q=abc"),
        h.access.udpPort());

    assertThat(RawSip.firstLine(h.ue.receiveFor("badq@test", WAIT))).isEqualTo("SIP/2.0 400 Malformed Security-Client");
    assertThat(h.proxy.counters().requestsForwarded()).isEqualTo(forwardedBefore);
    assertThat(h.proxy.counters().malformedSecurityHeaders()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void givenRegistrarError_whenRelayed_thenUeGetsItAndNoBindingStored() throws Exception {
    h.ue.send(SipRequests.register(h.ue.port(), "denied", "denied@test", "Security-Client: sdes-srtp;mediasec"),
        h.access.udpPort());
    String forwarded = h.registrar.receiveFor("denied@test", WAIT);
    h.registrar.send(RawSip.response(forwarded, "403 Forbidden"), RawSip.topViaPort(forwarded));

    String answer = h.ue.receiveFor("denied@test", WAIT);
    assertThat(RawSip.firstLine(answer)).isEqualTo("SIP/2.0 403 Forbidden");
    assertThat(RawSip.values(answer, "Security-Server")).isEmpty();
    assertThat(h.proxy.registrations().findByContact("sip:denied@127.0.0.1:" + h.ue.port())).isEmpty();
    registerSucceeds("after-denied", "after-denied@test");
  }

  @Test
  void givenRegisterOverTcp_whenRegistrarAcceptsOverUdp_thenAnswerComesBackOnTheTcpConnection() throws Exception {
    try (var socket = new Socket(InetAddress.getLoopbackAddress(), h.access.tcpPort())) {
      socket.setSoTimeout((int) WAIT.toMillis());
      int localPort = socket.getLocalPort();
      String request = SipRequests.register(localPort, "tcpue", "tcp@test", "Security-Client: sdes-srtp;mediasec")
          .replace("SIP/2.0/UDP", "SIP/2.0/TCP");
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();

      String forwarded = h.registrar.receiveFor("tcp@test", WAIT);
      h.registrar.send(RawSip.response(forwarded, "200 OK",
          "Contact: <sip:tcpue@127.0.0.1:" + localPort + ">;expires=600"), RawSip.topViaPort(forwarded));

      var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      var head = new StringBuilder();
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        head.append(line).append("\r\n");
      }
      String answer = head.append("\r\n").toString();
      assertThat(RawSip.firstLine(answer)).isEqualTo("SIP/2.0 200 OK");
      assertThat(RawSip.values(answer, "Security-Server")).containsExactly("sdes-srtp;mediasec");
      assertThat(h.proxy.registrations().findByContact("sip:tcpue@127.0.0.1:" + localPort).orElseThrow()
          .ueAddress().transport().name()).isEqualTo("TCP");
    }
  }
}
