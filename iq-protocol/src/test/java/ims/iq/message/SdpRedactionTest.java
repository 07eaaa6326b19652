package ims.iq.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SdpRedactionTest {
  @Test
  void givenKeyEndedByBar_whenRedacted_thenOnlyKeyReplaced() {
    assertThat(SdpRedaction.redact("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:QUJD|2^31"))
        .isEqualTo("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:<redacted>|2^31");
  }

  @Test
  void givenKeyEndedByWhiteSpaceOrEndOrSemicolon_whenRedacted_thenKeyReplaced() {
    assertThat(SdpRedaction.redact("inline:QUJD FEC_ORDER=FEC_SRTP")).isEqualTo("inline:<redacted> FEC_ORDER=FEC_SRTP");
    assertThat(SdpRedaction.redact("x inline:QUJD")).isEqualTo("x inline:<redacted>");
    assertThat(SdpRedaction.redact("inline:QUJD;inline:REVG|2^20")).isEqualTo("inline:<redacted>;inline:<redacted>|2^20");
    assertThat(SdpRedaction.redact("inline:QUJD\r\na=x")).isEqualTo("inline:<redacted>\r\na=x");
  }

  @Test
  void givenUpperCaseInline_whenRedacted_thenStillReplaced() {
    assertThat(SdpRedaction.redact("INLINE:QUJD|1")).isEqualTo("INLINE:<redacted>|1");
  }

  @Test
  void givenTextWithoutKeys_whenRedacted_thenUnchanged() {
    assertThat(SdpRedaction.redact("v=0\r\nm=audio 0 RTP/AVP 0\r\ninline")).isEqualTo("v=0\r\nm=audio 0 RTP/AVP 0\r\ninline");
  }
}
