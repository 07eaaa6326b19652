package ims.media.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ControllerWatchdogTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void givenSilenceShorterThanGrace_whenChecked_thenNothingHappens() {
    var lost = new AtomicInteger();
    var dog = new ControllerWatchdog(() -> 7, Duration.ofSeconds(10), lost::incrementAndGet, 0);
    assertThat(dog.check(9 * SECOND)).isFalse();
    assertThat(lost).hasValue(0);
  }

  @Test
  void givenSilenceOfTheGraceTime_whenChecked_thenLostOnceUntilActivityResumesAndStopsAgain() {
    var lost = new AtomicInteger();
    var counter = new AtomicLong();
    var dog = new ControllerWatchdog(counter::get, Duration.ofSeconds(10), lost::incrementAndGet, 0);
    assertThat(dog.check(10 * SECOND)).isTrue();
    assertThat(dog.check(30 * SECOND)).isFalse();          // once per silence
    counter.incrementAndGet();
    assertThat(dog.check(31 * SECOND)).isFalse();          // activity re-arms
    assertThat(dog.check(40 * SECOND)).isFalse();
    assertThat(dog.check(41 * SECOND)).isTrue();
    assertThat(lost).hasValue(2);
  }

  @Test
  void givenActivityWithinEveryGraceWindow_whenChecked_thenNeverLost() {
    var counter = new AtomicLong();
    var dog = new ControllerWatchdog(counter::get, Duration.ofSeconds(10), () -> {
      throw new AssertionError("declared lost");
    }, 0);
    for (long t = 5; t < 100; t += 5) {
      counter.incrementAndGet();
      assertThat(dog.check(t * SECOND)).isFalse();
    }
  }

  @Test
  @Timeout(10)
  void givenStartedWatchdogAndNoActivity_whenGraceElapses_thenOnLostRunsOnItsThread() throws Exception {
    var lost = new CompletableFuture<String>();
    try (var dog = ControllerWatchdog.start(() -> 1, Duration.ofMillis(100),
        () -> lost.complete(Thread.currentThread().getName()))) {
      assertThat(lost.get(5, TimeUnit.SECONDS)).isEqualTo("iq-controller-watchdog");
    }
  }
}
