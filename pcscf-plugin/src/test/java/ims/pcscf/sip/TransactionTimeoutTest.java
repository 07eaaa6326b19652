package ims.pcscf.sip;

import static org.assertj.core.api.Assertions.assertThat;

import ims.pcscf.policy.PcscfPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A silent registrar: retransmissions at T1, 2*T1, ... and a 408 toward the UE after 64*T1. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransactionTimeoutTest {

  @Test
  void givenRegistrarNeverAnswers_whenTimerFFires_thenUeGets408AndNoBindingStored() throws Exception {
    Duration t1 = Duration.ofMillis(40); // timer F = 64 * T1 = 2.56 s
    try (var h = new ProxyHarness(PcscfPolicy.DEFAULT, Clock.systemUTC(), 100, t1)) {
      h.ue.send(SipRequests.register(h.ue.port(), "silent", "silent@test", "Security-Client: sdes-srtp;mediasec"),
          h.access.udpPort());

      String first = h.registrar.receiveFor("silent@test", Duration.ofSeconds(5));
      String retransmission = h.registrar.receiveFor("silent@test", Duration.ofSeconds(5));
      assertThat(retransmission).isEqualTo(first);

      String answer = h.ue.receiveFor("silent@test", Duration.ofSeconds(20));
      assertThat(RawSip.firstLine(answer)).isEqualTo("SIP/2.0 408 Request Timeout");
      assertThat(RawSip.values(answer, "Security-Server")).isEmpty();
      assertThat(h.proxy.counters().transactionTimeouts()).isEqualTo(1);
      assertThat(h.proxy.registrations().size()).isZero();
    }
  }
}
