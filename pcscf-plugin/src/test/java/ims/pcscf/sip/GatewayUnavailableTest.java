package ims.pcscf.sip;

import static ims.pcscf.sip.E2aeHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TS 33.328 7.2.1 with no IMS-AGW associated: the UE gets 503 with a Warning, the core nothing. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GatewayUnavailableTest {

  @Test
  void givenNoGateway_whenMediasecUeOffersE2ae_then503WithWarningAndNothingReachesTheCore() throws Exception {
    try (var h = new E2aeHarness(false)) {
      h.register("alice", true);
      String offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
          + "m=audio 40000 RTP/SAVP 0\r\n"
          + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\r\n"
          + "a=3ge2ae:requested\r\n";
      h.ue.send(CallMessages.invite("sip:bob@ims.example.net", "alice", h.ue.port(), "nogw@test", offer),
          h.access.udpPort());
      String answer = h.ue.receiveFor("nogw@test", Duration.ofSeconds(20));
      assertThat(RawSip.firstLine(answer)).isEqualTo("SIP/2.0 503 Service Unavailable");
      assertThat(RawSip.values(answer, "Warning")).singleElement().asString().startsWith("399 ");
      assertThat(h.core.poll(Duration.ofMillis(300))).isNull();
      assertThat(h.proxy.counters().gatewayFailures()).isGreaterThanOrEqualTo(1);
    }
  }
}
