package ims.pcscf.sip;

import static ims.pcscf.sip.E2aeHarness.WAIT;
import static ims.pcscf.sip.E2aeFixtures.cryptoLines;
import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.message.Add;
import ims.iq.message.ContextId;
import ims.iq.message.Modify;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TS 33.328 7.2.1 over real UDP: a UE registered with mediasec offers {@code a=3ge2ae:requested}; the
 * P-CSCF reserves at the IMS-AGW over Iq, forwards a plain offer to the core, configures the gateway on
 * the answer and answers the UE with one crypto line of the chosen tag. Every context is released when
 * the call ends, whichever way it ends. A fresh proxy and gateway per test (port numbers are asserted).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OriginatingE2aeTest extends FreshE2aeHarness {

  private static final String UE_KEY_80 = E2aeFixtures.UE_KEY;
  private static final String UE_OFFER = "v=0\r\n"
      + "o=- 1 1 IN IP4 127.0.0.1\r\n"
      + "s=-\r\n"
      + "c=IN IP4 127.0.0.1\r\n"
      + "t=0 0\r\n"
      + "m=audio 40000 RTP/SAVP 0\r\n"
      + "a=rtpmap:0 PCMU/8000\r\n"
      + "a=crypto:3 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|2^20|1:4\r\n"
      + "a=crypto:7 AES_CM_128_HMAC_SHA1_80 inline:" + UE_KEY_80 + "|2^20|1:4\r\n"
      + "a=3ge2ae:requested\r\n";
  private static final String CORE_ANSWER = E2aeFixtures.FAR_END_RTP;

  private String invite(String callId, String sdp) {
    return CallMessages.invite("sip:bob@ims.example.net", "alice", h.ue.port(), callId, sdp);
  }

  @Test
  void givenMediasecUe_whenItOffersE2ae_thenCoreSeesPlainRtpAtTheGatewayAndUeGetsOneCryptoOfTheChosenTag()
      throws Exception {
    h.register("alice", true);
    h.ue.send(invite("orig@test", UE_OFFER), h.access.udpPort());

    String atCore = h.core.receiveFor("orig@test", WAIT);
    String coreOffer = CallMessages.body(atCore);
    assertThat(coreOffer).doesNotContain("a=crypto").doesNotContain("3ge2ae").doesNotContain(UE_KEY_80)
        .contains("m=audio 20000 RTP/AVP 0\r\n").contains("c=IN IP4 127.0.0.1\r\n").contains("a=rtpmap:0 PCMU/8000\r\n");

    // Iq: core termination (RTP/AVP template) then access termination with the UE's chosen key as Remote
    List<Add> adds = h.commands(Add.class);
    assertThat(adds).hasSize(2);
    assertThat(E2aeHarness.local(adds.get(0)).orElseThrow()).contains("m=audio $ RTP/AVP 0").doesNotContain("crypto");
    assertThat(h.handler.recorded().get(h.handler.recorded().size() - 1).context()).isEqualTo(ContextId.of(1));
    String accessRemote = E2aeHarness.remote(adds.get(1)).orElseThrow();
    assertThat(accessRemote).contains("c=IN IP4 127.0.0.1\r\n").contains("m=audio 40000 RTP/SAVP 0\r\n")
        .contains("a=crypto:7 AES_CM_128_HMAC_SHA1_80 inline:" + UE_KEY_80 + "|2^20|1:4");
    assertThat(E2aeHarness.local(adds.get(1)).orElseThrow()).contains("m=audio $ RTP/SAVP 0");

    int via = RawSip.topViaPort(atCore);
    h.core.send(CallMessages.response(atCore, "183 Session Progress", "bob1", h.core.port(), CORE_ANSWER), via);
    String early = h.ue.receiveFor("orig@test", WAIT);
    assertThat(RawSip.firstLine(early)).isEqualTo("SIP/2.0 183 Session Progress");
    String ueAnswer = CallMessages.body(early);
    List<String> cryptos = cryptoLines(ueAnswer);
    assertThat(cryptos).hasSize(1);
    assertThat(cryptos.get(0)).startsWith("a=crypto:7 AES_CM_128_HMAC_SHA1_80 inline:").doesNotContain(UE_KEY_80);
    // the gateway's access address at media level (it overrides the far end's session-level c=, RFC 4566 5.7)
    assertThat(ueAnswer).contains("m=audio 20002 RTP/SAVP 0\r\nc=IN IP4 127.0.0.1\r\n")
        .contains("a=3ge2ae:applied\r\n");

    // Iq configure: K12 as the access Local (the same line the UE got), the far end as the core Remote
    List<Modify> modifies = h.commands(Modify.class);
    assertThat(modifies).hasSize(2);
    String k12 = cryptos.get(0).substring("a=crypto:".length());
    assertThat(modifies.stream().flatMap(m -> E2aeHarness.local(m).stream()).toList())
        .singleElement().satisfies(local -> assertThat(local).contains("a=crypto:" + k12).contains("m=audio 20002 RTP/SAVP 0"));
    assertThat(modifies.stream().flatMap(m -> E2aeHarness.remote(m).stream()).toList())
        .singleElement().satisfies(remote -> assertThat(remote).contains("c=IN IP4 127.0.0.9\r\n")
            .contains("m=audio 30000 RTP/AVP 0").doesNotContain("crypto"));

    // the 200 repeats the answer: the UE gets the same SDP, the gateway is not configured again
    h.core.send(CallMessages.response(atCore, "200 OK", "bob1", h.core.port(), CORE_ANSWER), via);
    String ok = h.ue.receiveFor("orig@test", WAIT);
    assertThat(RawSip.firstLine(ok)).isEqualTo("SIP/2.0 200 OK");
    assertThat(CallMessages.body(ok)).isEqualTo(ueAnswer);
    assertThat(h.commands(Modify.class)).hasSize(2);

    h.ueHangsUp(ok, "orig@test");
    h.assertEverythingReleased();
    assertThat(h.proxy.counters().gatewayContextsReserved()).isEqualTo(1);
  }

  @Test
  void givenAnchoredCall_whenCoreRejectsIt_thenUeGetsTheErrorAndTheContextIsReleased() throws Exception {
    h.register("alice", true);
    h.ue.send(invite("busy@test", UE_OFFER), h.access.udpPort());
    String atCore = h.core.receiveFor("busy@test", WAIT);
    h.core.send(CallMessages.response(atCore, "486 Busy Here", "b", 0, null), RawSip.topViaPort(atCore));
    assertThat(RawSip.firstLine(h.ue.receiveFor("busy@test", WAIT))).isEqualTo("SIP/2.0 486 Busy Here");
    h.assertEverythingReleased();
    assertThat(h.proxy.counters().gatewayContextsReleased()).isEqualTo(1);
  }

  @Test
  void givenAnchoredCall_whenUeCancels_thenCoreGetsCancelUeGets487AndTheContextIsReleased() throws Exception {
    h.register("alice", true);
    String invite = invite("cancel-e2ae@test", UE_OFFER);
    h.ue.send(invite, h.access.udpPort());
    String atCore = h.core.receiveFor("cancel-e2ae@test", WAIT);
    h.core.send(CallMessages.response(atCore, "180 Ringing", "c", h.core.port(), null), RawSip.topViaPort(atCore));
    assertThat(RawSip.firstLine(h.ue.receiveFor("cancel-e2ae@test", WAIT))).isEqualTo("SIP/2.0 180 Ringing");

    String cancel = invite.replaceFirst("INVITE sip", "CANCEL sip").replace("CSeq: 1 INVITE", "CSeq: 1 CANCEL")
        .replaceFirst("Content-Type: application/sdp\r\nContent-Length: \\d+\r\n\r\n[\\s\\S]*", "Content-Length: 0\r\n\r\n");
    h.ue.send(cancel, h.access.udpPort());
    assertThat(RawSip.firstLine(h.ue.receiveFor("cancel-e2ae@test", WAIT))).isEqualTo("SIP/2.0 200 OK");
    String cancelAtCore = h.core.receiveFor("cancel-e2ae@test", WAIT);
    assertThat(RawSip.firstLine(cancelAtCore)).startsWith("CANCEL ");
    h.core.send(RawSip.response(cancelAtCore, "200 OK"), RawSip.topViaPort(cancelAtCore));
    h.core.send(CallMessages.response(atCore, "487 Request Terminated", "c", 0, null), RawSip.topViaPort(atCore));
    assertThat(RawSip.firstLine(h.ue.receiveFor("cancel-e2ae@test", WAIT))).isEqualTo("SIP/2.0 487 Request Terminated");
    h.assertEverythingReleased();
    assertThat(h.proxy.counters().gatewayContextsReleased()).isEqualTo(1);
  }

  @Test
  void givenNoAcceptableSuite_whenUeOffersE2ae_then488WithWarningCountedAndNothingForwarded() throws Exception {
    h.register("alice", true);
    String gcmOnly = UE_OFFER.replaceAll("(?m)^a=crypto:.*\r\n", "")
        .replace("a=3ge2ae", "a=crypto:1 AEAD_AES_128_GCM inline:" + UE_KEY_80 + "AAAA\r\na=3ge2ae");
    h.ue.send(invite("nosuite@test", gcmOnly), h.access.udpPort());
    String answer = h.ue.receiveFor("nosuite@test", WAIT);
    assertThat(RawSip.firstLine(answer)).isEqualTo("SIP/2.0 488 Not Acceptable Here");
    assertThat(RawSip.values(answer, "Warning")).singleElement().asString().startsWith("306 ");
    assertThat(h.proxy.counters().e2aeRejections()).isEqualTo(1);
    assertThat(h.core.poll(Duration.ofMillis(300))).isNull();
    h.assertEverythingReleased();
  }

  @Test
  void givenUeRegisteredWithoutMediasec_whenItRequestsE2ae_then488PerPolicyAndNoGatewayUse() throws Exception {
    h.register("plain", false);
    h.ue.send(CallMessages.invite("sip:bob@ims.example.net", "plain", h.ue.port(), "nomediasec@test", UE_OFFER),
        h.access.udpPort());
    String answer = h.ue.receiveFor("nomediasec@test", WAIT);
    assertThat(RawSip.firstLine(answer)).isEqualTo("SIP/2.0 488 Not Acceptable Here");
    assertThat(RawSip.values(answer, "Warning")).hasSize(1);
    assertThat(h.commands(Add.class)).isEmpty();
  }

  @Test
  void givenEverythingLoggedAtTrace_whenAnE2aeCallIsSetUpAndRefused_thenNoKeyAppearsInAnyLogEvent() throws Exception {
    var root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    var ims = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("ims.pcscf");
    var rootLevel = root.getLevel();
    var imsLevel = ims.getLevel();
    var events = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
    events.start();
    root.addAppender(events);
    root.setLevel(ch.qos.logback.classic.Level.TRACE);
    ims.setLevel(ch.qos.logback.classic.Level.TRACE);
    try (var t = new E2aeHarness(true)) { // started after the levels: the stack traces messages too
      t.register("alice", true);
      t.ue.send(CallMessages.invite("sip:bob@ims.example.net", "alice", t.ue.port(), "logs@test", UE_OFFER), t.access.udpPort());
      String atCore = t.core.receiveFor("logs@test", WAIT);
      t.core.send(CallMessages.response(atCore, "183 Session Progress", "bob1", t.core.port(), CORE_ANSWER),
          RawSip.topViaPort(atCore));
      String early = t.ue.receiveFor("logs@test", WAIT);
      String k12 = cryptoLines(CallMessages.body(early)).get(0);
      String k12Key = k12.substring(k12.indexOf("inline:") + 7, k12.indexOf("inline:") + 47);
      // a refused answer logs its reason
      t.core.send(CallMessages.response(atCore, "486 Busy Here", "bob1", 0, null), RawSip.topViaPort(atCore));
      t.ue.receiveFor("logs@test", WAIT);
      t.assertEverythingReleased();

      assertThat(events.list).isNotEmpty();
      for (var event : events.list) {
        String text = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
        assertThat(text).doesNotContain(UE_KEY_80).doesNotContain(k12Key).doesNotContain("NzB4d1BINUAvLEw6UzF3WSJ");
      }
    } finally {
      root.detachAppender(events);
      root.setLevel(rootLevel);
      ims.setLevel(imsLevel);
    }
  }
}
