package ims.iq.codec;

import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.message.Message;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every message the Iq sides emit round-trips, and its text never shows a key except inside SDP. */
class IqCallFlowTest {
  static Stream<IqCallFlow.Named> messages() {
    return IqCallFlow.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void roundTripsInBothTokenStyles(IqCallFlow.Named named) throws Exception {
    for (TokenStyle style : TokenStyle.values()) {
      String text = IqCodec.encode(named.message(), style);
      Message decoded = IqCodec.decode(text);
      assertThat(decoded).as(style + "\n" + text).isEqualTo(named.message());
      assertThat(IqCodec.encode(decoded, style)).isEqualTo(text);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void toStringRedactsEveryKey(IqCallFlow.Named named) {
    assertThat(named.message().toString()).doesNotContain(IqCallFlow.UE_KEY).doesNotContain(IqCallFlow.AGW_KEY);
  }

  @Test
  void accessSideCarriesSavpWithCryptoAndCoreSideAvpWithout() {
    assertThat(IqCodec.encode(IqCallFlow.configureAccess())).contains("RTP/SAVP 96")
        .contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + IqCallFlow.UE_KEY);
    assertThat(IqCodec.encode(IqCallFlow.reserveAndConfigureCore())).contains("RTP/AVP 96").doesNotContain("crypto");
  }

  @Test
  void encodedBytesAreUtf8OfTheText() {
    Message m = IqCallFlow.reserveAccess();
    assertThat(new String(IqCodec.encodeToBytes(m), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(IqCodec.encode(m));
  }

  @Test
  void closingADecodedMessageWipesItsSdp() throws Exception {
    Message m = IqCodec.decode(IqCodec.encode(IqCallFlow.configureAccess()));
    assertThat(m.sdpBlocks()).hasSize(1);
    m.close();
    assertThat(m.sdpBlocks()).allMatch(ims.iq.message.SdpText::isClosed);
  }
}
