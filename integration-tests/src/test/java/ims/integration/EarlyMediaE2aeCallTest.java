package ims.integration;

import static org.assertj.core.api.Assertions.assertThat;

import ims.integration.GatewayView.Kind;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Early media in an originating e2ae call (design.md §3, TS 33.328 7.2.1 "the first 18x/2xx with SDP creates
 * K12"): the callee's 183 with SDP configures the gateway and media flows before the call is answered; the 200
 * that follows carries the same answer to the UE (same key, same gateway port) and the same SRTP contexts keep
 * working across it — one Configure, no re-key.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EarlyMediaE2aeCallTest extends ChainTest {
  private static final String SUITE = E2aeCallTest.SUITE_80;
  private static final int UE_SSRC = 0x3A11_0001;
  private static final int CORE_SSRC = 0x3A11_0002;
  private static final int PACKETS = 10;

  @Test
  void givenAnE2aeCall_whenTheCalleeSends183WithSdpThen200_thenMediaFlowsEarlyAndThe200RepeatsTheEarlyAnswerWithoutRekeying()
      throws Exception {
    try (var ue = new SipUa("uea"); var callee = new SipUa("announcer"); var ueMedia = LibSrtpUe.start();
         var farEnd = new MediaPeer()) {
      String ok = ue.register(chain.accessPort(), "ims.test", "Security-Client: sdes-srtp;mediasec");
      assertThat(SipText.values(ok, "Security-Server")).containsExactly("sdes-srtp;mediasec");
      assertThat(SipText.status(callee.register(chain.kamailio.port(), "ims.test"))).isEqualTo(200);

      var pending = ue.sendInvite(chain.accessPort(), "sip:announcer@ims.test", "ims.test",
          E2aeCallTest.ueOffer(ueMedia.port()));
      String invite = chain.explained(() -> callee.awaitRequest("INVITE", pending.callId()));
      int gatewayCore = Sdp.audioPort(SipText.body(invite));
      String farEndSdp = E2aeCallTest.plainRtp(farEnd.port());
      callee.respond(invite, "183 Session Progress", farEndSdp, "early1");

      String early = ue.await(m -> SipText.status(m) == 183 && SipText.callId(m).equals(pending.callId()),
          SipUa.WAIT, "183 with the early answer");
      String earlyAnswer = SipText.body(early);
      assertThat(Sdp.audioProfile(earlyAnswer)).isEqualTo("RTP/SAVP");
      assertThat(earlyAnswer).contains("a=3ge2ae:applied");
      assertThat(Sdp.cryptoLines(earlyAnswer)).hasSize(1);
      String crypto = Sdp.cryptoLines(earlyAnswer).get(0);
      // PcscfPolicy.DEFAULT prefers AES_CM_128_HMAC_SHA1_80: the UE's line of tag 7
      assertThat(crypto).startsWith("a=crypto:7 " + SUITE + " inline:");
      String k11 = E2aeCallTest.UE_KEY_80;
      String suite = SUITE;
      String k12 = Sdp.inlineKey(crypto);
      int gatewayAccess = Sdp.audioPort(earlyAnswer);

      ueMedia.sendWith(suite, k11);
      ueMedia.receiveWith(suite, k12);
      exchange(ueMedia, gatewayAccess, farEnd, gatewayCore, 0);

      SipUa.Dialog calleeDialog = callee.respond(invite, "200 OK", farEndSdp, "early1");
      SipUa.Dialog ueDialog = ue.awaitAnswer(pending);
      callee.awaitRequest("ACK", pending.callId());
      String answer = ueDialog.answerSdp();
      assertThat(Sdp.cryptoLines(answer)).containsExactly(crypto);
      assertThat(Sdp.audioPort(answer)).isEqualTo(gatewayAccess);

      // the same libsrtp contexts on both sides, sequence numbers continuing: the gateway did not re-key
      exchange(ueMedia, gatewayAccess, farEnd, gatewayCore, PACKETS);

      ue.sendBye(ueDialog);
      callee.answerBye(calleeDialog);
      assertThat(SipText.status(ue.awaitFinal("BYE", pending.callId()))).isEqualTo(200);
      chain.assertNothingHeld();
      assertThat(chain.gatewayView.seen(Kind.MODIFY).stream().filter(m -> m.local.isPresent()).toList())
          .as("one Configure with K12").hasSize(1);
      assertThat(chain.gatewayView.seen(Kind.SUBTRACT)).hasSize(2);
    }
  }

  private static void exchange(LibSrtpUe ue, int gatewayAccess, MediaPeer farEnd, int gatewayCore, int first)
      throws Exception {
    for (int i = first; i < first + PACKETS; i++) {
      byte[] up = Rtp.packet(Rtp.PCMA, 2000 + i, 160L * i, UE_SSRC, 160);
      ue.send(gatewayAccess, up);
      assertThat(farEnd.receive().bytes()).as("UE packet %d at the far end", i).isEqualTo(up);
      byte[] down = Rtp.packet(Rtp.PCMA, 4000 + i, 160L * i, CORE_SSRC, 160);
      farEnd.send(down, gatewayCore);
      assertThat(ue.receive(Duration.ofSeconds(5)).rtp()).as("far-end packet %d at the UE", i).isEqualTo(down);
    }
  }
}
