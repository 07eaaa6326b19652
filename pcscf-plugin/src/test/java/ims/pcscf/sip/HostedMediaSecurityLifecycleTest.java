package ims.pcscf.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.nist.javax.sip.message.MessageFactoryImpl;
import ims.pcscf.api.Interception;
import ims.pcscf.api.MediaSecurityInterceptor;
import ims.pcscf.api.PcscfPlugin;
import ims.pcscf.api.Side;
import ims.pcscf.policy.E2aeUnavailableAction;
import ims.pcscf.policy.PcscfPolicy;
import ims.pcscf.registration.RegistrationStore;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

/**
 * The hosted interceptor's lifecycle (open once, close idempotent, nothing outside open..close) and
 * its answers without any IMS-AGW: an e2ae request follows the policy's {@code whenUnavailable}, a
 * spoofed {@code a=3ge2ae} from the core is removed, ACK and CANCEL are never answered.
 */
class HostedMediaSecurityLifecycleTest {

  private static final InetSocketAddress UE = new InetSocketAddress("192.0.2.10", 5060);
  private static final String E2AE_OFFER = "v=0\r\no=- 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n"
      + "m=audio 40000 RTP/SAVP 0\r\n"
      + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + E2aeFixtures.UE_KEY + "\r\n"
      + "a=3ge2ae:requested\r\n";

  private static MediaSecurityInterceptor interceptor(PcscfPolicy policy) {
    var clock = Clock.systemUTC();
    return PcscfPlugin.newMediaSecurityInterceptor(policy, new RegistrationStore(clock, 10), clock, null);
  }

  private static Request request(String method, String sdp) throws Exception {
    String text = method + " sip:bob@ims.example.net SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKlife" + method + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@ims.example.net>;tag=a1\r\n"
        + "To: <sip:bob@ims.example.net>\r\n"
        + "Call-ID: lifecycle@test\r\n"
        + "CSeq: 1 " + method + "\r\n"
        + "Contact: <sip:alice@192.0.2.10:5060>\r\n"
        + (sdp == null ? "Content-Length: 0\r\n\r\n"
            : "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp);
    return new MessageFactoryImpl().createRequest(text);
  }

  @Test
  void givenNotOpened_whenCalled_thenIllegalStateAndAfterCloseAgain() throws Exception {
    var media = interceptor(PcscfPolicy.DEFAULT);
    assertThatThrownBy(() -> media.onRequest(Side.ACCESS, request("INVITE", null), UE, "UDP"))
        .isInstanceOf(IllegalStateException.class);
    media.open();
    assertThat(media.isOpen()).isTrue();
    assertThatThrownBy(media::open).isInstanceOf(IllegalStateException.class);
    media.close();
    media.close();
    assertThat(media.isOpen()).isFalse();
    assertThatThrownBy(() -> media.onRequest(Side.ACCESS, request("INVITE", null), UE, "UDP"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void givenNoGatewayAndPolicy488_whenUeRequestsE2ae_thenRespond488WithWarningAtOnce() throws Exception {
    try (var media = interceptor(PcscfPolicy.DEFAULT)) {
      media.open();
      var verdict = media.onRequest(Side.ACCESS, request("INVITE", E2AE_OFFER), UE, "UDP")
          .toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertThat(verdict).isInstanceOfSatisfying(Interception.Respond.class, r -> {
        assertThat(r.statusCode()).isEqualTo(488);
        assertThat(r.warning()).hasValueSatisfying(w -> assertThat(w.code()).isEqualTo(399));
      });
    }
  }

  @Test
  void givenNoGatewayAndPolicyForward_whenUeRequestsE2ae_thenForwardedWithTheIndicationRemoved() throws Exception {
    var forward = new PcscfPolicy(true, java.util.List.of(), true, PcscfPolicy.DEFAULT.allowedSuites(),
        E2aeUnavailableAction.FORWARD_AS_IS);
    try (var media = interceptor(forward)) {
      media.open();
      Request invite = request("INVITE", E2AE_OFFER);
      var verdict = media.onRequest(Side.ACCESS, invite, UE, "UDP").toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertThat(verdict).isInstanceOf(Interception.Forward.class);
      String body = new String(invite.getRawContent(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(body).doesNotContain("3ge2ae").contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:"); // e2e SDES
    }
  }

  @Test
  void givenAckAndCancel_whenIntercepted_thenForwardedNeverAnswered() throws Exception {
    try (var media = interceptor(PcscfPolicy.DEFAULT)) {
      media.open();
      assertThat(media.onRequest(Side.ACCESS, request("ACK", null), UE, "UDP").toCompletableFuture()
          .get(5, TimeUnit.SECONDS)).isInstanceOf(Interception.Forward.class);
      assertThat(media.onRequest(Side.ACCESS, request("CANCEL", null), UE, "UDP").toCompletableFuture()
          .get(5, TimeUnit.SECONDS)).isInstanceOf(Interception.Forward.class);
    }
  }
}
