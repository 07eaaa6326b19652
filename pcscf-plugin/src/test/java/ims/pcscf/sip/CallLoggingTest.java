package ims.pcscf.sip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The Call-ID is in the MDC only within its scope (the proxy's threads are pooled and reused). */
class CallLoggingTest {

  @Test
  void givenCallIdInTheMdc_whenItsScopeEnds_thenTheKeyIsRemoved() {
    try (var mdc = CallLogging.callId("scoped@test")) {
      assertThat(MDC.get("callId")).isEqualTo("scoped@test");
    }
    assertThat(MDC.get("callId")).isNull();
    CallLogging.run("run@test", () -> assertThat(MDC.get("callId")).isEqualTo("run@test"));
    assertThat(MDC.get("callId")).isNull();
  }
}
