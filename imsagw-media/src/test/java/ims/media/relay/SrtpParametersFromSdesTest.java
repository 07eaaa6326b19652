package ims.media.relay;

import static org.assertj.core.api.Assertions.assertThat;

import ims.media.srtp.MasterKey;
import ims.media.srtp.SrtpParameters;
import ims.media.srtp.SrtpProfile;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** a=crypto values (RFC 4568 syntax, sections 6.1-6.3) mapped to the SRTP engine's parameters. */
class SrtpParametersFromSdesTest {
  /** RFC 4568 section 6.1 example key material (30 bytes for AES_CM_128). */
  private static final String KEY_30 = "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";

  private static SrtpParameters ok(String value) {
    var result = SrtpParametersFromSdes.map(value);
    assertThat(result).isInstanceOf(SrtpParametersFromSdes.Result.Ok.class);
    return ((SrtpParametersFromSdes.Result.Ok) result).parameters();
  }

  private static String unsupported(String value) {
    var result = SrtpParametersFromSdes.map(value);
    assertThat(result).isInstanceOf(SrtpParametersFromSdes.Result.Unsupported.class);
    return ((SrtpParametersFromSdes.Result.Unsupported) result).what();
  }

  @Test
  void givenPlainInlineKey_whenMapped_thenProfileKeySaltAndDefaults() {
    SrtpParameters p = ok("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY_30);
    assertThat(p.profile()).isEqualTo(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
    byte[] keySalt = Base64.getDecoder().decode(KEY_30);
    try (var expected = MasterKey.of(java.util.Arrays.copyOf(keySalt, 16),
        java.util.Arrays.copyOfRange(keySalt, 16, 30))) {
      assertThat(p.keys()).containsExactly(expected);
    }
    assertThat(p.mkiLength()).isZero();
    assertThat(p.keyDerivationRate()).isZero();
    assertThat(p.replayWindow()).isEqualTo(SrtpParameters.DEFAULT_REPLAY_WINDOW);
    assertThat(p.unencryptedSrtp() || p.unencryptedSrtcp() || p.unauthenticatedSrtp()).isFalse();
  }

  @Test
  void givenLifetimeMkiAndSessionParameters_whenMapped_thenEachIsCarriedOver() {
    SrtpParameters p = ok("1 AES_CM_128_HMAC_SHA1_32 inline:" + KEY_30
        + "|2^20|1:4 KDR=23 UNENCRYPTED_SRTCP UNAUTHENTICATED_SRTP WSH=256 FEC_ORDER=FEC_SRTP");
    assertThat(p.profile()).isEqualTo(SrtpProfile.AES_CM_128_HMAC_SHA1_32);
    MasterKey key = p.keys().get(0);
    assertThat(key.lifetime()).isEqualTo(1L << 20);
    assertThat(key.mki()).isEqualTo(HexFormat.of().parseHex("00000001"));
    assertThat(p.mkiLength()).isEqualTo(4);
    assertThat(p.keyDerivationRate()).isEqualTo(1 << 23);
    assertThat(p.unencryptedSrtcp()).isTrue();
    assertThat(p.unauthenticatedSrtp()).isTrue();
    assertThat(p.unencryptedSrtp()).isFalse();
    assertThat(p.replayWindow()).isEqualTo(256);
  }

  @Test
  void givenUnknownSuite_whenMapped_thenUnsupportedNamingTheSuiteButNoKey() {
    assertThat(unsupported("1 SEED_128_CTR_HMAC_SHA1_80 inline:" + KEY_30))
        .contains("SEED_128_CTR_HMAC_SHA1_80").doesNotContain(KEY_30);
  }

  @Test
  void givenMandatoryUnknownSessionParameter_whenMapped_thenUnsupported_andOptionalOneIsIgnored() {
    assertThat(unsupported("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY_30 + " FUTURE_PARAM=1")).contains("FUTURE_PARAM");
    assertThat(ok("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY_30 + " -FUTURE_PARAM=1").profile())
        .isEqualTo(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
  }

  @Test
  void givenGarbage_whenMapped_thenUnsupportedWithoutThrowing() {
    assertThat(unsupported("not a crypto line")).startsWith("a=crypto");
    assertThat(unsupported("1 AES_CM_128_HMAC_SHA1_80 inline:AAAA")).doesNotContain("AAAA");
  }
}
