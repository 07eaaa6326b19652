package ims.benchmarks.relay.rtpengine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RtpengineSdpTest {
  /** rtpengine 10.5.3.5's answer toward the UE (test resource rtpengine-10.5-answer-reply.hex, its sdp value). */
  private static final String RTPENGINE_ANSWER = "v=0\r\no=- 2 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
      + "t=0 0\r\nm=audio 30016 RTP/SAVP 0 8\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=sendrecv\r\n"
      + "a=rtcp:30016\r\na=rtcp-mux\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:B8mzWDPwEEoaZSNlGgTSjhpTNNsf+CImhz46Qd7A"
      + "\r\n";
  /** Its key decoded with coreutils' base64 -d. */
  private static final String RTPENGINE_KEY = "07c9b35833f0104a1a6523651a04d28e1a5334db1ff82226873e3a41dec0";

  @Test
  void readsPortAndKeyOfRtpenginesAnswer() {
    assertThat(RtpengineSdp.audioPort(RTPENGINE_ANSWER)).hasValue(30016);
    assertThat(RtpengineSdp.sdesKey(RTPENGINE_ANSWER)).hasValueSatisfying(
        k -> assertThat(HexFormat.of().formatHex(k)).isEqualTo(RTPENGINE_KEY));
  }

  @Test
  void readsTheKeyOfRfc4568sExampleWithLifetimeAndMki() {
    // RFC 4568 section 4's example line; key||salt decoded with coreutils' base64 -d
    String sdp = "m=audio 49170 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 "
        + "inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32\r\n";
    assertThat(RtpengineSdp.sdesKey(sdp)).hasValueSatisfying(k -> assertThat(HexFormat.of().formatHex(k))
        .isEqualTo("3d2d6e40255e7821426a75667239293f2c2335685c603d265d7b71695051"));
    assertThat(RtpengineSdp.audioPort(sdp)).hasValue(49170);
  }

  @Test
  void ignoresOtherSuitesAndKeysOfTheWrongLength() {
    String sha32 = "m=audio 1 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_32 "
        + "inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR\r\n";
    assertThat(RtpengineSdp.sdesKey(sha32)).isEmpty();
    String short20 = "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhc\r\n";
    assertThat(RtpengineSdp.sdesKey(short20)).isEmpty();
    String plain = "v=0\r\nm=audio 30000 RTP/AVP 0 8\r\na=rtcp-mux\r\n";
    assertThat(RtpengineSdp.sdesKey(plain)).isEmpty();
    assertThat(RtpengineSdp.audioPort("v=0\r\nm=video 5000 RTP/AVP 96\r\n")).isEmpty();
    assertThat(RtpengineSdp.audioPort("m=audio 70000 RTP/AVP 0\r\n")).isEmpty();
  }

  @Test
  void offersTheUesKeyAsSrtpWithRtcpMux() {
    byte[] key = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d");
    String offer = RtpengineSdp.ueOffer(40000, key);
    // base64 of bytes 0x00..0x1d with coreutils' base64
    assertThat(offer).contains("\r\nc=IN IP4 127.0.0.1\r\n", "\r\nm=audio 40000 RTP/SAVP 0 8\r\n",
        "\r\na=rtcp-mux\r\n", "\r\na=sendrecv\r\n",
        "\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd\r\n");
    assertThat(offer).startsWith("v=0\r\n").endsWith("\r\n");
    assertThatThrownBy(() -> RtpengineSdp.ueOffer(40000, new byte[16])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void answersAsPlainRtpFromTheCore() {
    String answer = RtpengineSdp.coreAnswer(40002);
    assertThat(answer).contains("\r\nm=audio 40002 RTP/AVP 0 8\r\n", "\r\na=rtcp-mux\r\n", "\r\na=sendrecv\r\n")
        .doesNotContain("crypto");
    assertThatThrownBy(() -> RtpengineSdp.coreAnswer(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
