package ims.pcscf.sip;

import static ims.pcscf.sip.E2aeHarness.WAIT;
import static ims.pcscf.sip.E2aeFixtures.cryptoLines;
import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.message.Add;
import ims.iq.message.Modify;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TS 33.328 7.3.1 over real UDP: the core offers RTP/AVP toward a UE registered with mediasec; the UE
 * gets RTP/SAVP with the P-CSCF's crypto lines (K21) and {@code a=3ge2ae:applied} at the gateway's
 * access address; its answer (K22) configures the gateway; the core gets RTP/AVP at the gateway's core
 * address, without keys. A fresh proxy and gateway per test (port numbers are asserted).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TerminatingE2aeTest extends FreshE2aeHarness {

  private static final String UE_KEY = E2aeFixtures.UE_KEY;
  private static final String CORE_OFFER = E2aeFixtures.FAR_END_RTP;

  private String coreInvite(String user, String callId, String sdp) {
    return CallMessages.invite("sip:" + user + "@127.0.0.1:" + h.ue.port(), "carol", h.core.port(), callId, sdp,
        "Route: <sip:127.0.0.1:" + h.coreSide.udpPort() + ";lr>");
  }

  private static String ueAnswer(String cryptoLines) {
    return "v=0\r\no=- 7 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio 40000 RTP/SAVP 0\r\na=rtpmap:0 PCMU/8000\r\n" + cryptoLines;
  }

  @Test
  void givenMediasecUe_whenTheCoreCallsIt_thenUeGetsSrtpWithAppliedAndTheCoreGetsPlainRtpAtTheGateway()
      throws Exception {
    h.register("alice", true);
    h.core.send(coreInvite("alice", "term@test", CORE_OFFER), h.coreSide.udpPort());

    String atUe = h.ue.receiveFor("term@test", WAIT);
    String ueOffer = CallMessages.body(atUe);
    List<String> offered = cryptoLines(ueOffer);
    assertThat(offered).hasSize(2);
    assertThat(offered.get(0)).startsWith("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:");
    assertThat(offered.get(1)).startsWith("a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:");
    assertThat(ueOffer).contains("m=audio 20002 RTP/SAVP 0\r\nc=IN IP4 127.0.0.1\r\n").contains("a=3ge2ae:applied\r\n");

    List<Add> adds = h.commands(Add.class);
    assertThat(adds).hasSize(2);
    assertThat(E2aeHarness.remote(adds.get(0)).orElseThrow()).contains("c=IN IP4 127.0.0.9\r\n")
        .contains("m=audio 30000 RTP/AVP 0").doesNotContain("crypto");
    assertThat(E2aeHarness.local(adds.get(1)).orElseThrow()).contains("m=audio $ RTP/SAVP 0");

    String k22 = "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + UE_KEY + "\r\n";
    h.ue.send(CallMessages.response(atUe, "200 OK", "alice1", h.ue.port(), ueAnswer(k22)), RawSip.topViaPort(atUe));
    String ok = h.core.receiveFor("term@test", WAIT);
    assertThat(RawSip.firstLine(ok)).isEqualTo("SIP/2.0 200 OK");
    String coreAnswer = CallMessages.body(ok);
    assertThat(coreAnswer).doesNotContain("a=crypto").doesNotContain("3ge2ae").doesNotContain(UE_KEY)
        .contains("m=audio 20000 RTP/AVP 0\r\nc=IN IP4 127.0.0.1\r\n");

    // the access termination: encrypt toward the UE with K21 (offered tag 1), decrypt its media with K22
    List<Modify> modifies = h.commands(Modify.class);
    assertThat(modifies).hasSize(1);
    assertThat(E2aeHarness.local(modifies.get(0)).orElseThrow()).contains(offered.get(0));
    assertThat(E2aeHarness.remote(modifies.get(0)).orElseThrow()).contains("m=audio 40000 RTP/SAVP 0")
        .contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + UE_KEY);

    String from = RawSip.values(ok, "From").get(0);
    String to = RawSip.values(ok, "To").get(0);
    h.core.send(CallMessages.inDialog("BYE", "sip:peer@127.0.0.1:" + h.ue.port(),
        List.of("<sip:127.0.0.1:" + h.coreSide.udpPort() + ";lr>", "<sip:127.0.0.1:" + h.access.udpPort() + ";lr>"),
        h.core.port(), from, to, "term@test", 2, CallMessages.branch()), h.coreSide.udpPort());
    String bye = h.ue.receiveFor("term@test", WAIT);
    assertThat(RawSip.firstLine(bye)).startsWith("BYE ");
    h.ue.send(CallMessages.response(bye, "200 OK", null, 0, null), RawSip.topViaPort(bye));
    assertThat(RawSip.firstLine(h.core.receiveFor("term@test", WAIT))).isEqualTo("SIP/2.0 200 OK");
    h.assertEverythingReleased();
    assertThat(h.proxy.counters().gatewayContextsReleased()).isEqualTo(1);
  }

  @Test
  void givenUeAnswersWithTwoCryptoLines_whenRelayed_thenCoreGets488WithWarningAndTheContextIsReleased()
      throws Exception {
    h.register("alice", true);
    h.core.send(coreInvite("alice", "twokeys@test", CORE_OFFER), h.coreSide.udpPort());
    String atUe = h.ue.receiveFor("twokeys@test", WAIT);
    String twoLines = "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + UE_KEY + "\r\n"
        + "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:" + UE_KEY + "\r\n";
    h.ue.send(CallMessages.response(atUe, "183 Session Progress", "a2", h.ue.port(), ueAnswer(twoLines)),
        RawSip.topViaPort(atUe));
    String answer = h.core.receiveFor("twokeys@test", WAIT);
    assertThat(RawSip.firstLine(answer)).isEqualTo("SIP/2.0 488 Not Acceptable Here");
    assertThat(answer).doesNotContain(UE_KEY);
    assertThat(RawSip.values(answer, "Warning")).hasSize(1);
    assertThat(h.proxy.counters().e2aeRejections()).isEqualTo(1);
    // the UE, still ringing, is cancelled
    String cancel = h.ue.receiveFor("twokeys@test", WAIT);
    assertThat(RawSip.firstLine(cancel)).startsWith("CANCEL ");
    h.assertEverythingReleased();
  }

  @Test
  void givenUeRegisteredWithoutMediasec_whenTheCoreCallsIt_thenTheOfferPassesUntouchedWithoutGateway()
      throws Exception {
    h.register("plain", false);
    h.core.send(coreInvite("plain", "term-plain@test", CORE_OFFER), h.coreSide.udpPort());
    assertThat(CallMessages.body(h.ue.receiveFor("term-plain@test", WAIT))).isEqualTo(CORE_OFFER);
    assertThat(h.commands(Add.class)).isEmpty();
  }
}
