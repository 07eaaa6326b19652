package ims.media.relay;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * Bad packets are logged as rate-limited summaries only: one per termination per interval, at most
 * {@link DropLog#LINES_PER_INTERVAL} per event loop, counters and reasons, never packet bytes or keys.
 */
@Timeout(30)
class DropLoggingTest {
  private static final int CALLS = 24;                 // 12 per event loop: more than a loop's budget
  private static final int PACKETS_EACH = 5;

  @Test
  void givenGarbageAtTwentyFourTerminations_whenDropped_thenTenSummariesPerLoopNamingNoKeyOrPacketBytes()
      throws Exception {
    var logger = (Logger) LoggerFactory.getLogger(Termination.class);
    var appender = new ListAppender<ILoggingEvent>();
    appender.start();
    Level level = logger.getLevel();
    boolean additive = logger.isAdditive();
    logger.setLevel(Level.INFO);
    logger.setAdditive(false);                         // captured here, not printed
    logger.addAppender(appender);
    var calls = new ArrayList<E2aeCall>();
    try (var relay = MediaRelay.start(RelayFixture.config(CALLS, true)); var stranger = new Peer()) {
      for (int i = 0; i < CALLS; i++) {
        calls.add(E2aeCall.open(relay, E2aeCall.srtpAccess()));
      }
      byte[] garbage = new byte[60];
      java.util.Arrays.fill(garbage, (byte) 0xA5);
      garbage[0] = (byte) 0x80;
      for (E2aeCall call : calls) {
        for (int i = 0; i < PACKETS_EACH; i++) {
          stranger.send(garbage, call.access.localRtp());
        }
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RelayFixture.TIMEOUT_S);
      while (relay.totals().discarded(DiscardReason.UNKNOWN_SOURCE) < (long) CALLS * PACKETS_EACH) {
        assertThat(System.nanoTime()).as("drops counted in time").isLessThan(deadline);
        for (E2aeCall call : calls) {
          RelayViewsTest.drain(call.context);
        }
      }
      for (E2aeCall call : calls) {
        RelayViewsTest.drain(call.context);
      }

      List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
      assertThat(lines).hasSize(2 * DropLog.LINES_PER_INTERVAL);        // two loops, ten each; four held back
      var ports = new HashSet<String>();
      for (String line : lines) {
        assertThat(line).contains("dropped").contains("latest UNKNOWN_SOURCE")
            .doesNotContain(HexFormat.of().formatHex(RelayFixture.UE_KEY))
            .doesNotContain(Base64.getEncoder().encodeToString(RelayFixture.UE_KEY).substring(0, 12))
            .doesNotContain(HexFormat.of().formatHex(RelayFixture.AGW_KEY))
            .doesNotContain("a5a5").doesNotContain("A5A5").doesNotContain("inline")
            .doesNotContain(stranger.address().toString());
        ports.add(line.replaceAll(".*on port (\\d+).*", "$1"));
      }
      assertThat(ports).as("at most one summary per termination").hasSize(lines.size());
    } finally {
      logger.detachAppender(appender);
      logger.setLevel(level);
      logger.setAdditive(additive);
      calls.forEach(E2aeCall::close);
    }
  }
}
