package ims.pcscf.sip;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import gov.nist.core.LogLevels;
import ims.pcscf.policy.PcscfPolicy;
import java.time.Duration;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Test;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StackLoggingTest {

  @Test
  void givenTestClassPath_whenLookingForLog4j1_thenAbsent() {
    assertThatThrownBy(() -> Class.forName("org.apache.log4j.Logger")).isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void givenStackTextQuotingAnSdesKey_whenRedacted_thenKeyGoneRestKept() {
    // the crypto line of design.md section 2 (a conformance example)
    String line = "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4 "
        + "FEC_ORDER=FEC_SRTP";
    String redacted = Slf4jStackLogger.redact(line);
    assertThat(redacted).doesNotContain("WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz");
    assertThat(redacted).isEqualTo("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:<redacted>|2^20|1:4 FEC_ORDER=FEC_SRTP");
  }

  @Test
  void givenStackTextQuotingAWholeMessage_whenRedacted_thenOnlyTheFirstLineSurvives() {
    String dump = "Dropping message REGISTER sip:ims.example.net SIP/2.0\r\nVia: SIP/2.0/UDP h\r\n\r\n"
        + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";
    assertThat(Slf4jStackLogger.redact(dump)).isEqualTo("Dropping message REGISTER sip:ims.example.net SIP/2.0 [...]");
  }

  @Test
  void givenStackLogger_whenAskedForDebugOrTraceLogging_thenAlwaysDisabled() {
    var logger = new Slf4jStackLogger();
    assertThat(logger.isLoggingEnabled(LogLevels.TRACE_DEBUG)).isFalse();
    assertThat(logger.isLoggingEnabled(LogLevels.TRACE_TRACE)).isFalse();
    assertThat(logger.isLoggingEnabled(LogLevels.TRACE_ERROR)).isTrue();
  }

  @Test
  void givenRunningProxy_whenRegisterRelayed_thenStackAndMessageLinesReachSlf4jWithoutHeaders() throws Exception {
    var stackLogger = (Logger) LoggerFactory.getLogger(Slf4jStackLogger.LOGGER_NAME);
    var messageLogger = (Logger) LoggerFactory.getLogger(Slf4jServerLogger.LOGGER_NAME);
    var stackEvents = new ListAppender<ILoggingEvent>();
    var messageEvents = new ListAppender<ILoggingEvent>();
    stackEvents.start();
    messageEvents.start();
    stackLogger.addAppender(stackEvents);
    messageLogger.addAppender(messageEvents);
    Level previous = messageLogger.getLevel();
    messageLogger.setLevel(Level.DEBUG);
    try (var h = new ProxyHarness(PcscfPolicy.DEFAULT)) {
      h.ue.send(SipRequests.register(h.ue.port(), "logged", "logged@test", "Security-Client: sdes-srtp;mediasec"),
          h.access.udpPort());
      String forwarded = h.registrar.receiveFor("logged@test", Duration.ofSeconds(5));
      h.registrar.send(RawSip.response(forwarded, "200 OK"), RawSip.topViaPort(forwarded));
      h.ue.receiveFor("logged@test", Duration.ofSeconds(5));
    } finally {
      messageLogger.setLevel(previous);
      stackLogger.detachAppender(stackEvents);
      messageLogger.detachAppender(messageEvents);
    }
    assertThat(stackEvents.list).as("jain-sip's own start-up warnings arrive through SLF4J").isNotEmpty();
    assertThat(messageEvents.list).extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(line -> assertThat(line).startsWith("received").contains("REGISTER sip:ims.example.net SIP/2.0")
            .contains("call-id=logged@test"))
        .allSatisfy(line -> assertThat(line).doesNotContain("Security-Client").doesNotContain("Via:"));
  }
}
