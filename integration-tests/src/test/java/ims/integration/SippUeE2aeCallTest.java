package ims.integration;

import static org.assertj.core.api.Assertions.assertThat;

import ims.integration.GatewayView.Kind;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The originating e2ae flow with SIPp as the UE's SIP stack (a SIP implementation that is not the test's):
 * SIPp registers with mediasec and calls a core user through the P-CSCF and Kamailio, checking the bytes of
 * its 200 OK itself ({@code ue_e2ae_call.xml}); the UE's media is the test's libsrtp process at the port SIPp
 * announced. The far end hangs up; SIPp must have passed every check, and the key its 200 carried is the one
 * the gateway encrypts with.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SippUeE2aeCallTest extends ChainTest {
  private static final String UE_KEY = "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";
  private static final String SUITE = "AES_CM_128_HMAC_SHA1_80";
  private static final int PACKETS = 20;

  @Test
  void givenSippUeWithMediasec_whenItCallsACoreUserThroughKamailio_thenItsChecksPassAndLibsrtpMediaFlowsWithTheKeyOfItsAnswer()
      throws Exception {
    try (var callee = new SipUa("bob"); var ueMedia = LibSrtpUe.start(); var farEnd = new MediaPeer()) {
      assertThat(SipText.status(callee.register(chain.kamailio.port(), "ims.test"))).isEqualTo(200);
      int sippPort = FreePorts.udp();
      try (Sipp ue = Sipp.start(dir, "ue_e2ae_call.xml", sippPort, chain.accessPort(),
          "callee", "bob", "ue_media_port", Integer.toString(ueMedia.port()))) {
        String invite = chain.explained(() -> callee.awaitRequest("INVITE", null));
        String callId = SipText.callId(invite);
        assertThat(SipText.body(invite)).contains("RTP/AVP").doesNotContain("inline:").doesNotContain("3ge2ae");
        int gatewayCore = Sdp.audioPort(SipText.body(invite));
        SipUa.Dialog dialog = callee.answer(invite, E2aeCallTest.plainRtp(farEnd.port()));
        callee.awaitRequest("ACK", callId);

        // the UE got its 200 (SIPp ACKed it): the gateway's access termination is configured with K12 toward the UE
        String k12Line = chain.gatewayView.seen(Kind.MODIFY).stream().flatMap(m -> m.local.stream())
            .flatMap(local -> Sdp.cryptoLines(local).stream()).findFirst().orElseThrow();
        String k12 = Sdp.inlineKey(k12Line);
        int gatewayAccess = Sdp.audioPort(chain.gatewayView.seen(Kind.ADD).stream()
            .filter(s -> s.realm.equals(Optional.of("access"))).findFirst().orElseThrow()
            .replyLocal.orElseThrow());
        ueMedia.sendWith(SUITE, UE_KEY);
        ueMedia.receiveWith(SUITE, k12);
        for (int i = 0; i < PACKETS; i++) {
          byte[] up = Rtp.packet(Rtp.PCMA, 300 + i, 160L * i, 0x5199_0001, 160);
          ueMedia.send(gatewayAccess, up);
          assertThat(farEnd.receive().bytes()).isEqualTo(up);
          byte[] down = Rtp.packet(Rtp.PCMA, 900 + i, 160L * i, 0x5199_0002, 160);
          farEnd.send(down, gatewayCore);
          assertThat(ueMedia.receive(Duration.ofSeconds(5)).rtp()).isEqualTo(down);
        }

        callee.sendBye(dialog);
        assertThat(SipText.status(callee.awaitFinal("BYE", callId))).isEqualTo(200);
        assertThat(ue.await()).as("SIPp UE exit code (0: every check of its scenario passed); output:%n%s",
            ue.output()).isZero();
        // what SIPp received: the gateway's access port and K12, as used above
        assertThat(ue.messages()).contains("m=audio " + gatewayAccess + " RTP/SAVP 8").contains("inline:" + k12);
      }
      chain.assertNothingHeld();
      assertThat(chain.gatewayView.seen(Kind.SUBTRACT)).hasSize(2);
    }
  }
}
