package ims.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Calls that are not e2ae pass the whole chain untouched (design.md §1/§2: e2e SDES, KMS and plain RTP are
 * forwarded as they are, no gateway): the SDP each side gets through the P-CSCF and Kamailio is byte for byte
 * the other side's, and Iq stays silent.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PassThroughCallTest extends ChainTest {
  @Test
  void givenUeWithMediasecOfferingEndToEndSdes_whenItCallsThroughKamailio_thenBothSdpBodiesPassByteForByteAndNoGatewayIsUsed()
      throws Exception {
    String offer = "v=0\r\no=- 5 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio 40000 RTP/SAVP 8\r\na=rtpmap:8 PCMA/8000\r\n"
        + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + E2aeCallTest.UE_KEY_80 + "\r\n";
    String answer = "v=0\r\no=- 6 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio 41000 RTP/SAVP 8\r\na=rtpmap:8 PCMA/8000\r\n"
        + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNk\r\n";
    assertPassesUntouched(offer, answer);
  }

  @Test
  void givenUeWithMediasecOfferingKms_whenItCallsThroughKamailio_thenBothSdpBodiesPassByteForByteAndNoGatewayIsUsed()
      throws Exception {
    // RFC 4567 key management (MIKEY-TICKET in TS 33.328's KMS solution): an opaque base64 blob for the P-CSCF
    String offer = "v=0\r\no=- 5 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "a=key-mgmt:mikey AQAFgM0XflABAAAAAAAAAAAAAAsAyO6mrJ+L4BAAAAAAAAAAAA==\r\n"
        + "m=audio 40000 RTP/SAVP 8\r\na=rtpmap:8 PCMA/8000\r\n";
    String answer = "v=0\r\no=- 6 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "a=key-mgmt:mikey AQEFgM0XflABAAAAAAAAAAAAAAsAyO6mrJ+L4BAAAAAAAAAAAA==\r\n"
        + "m=audio 41000 RTP/SAVP 8\r\na=rtpmap:8 PCMA/8000\r\n";
    assertPassesUntouched(offer, answer);
  }

  @Test
  void givenUeRegisteredWithoutMediasec_whenACoreUserCallsItThroughKamailio_thenThePlainOfferAndAnswerPassByteForByteAndNoGatewayIsUsed()
      throws Exception {
    try (var ue = new SipUa("plainue"); var caller = new SipUa("carol")) {
      String ok = ue.register(chain.accessPort(), "ims.test");
      assertThat(SipText.values(ok, "Security-Server")).isEmpty();

      String offer = E2aeCallTest.plainRtp(41_000);
      var pending = caller.sendInvite(chain.kamailio.port(), "sip:plainue@ims.test", "core.test", offer);
      String invite = chain.explained(() -> ue.awaitRequest("INVITE", pending.callId()));
      assertThat(SipText.body(invite)).isEqualTo(offer);
      String answer = E2aeCallTest.plainRtp(40_000).replace("o=- 9 1", "o=- 10 1");
      SipUa.Dialog ueDialog = ue.answer(invite, answer);
      SipUa.Dialog callerDialog = caller.awaitAnswer(pending);
      ue.awaitRequest("ACK", pending.callId());
      assertThat(callerDialog.answerSdp()).isEqualTo(answer);

      caller.sendBye(callerDialog);
      ue.answerBye(ueDialog);
      assertThat(SipText.status(caller.awaitFinal("BYE", pending.callId()))).isEqualTo(200);
      assertThat(chain.gatewayView.seen()).isEmpty();
    }
  }

  private void assertPassesUntouched(String offer, String answer) throws Exception {
    try (var ue = new SipUa("uea"); var callee = new SipUa("bob")) {
      String ok = ue.register(chain.accessPort(), "ims.test", "Security-Client: sdes-srtp;mediasec");
      assertThat(SipText.values(ok, "Security-Server")).containsExactly("sdes-srtp;mediasec");
      assertThat(SipText.status(callee.register(chain.kamailio.port(), "ims.test"))).isEqualTo(200);

      var pending = ue.sendInvite(chain.accessPort(), "sip:bob@ims.test", "ims.test", offer);
      String invite = chain.explained(() -> callee.awaitRequest("INVITE", pending.callId()));
      assertThat(SipText.body(invite)).isEqualTo(offer);
      SipUa.Dialog calleeDialog = callee.answer(invite, answer);
      SipUa.Dialog ueDialog = ue.awaitAnswer(pending);
      callee.awaitRequest("ACK", pending.callId());
      assertThat(ueDialog.answerSdp()).isEqualTo(answer);

      ue.sendBye(ueDialog);
      callee.answerBye(calleeDialog);
      assertThat(SipText.status(ue.awaitFinal("BYE", pending.callId()))).isEqualTo(200);
      assertThat(chain.gatewayView.seen()).isEmpty();
      assertThat(chain.pcscf.counters().gatewayContextsReserved()).isZero();
    }
  }
}
