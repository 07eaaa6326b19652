package ims.pcscf.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ConcurrentModificationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Closing the proxy survives jain-sip-ri's channel-list race in UDPMessageProcessor.stop (seen in CI). */
class StackStopTest {

  @Test
  void givenTheStackRacesOnItsChannelListOnce_whenStopped_thenItIsStoppedAgainAndFinishes() {
    var attempts = new AtomicInteger();
    SipStackShutdown.stop(() -> {
      if (attempts.incrementAndGet() == 1) {
        throw new ConcurrentModificationException();
      }
    });
    assertThat(attempts).hasValue(2);
  }

  @Test
  void givenTheStackKeepsRacing_whenStopped_thenItGivesUpAfterThreeAttempts() {
    var attempts = new AtomicInteger();
    SipStackShutdown.stop(() -> {
      attempts.incrementAndGet();
      throw new ConcurrentModificationException();
    });
    assertThat(attempts).hasValue(3);
  }

  @Test
  void givenAStackThatStops_whenStopped_thenOnce() {
    var attempts = new AtomicInteger();
    SipStackShutdown.stop(attempts::incrementAndGet);
    assertThat(attempts).hasValue(1);
  }
}
