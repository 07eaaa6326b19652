package ims.integration;

import static ims.integration.E2aeCallTest.SUITE_80;
import static ims.integration.E2aeCallTest.UE_KEY_32;
import static ims.integration.E2aeCallTest.UE_KEY_80;
import static org.assertj.core.api.Assertions.assertThat;

import ims.integration.GatewayView.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two UEs of the same P-CSCF, both registered with mediasec, call each other: the INVITE leaves the P-CSCF
 * (originating e2ae leg, 7.2.1), goes through Kamailio along the caller's Service-Route, comes back along the
 * callee's Path (terminating e2ae leg, 7.3.1). Two gateway contexts; between them plain RTP over the core
 * ports. Each UE's media is its own libsrtp process, and neither ever learns the other's key.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HairpinE2aeCallTest extends ChainTest {
  private static final int PACKETS = 20;
  private static final int A_SSRC = 0x0A0A_0A0A;
  private static final int B_SSRC = 0x0B0B_0B0B;

  @Test
  void givenTwoUesOfThisPcscfWithMediasec_whenOneCallsTheOtherThroughKamailio_thenEachLegHasItsOwnKeysAndMediaFlowsBothWays()
      throws Exception {
    try (var a = new SipUa("uea"); var b = new SipUa("ueb"); var aMedia = LibSrtpUe.start();
         var bMedia = LibSrtpUe.start()) {
      for (SipUa ue : List.of(a, b)) {
        String ok = ue.register(chain.accessPort(), "ims.test", "Security-Client: sdes-srtp;mediasec");
        assertThat(SipText.values(ok, "Security-Server")).containsExactly("sdes-srtp;mediasec");
      }

      var pending = a.sendInvite(chain.accessPort(), "sip:ueb@ims.test", "ims.test", E2aeCallTest.ueOffer(aMedia.port()));
      String invite = chain.explained(() -> b.awaitRequest("INVITE", pending.callId()));
      String bOffer = SipText.body(invite);
      assertThat(Sdp.audioProfile(bOffer)).isEqualTo("RTP/SAVP");
      assertThat(bOffer).contains("a=3ge2ae:applied").doesNotContain(UE_KEY_80).doesNotContain(UE_KEY_32);
      String k21Line = Sdp.cryptoLines(bOffer).stream().filter(l -> Sdp.cryptoSuite(l).equals(SUITE_80)).findFirst()
          .orElseThrow();
      String k21 = Sdp.inlineKey(k21Line);
      String k22 = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNk";   // B's own key: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcd"
      String bAnswer = "v=0\r\no=- 2 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
          + "m=audio " + bMedia.port() + " RTP/SAVP 8\r\na=rtpmap:8 PCMA/8000\r\n"
          + "a=crypto:" + Sdp.cryptoTag(k21Line) + " " + SUITE_80 + " inline:" + k22 + "\r\n";
      SipUa.Dialog bDialog = b.answer(invite, bAnswer);
      SipUa.Dialog aDialog = a.awaitAnswer(pending);
      b.awaitRequest("ACK", pending.callId());

      String aAnswer = aDialog.answerSdp();
      String k12Line = Sdp.cryptoLines(aAnswer).get(0);
      assertThat(Sdp.cryptoLines(aAnswer)).hasSize(1);
      assertThat(aAnswer).contains("a=3ge2ae:applied").doesNotContain(k22).doesNotContain(k21);
      String aSuite = Sdp.cryptoSuite(k12Line);
      String k11 = Sdp.cryptoTag(k12Line) == 7 ? UE_KEY_80 : UE_KEY_32;
      String k12 = Sdp.inlineKey(k12Line);
      int aGateway = Sdp.audioPort(aAnswer);
      int bGateway = Sdp.audioPort(bOffer);
      assertThat(aGateway).isNotEqualTo(bGateway);

      aMedia.sendWith(aSuite, k11);
      aMedia.receiveWith(aSuite, k12);
      bMedia.sendWith(SUITE_80, k22);
      bMedia.receiveWith(SUITE_80, k21);
      Duration wait = Duration.ofSeconds(5);
      for (int i = 0; i < PACKETS; i++) {
        byte[] fromA = Rtp.packet(Rtp.PCMA, 100 + i, 160L * i, A_SSRC, 160);
        aMedia.send(aGateway, fromA);
        LibSrtpUe.Received atB = bMedia.receive(wait);
        assertThat(atB.rtp()).as("A's packet %d at B", i).isEqualTo(fromA);
        assertThat(atB.fromPort()).isEqualTo(bGateway);

        byte[] fromB = Rtp.packet(Rtp.PCMA, 7000 + i, 4000L + 160L * i, B_SSRC, 160);
        bMedia.send(bGateway, fromB);
        LibSrtpUe.Received atA = aMedia.receive(wait);
        assertThat(atA.rtp()).as("B's packet %d at A", i).isEqualTo(fromB);
        assertThat(atA.fromPort()).isEqualTo(aGateway);
      }

      b.sendBye(bDialog);
      a.answerBye(aDialog);
      assertThat(SipText.status(b.awaitFinal("BYE", pending.callId()))).isEqualTo(200);
      chain.assertNothingHeld();

      assertThat(chain.pcscf.counters().gatewayContextsReserved()).isEqualTo(2);
      assertThat(chain.gatewayView.seen(Kind.ADD)).hasSize(4).allSatisfy(s -> assertThat(s.outcome).isEqualTo("ok"));
      assertThat(chain.gatewayView.seen(Kind.ADD).stream().map(s -> s.replyContext).distinct()).hasSize(2);
      assertThat(chain.gatewayView.seen(Kind.SUBTRACT)).hasSize(4).allSatisfy(s -> assertThat(s.outcome).isEqualTo("ok"));
      assertThat(chain.gatewayView.seen(Kind.SUBTRACT).stream().map(s -> s.termination)).doesNotHaveDuplicates();
      // the core in the middle (Kamailio) never saw a key or an e2ae indication
      assertThat(chain.kamailio.received("INVITE")).singleElement()
          .satisfies(received -> assertThat(received).doesNotContain("inline:").doesNotContain("3ge2ae"));
    }
  }
}
