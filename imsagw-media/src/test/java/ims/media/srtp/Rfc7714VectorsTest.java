package ims.media.srtp;

import static ims.media.srtp.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 7714 sections 16 and 17: AEAD_AES_128_GCM / AEAD_AES_256_GCM packet vectors. The RFC gives session keys and
 * salt directly (no KDF), so they are installed into the context's session keys before the packet runs through
 * the full protect/unprotect path.
 */
class Rfc7714VectorsTest {
  private static final byte[] SALT = bytes("517569642070726f2071756f");
  private static final String RTP = "8040f17b8041f8d35501a0b2"
      + "47616c6c696120657374206f6d6e69732064697669736120696e207061727465732074726573";
  private static final String RTCP = "81c8000d4d6172734e5450314e545032525450200000042a0000e9304c756e61"
      + "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef";

  private static SrtpContextFactory factory(SrtpProfile profile) {
    return new SrtpContextFactory(SrtpParameters.of(profile,
        MasterKey.of(new byte[profile.masterKeyLength()], new byte[12])));
  }

  private static void install(SrtpContext ctx, byte[] key, boolean rtcp) throws Exception {
    SessionKeys keys = rtcp ? ctx.slots[0].rtcp : ctx.slots[0].rtp;
    keys.install(key, SALT, new byte[32]);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "AEAD_AES_128_GCM, 000102030405060708090a0b0c0d0e0f, 8040f17b8041f8d35501a0b2f24de3a3fb34de6cacba861c9d7e4bca"
          + "be633bd50d294e6f42a5f47a51c7d19b36de3adf8833899d7f27beb16a9152cf765ee4390cce",
      "AEAD_AES_256_GCM, 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f, 8040f17b8041f8d35501a0b2"
          + "32b1de78a822fe12ef9f78fa332e33aab18012389a58e2f3b50b2a0276ffae0f1ba63799b87b7aa3db36dfffd6b0f9bb7878d7a76c13"
  })
  void givenSection16Packet_whenProtectedAndUnprotected_thenBytesMatchTheRfc(SrtpProfile profile, String key,
      String srtp) throws Exception {
    try (SrtpContextFactory f = factory(profile);
        SrtpSendContext tx = f.newSendContext(0x5501a0b2);
        SrtpReceiveContext rx = f.newReceiveContext(0x5501a0b2)) {
      install(tx, bytes(key), false);
      install(rx, bytes(key), false);
      byte[] plain = bytes(RTP);
      byte[] buf = Arrays.copyOf(plain, plain.length + 16);
      assertThat(tx.protectRtp(buf, 0, plain.length)).isEqualTo(plain.length + 16);
      assertThat(buf).isEqualTo(bytes(srtp));
      assertThat(rx.unprotectRtp(buf, 0, buf.length)).isEqualTo(plain.length);
      assertThat(Arrays.copyOf(buf, plain.length)).isEqualTo(plain);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "AEAD_AES_128_GCM, 000102030405060708090a0b0c0d0e0f, 81c8000d4d61727363e94885dcdab67ca727d7662f6b7e997ff5c0f7"
          + "6c06f32dc676a5f1730d6fda4ce09b4686303ded0bb9275bc84aa45896cf4d2fc5abf87245d9eade800005d4",
      "AEAD_AES_256_GCM, 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f, 81c8000d4d617273d50ae4d1"
          + "f5ce5d304ba297e47d470c282c3ece5dbffe0a50a2eaa5c1110555be8415f658c61de0476f1b6fad1d1eb30c4446839f57ff6f6cb"
          + "26ac3be800005d4"
  })
  void givenSection17Packet_whenProtectedAtIndex5d4_thenBytesMatchTheRfc(SrtpProfile profile, String key,
      String srtcp) throws Exception {
    try (SrtpContextFactory f = factory(profile);
        SrtpSendContext tx = f.newSendContext(0x4d617273);
        SrtpReceiveContext rx = f.newReceiveContext(0x4d617273)) {
      install(tx, bytes(key), true);
      install(rx, bytes(key), true);
      tx.setNextSrtcpIndex(0x5d4);
      byte[] plain = bytes(RTCP);
      byte[] buf = Arrays.copyOf(plain, plain.length + 20);
      assertThat(tx.protectRtcp(buf, 0, plain.length)).isEqualTo(plain.length + 20);
      assertThat(buf).isEqualTo(bytes(srtcp));
      assertThat(rx.unprotectRtcp(buf, 0, buf.length)).isEqualTo(plain.length);
      assertThat(Arrays.copyOf(buf, plain.length)).isEqualTo(plain);
      assertThat(rx.highestSrtcpIndex()).isEqualTo(0x5d4);
    }
  }
}
