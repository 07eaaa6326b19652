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
      h.ue.send(CallMessages.invite("sip:bob@ims.example.net", "alice", h.ue.port(), "nogw@test",
          E2aeFixtures.UE_E2AE_OFFER), h.access.udpPort());
      String answer = h.ue.receiveFor("nogw@test", Duration.ofSeconds(20));
      assertThat(RawSip.firstLine(answer)).isEqualTo("SIP/2.0 503 Service Unavailable");
      assertThat(RawSip.values(answer, "Warning")).singleElement().asString().startsWith("399 ");
      assertThat(h.core.poll(Duration.ofMillis(300))).isNull();
      assertThat(h.proxy.counters().gatewayFailures()).isGreaterThanOrEqualTo(1);
    }
  }
}
