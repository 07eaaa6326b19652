package ims.pcscf.sip;

import static org.assertj.core.api.Assertions.assertThat;

import ims.pcscf.policy.PcscfPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Stateful proxying of calls without e2ae (RFC 3261 16.x): INVITE/ACK/BYE/CANCEL and their responses
 * in both directions over real UDP on 127.0.0.1, double Record-Route, Service-Route on originating
 * requests, spoofed {@code a=3ge2ae} removal and byte-exact pass-through of e2e SDES / KMS / plain SDP.
 * The registrar socket also plays the S-CSCF and the far end. Tests share one proxy and filter on Call-ID.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallProxyingTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String PLAIN_SDP = "v=0\r\n"
      + "o=- 1 1 IN IP4 127.0.0.1\r\n"
      + "s=-\r\n"
      + "c=IN IP4 127.0.0.1\r\n"
      + "t=0 0\r\n"
      + "m=audio 40000 RTP/AVP 0\r\n"
      + "a=rtpmap:0 PCMU/8000\r\n";
  private static final String E2E_SDES_SDP = "v=0\r\n"
      + "o=- 2 1 IN IP4 127.0.0.1\r\n"
      + "s=-\r\n"
      + "c=IN IP4 127.0.0.1\r\n"
      + "t=0 0\r\n"
      + "m=audio 40002 RTP/SAVP 0\r\n"
      + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4\r\n";
  private static final String KMS_SDP = "v=0\r\n"
      + "o=- 3 1 IN IP4 127.0.0.1\r\n"
      + "s=-\r\n"
      + "c=IN IP4 127.0.0.1\r\n"
      + "t=0 0\r\n"
      + "m=audio 40004 RTP/SAVP 0\r\n"
      + "a=key-mgmt:mikey AQAFgM0XflABAAAAAAAAAAAAAAsAyO5ubA==\r\n";

  private ProxyHarness h;
  private String serviceRoute;

  @BeforeAll
  void startProxyAndRegisterAlice() throws Exception {
    h = new ProxyHarness(PcscfPolicy.DEFAULT);
    serviceRoute = "<sip:orig@127.0.0.1:" + h.registrar.port() + ";lr>";
    h.ue.send(SipRequests.register(h.ue.port(), "alice", "reg-alice@test"), h.access.udpPort());
    String forwarded = h.registrar.receiveFor("reg-alice@test", WAIT);
    h.registrar.send(RawSip.response(forwarded, "200 OK",
        "Contact: <sip:alice@127.0.0.1:" + h.ue.port() + ">;expires=600", "Service-Route: " + serviceRoute),
        RawSip.topViaPort(forwarded));
    assertThat(RawSip.firstLine(h.ue.receiveFor("reg-alice@test", WAIT))).isEqualTo("SIP/2.0 200 OK");
  }

  @AfterAll
  void stopProxy() {
    h.close();
  }

  private String accessRr() {
    return "<sip:127.0.0.1:" + h.access.udpPort() + ";lr>";
  }

  private String coreRr() {
    return "<sip:127.0.0.1:" + h.core.udpPort() + ";lr>";
  }

  private String aliceInvite(String callId, String sdp) {
    return CallMessages.invite("sip:bob@ims.example.net", "alice", h.ue.port(), callId, sdp);
  }

  @Test
  void givenRegisteredUe_whenCallIsSetUpAndReleasedByTheCore_thenEveryMessageCrossesWithRecordRouteAndServiceRoute()
      throws Exception {
    String callId = "dialog@test";
    h.ue.send(aliceInvite(callId, PLAIN_SDP + "a=3ge2ae:applied\r\n"), h.access.udpPort());

    String trying = h.ue.receive(WAIT);
    assertThat(RawSip.firstLine(trying)).isEqualTo("SIP/2.0 100 Trying");
    String atCore = h.registrar.receiveFor(callId, WAIT);
    assertThat(RawSip.firstLine(atCore)).isEqualTo("INVITE sip:bob@ims.example.net SIP/2.0");
    assertThat(RawSip.values(atCore, "Route")).containsExactly(serviceRoute);
    assertThat(CallMessages.recordRoutes(atCore)).containsExactly(coreRr(), accessRr());
    assertThat(RawSip.vias(atCore)).hasSize(2);
    assertThat(RawSip.vias(atCore).get(0)).startsWith("SIP/2.0/UDP 127.0.0.1:" + h.core.udpPort() + ";");
    assertThat(RawSip.values(atCore, "Max-Forwards")).containsExactly("69");
    assertThat(CallMessages.body(atCore)).isEqualTo(PLAIN_SDP); // spoofed indication removed, the rest as sent

    int viaPort = RawSip.topViaPort(atCore);
    h.registrar.send(CallMessages.response(atCore, "180 Ringing", "bob1", h.registrar.port(), null), viaPort);
    String ringing = h.ue.receiveFor(callId, WAIT);
    assertThat(RawSip.firstLine(ringing)).isEqualTo("SIP/2.0 180 Ringing");
    h.registrar.send(CallMessages.response(atCore, "200 OK", "bob1", h.registrar.port(),
        PLAIN_SDP + "a=3ge2ae:applied\r\n"), viaPort);
    String ok = h.ue.receiveFor(callId, WAIT);
    assertThat(RawSip.firstLine(ok)).isEqualTo("SIP/2.0 200 OK");
    assertThat(RawSip.vias(ok)).hasSize(1);
    assertThat(CallMessages.recordRoutes(ok)).containsExactly(coreRr(), accessRr());
    assertThat(CallMessages.body(ok)).isEqualTo(PLAIN_SDP);

    String from = RawSip.values(ok, "From").get(0);
    String to = RawSip.values(ok, "To").get(0);
    String bobContact = "sip:peer@127.0.0.1:" + h.registrar.port();
    h.ue.send(CallMessages.inDialog("ACK", bobContact, List.of(accessRr(), coreRr()), h.ue.port(), from, to, callId, 1,
        CallMessages.branch()), h.access.udpPort());
    String ack = h.registrar.receiveFor(callId, WAIT);
    assertThat(RawSip.firstLine(ack)).isEqualTo("ACK " + bobContact + " SIP/2.0");
    assertThat(RawSip.values(ack, "Route")).isEmpty();
    assertThat(RawSip.vias(ack).get(0)).startsWith("SIP/2.0/UDP 127.0.0.1:" + h.core.udpPort() + ";");

    String aliceContact = "sip:alice@127.0.0.1:" + h.ue.port();
    h.registrar.send(CallMessages.inDialog("BYE", aliceContact, List.of(coreRr(), accessRr()), h.registrar.port(),
        to, from, callId, 1, CallMessages.branch()), h.core.udpPort());
    String bye = h.ue.receiveFor(callId, WAIT);
    assertThat(RawSip.firstLine(bye)).isEqualTo("BYE " + aliceContact + " SIP/2.0");
    assertThat(RawSip.values(bye, "Route")).isEmpty();
    assertThat(RawSip.vias(bye).get(0)).startsWith("SIP/2.0/UDP 127.0.0.1:" + h.access.udpPort() + ";");
    h.ue.send(CallMessages.response(bye, "200 OK", null, 0, null), RawSip.topViaPort(bye));
    assertThat(RawSip.firstLine(h.registrar.receiveFor(callId, WAIT))).isEqualTo("SIP/2.0 200 OK");
  }

  @Test
  void givenUeOffersEndToEndSdesOrKms_whenForwarded_thenTheCoreReceivesTheBodyByteForByte() throws Exception {
    for (String sdp : List.of(E2E_SDES_SDP, KMS_SDP)) {
      String callId = "e2e-" + sdp.hashCode() + "@test";
      h.ue.send(aliceInvite(callId, sdp), h.access.udpPort());
      String atCore = h.registrar.receiveFor(callId, WAIT);
      assertThat(CallMessages.body(atCore)).isEqualTo(sdp);
      h.registrar.send(CallMessages.response(atCore, "486 Busy Here", "busy", 0, null), RawSip.topViaPort(atCore));
      assertThat(RawSip.firstLine(h.ue.receiveFor(callId, WAIT))).isEqualTo("SIP/2.0 486 Busy Here");
      // the hop-by-hop ACK for the 486 is generated by the proxy's client transaction
      String ack = h.registrar.receiveFor(callId, WAIT);
      assertThat(RawSip.firstLine(ack)).startsWith("ACK ");
    }
  }

  @Test
  void givenRingingCall_whenUeCancels_thenCancelReachesTheCoreAnd487ReachesTheUe() throws Exception {
    String callId = "cancel@test";
    String invite = aliceInvite(callId, PLAIN_SDP);
    h.ue.send(invite, h.access.udpPort());
    String atCore = h.registrar.receiveFor(callId, WAIT);
    h.registrar.send(CallMessages.response(atCore, "180 Ringing", "c1", h.registrar.port(), null),
        RawSip.topViaPort(atCore));
    assertThat(RawSip.firstLine(h.ue.receiveFor(callId, WAIT))).isEqualTo("SIP/2.0 180 Ringing");

    String cancel = invite.replaceFirst("INVITE sip", "CANCEL sip").replace("CSeq: 1 INVITE", "CSeq: 1 CANCEL")
        .replaceFirst("Content-Type: application/sdp\r\nContent-Length: \\d+\r\n\r\n[\\s\\S]*", "Content-Length: 0\r\n\r\n");
    h.ue.send(cancel, h.access.udpPort());
    String cancelAnswer = h.ue.receiveFor(callId, WAIT);
    assertThat(RawSip.firstLine(cancelAnswer)).isEqualTo("SIP/2.0 200 OK");
    assertThat(RawSip.values(cancelAnswer, "CSeq")).containsExactly("1 CANCEL");

    String cancelAtCore = h.registrar.receiveFor(callId, WAIT);
    assertThat(RawSip.firstLine(cancelAtCore)).isEqualTo("CANCEL sip:bob@ims.example.net SIP/2.0");
    assertThat(RawSip.vias(cancelAtCore).get(0)).isEqualTo(RawSip.vias(atCore).get(0)); // same branch (9.1)
    h.registrar.send(RawSip.response(cancelAtCore, "200 OK"), RawSip.topViaPort(cancelAtCore));
    h.registrar.send(CallMessages.response(atCore, "487 Request Terminated", "c1", 0, null), RawSip.topViaPort(atCore));
    String terminated = h.ue.receiveFor(callId, WAIT);
    assertThat(RawSip.firstLine(terminated)).isEqualTo("SIP/2.0 487 Request Terminated");
    assertThat(h.proxy.counters().cancelsForwarded()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void givenCancelWithoutPendingInvite_whenReceived_then481() throws Exception {
    String cancel = aliceInvite("no-invite@test", null).replaceFirst("INVITE sip", "CANCEL sip")
        .replace("CSeq: 1 INVITE", "CSeq: 1 CANCEL");
    h.ue.send(cancel, h.access.udpPort());
    assertThat(RawSip.firstLine(h.ue.receiveFor("no-invite@test", WAIT)))
        .isEqualTo("SIP/2.0 481 Call/Transaction Does Not Exist");
  }

  @Test
  void givenInviteFromTheCoreToARegisteredContact_whenAnswered_thenUeGetsItAndTheAnswerGoesBack() throws Exception {
    String callId = "mt-plain@test";
    String aliceContact = "sip:alice@127.0.0.1:" + h.ue.port();
    String invite = CallMessages.invite(aliceContact, "carol", h.registrar.port(), callId,
        E2E_SDES_SDP + "a=3ge2ae:requested\r\n", "Route: <sip:127.0.0.1:" + h.core.udpPort() + ";lr>");
    h.registrar.send(invite, h.core.udpPort());

    String atUe = h.ue.receiveFor(callId, WAIT);
    assertThat(RawSip.firstLine(atUe)).isEqualTo("INVITE " + aliceContact + " SIP/2.0");
    assertThat(RawSip.values(atUe, "Route")).isEmpty();
    assertThat(CallMessages.recordRoutes(atUe)).containsExactly(accessRr(), coreRr());
    assertThat(CallMessages.body(atUe)).isEqualTo(E2E_SDES_SDP); // a core-side 3ge2ae never reaches the UE

    h.ue.send(CallMessages.response(atUe, "200 OK", "alice1", h.ue.port(), E2E_SDES_SDP), RawSip.topViaPort(atUe));
    String ok = h.registrar.receiveFor(callId, WAIT);
    assertThat(RawSip.firstLine(ok)).isEqualTo("SIP/2.0 200 OK");
    assertThat(CallMessages.body(ok)).isEqualTo(E2E_SDES_SDP);
  }

  @Test
  void givenMalformedSdp_whenInviteArrives_then488WithWarningAndNothingForwarded() throws Exception {
    long malformedBefore = h.proxy.counters().malformedSdp();
    h.ue.send(aliceInvite("bad-sdp@test", "v=0\r\nm=audio x\r\na=3ge2ae:requested\r\n"), h.access.udpPort());
    String answer = h.ue.receiveFor("bad-sdp@test", WAIT);
    assertThat(RawSip.firstLine(answer)).isEqualTo("SIP/2.0 488 Not Acceptable Here");
    assertThat(RawSip.values(answer, "Warning")).hasSize(1);
    assertThat(h.proxy.counters().malformedSdp()).isEqualTo(malformedBefore + 1);
  }

  @Test
  void givenSilentCore_whenInviteTimesOut_thenUeGets408() throws Exception {
    try (var silent = new ProxyHarness(PcscfPolicy.DEFAULT, Clock.systemUTC(), 100, Duration.ofMillis(30))) {
      silent.ue.send(CallMessages.invite("sip:bob@ims.example.net", "alice", silent.ue.port(), "timeout@test",
          PLAIN_SDP), silent.access.udpPort());
      assertThat(RawSip.firstLine(silent.registrar.receiveFor("timeout@test", WAIT))).startsWith("INVITE ");
      String answer = silent.ue.receiveFor("timeout@test", Duration.ofSeconds(20));
      assertThat(RawSip.firstLine(answer)).isEqualTo("SIP/2.0 408 Request Timeout");
      assertThat(silent.proxy.counters().transactionTimeouts()).isEqualTo(1);
    }
  }
}
