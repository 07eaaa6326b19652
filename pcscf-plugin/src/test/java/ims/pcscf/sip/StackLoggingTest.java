package ims.pcscf.sip;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.nist.core.LogLevels;
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
  void givenStackLogger_whenAskedForDebugOrMessageLogging_thenAlwaysDisabled() {
    var logger = new Slf4jStackLogger();
    assertThat(logger.isLoggingEnabled(LogLevels.TRACE_DEBUG)).isFalse();
    assertThat(logger.isLoggingEnabled(LogLevels.TRACE_TRACE)).isFalse();
    assertThat(logger.isLoggingEnabled(LogLevels.TRACE_MESSAGES)).isFalse();
    assertThat(logger.isLoggingEnabled(LogLevels.TRACE_ERROR)).isTrue();
  }
}
