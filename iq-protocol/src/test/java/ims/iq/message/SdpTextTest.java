package ims.iq.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SdpTextTest {
  private static final String KEY = "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";
  private static final String SDP = "v=0\r\nm=audio 49170 RTP/SAVP 0\r\n"
      + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "|2^20|1:4\r\n";

  @Test
  void givenSdpWithInlineKey_whenPrinted_thenKeyIsRedactedButLifetimeAndMkiStay() {
    var sdp = SdpText.of(SDP);
    assertThat(sdp.toString()).doesNotContain(KEY)
        .contains("inline:<redacted>|2^20|1:4").contains("m=audio 49170 RTP/SAVP 0");
    assertThat(sdp.redacted()).isEqualTo(sdp.toString());
  }

  @Test
  void givenSdp_whenClosed_thenCharactersAreWipedAndReadingIsABug() {
    var sdp = SdpText.of(SDP);
    char[] copy = sdp.copyChars();
    assertThat(new String(copy)).contains(KEY);
    sdp.close();
    sdp.close();
    assertThat(sdp.isClosed()).isTrue();
    assertThat(sdp.toString()).isEqualTo("<closed>");
    assertThatThrownBy(sdp::text).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(sdp::copyChars).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void givenTwoBlocksWithTheSameText_whenCompared_thenEqualAndHashDependsOnLengthOnly() {
    assertThat(SdpText.of(SDP)).isEqualTo(SdpText.of(SDP)).hasSameHashCodeAs(SdpText.of(SDP));
    assertThat(SdpText.of(SDP)).isNotEqualTo(SdpText.of(SDP.replace('W', 'X')));
    assertThat(SdpText.of("abc").hashCode()).isEqualTo(3);
  }

  @Test
  void givenTextEndingWithBackslashOrHoldingNul_whenWrapped_thenRejectedAsUnencodable() {
    assertThatThrownBy(() -> SdpText.of("v=0\\")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SdpText.of("v=0\u0000")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenMessageWithKeysInLocalAndRemote_whenPrintedAndClosed_thenNoKeyInTextAndAllBlocksWiped() {
    var remote = SdpText.of(SDP);
    var local = SdpText.of(SDP.replace(KEY, "d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj"));
    var media = Media.of(new Stream(1, StreamParms.of(null, local, remote)));
    var message = Message.of(MId.domain("pcscf1.example.net", 2944), TransactionRequest.of(1,
        ActionRequest.of(ContextId.of(1), Modify.of(TerminationId.of("ip/1/access/1"), media))));
    assertThat(message.toString()).doesNotContain(KEY).doesNotContain("d0RmdmcmVCspeEc3QGZiNWpV")
        .contains("inline:<redacted>");
    assertThat(message.sdpBlocks()).containsExactly(local, remote);
    message.close();
    assertThat(local.isClosed()).isTrue();
    assertThat(remote.isClosed()).isTrue();
  }
}
