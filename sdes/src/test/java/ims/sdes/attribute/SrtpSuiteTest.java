package ims.sdes.attribute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SrtpSuiteTest {

  /** Lengths from RFC 4568 6.2, RFC 6188 7 and RFC 7714 14.2 (key bits / 8 + salt bits / 8). */
  @ParameterizedTest
  @CsvSource({
    "AES_CM_128_HMAC_SHA1_80, 16, 14, 30",
    "AES_CM_128_HMAC_SHA1_32, 16, 14, 30",
    "F8_128_HMAC_SHA1_80, 16, 14, 30",
    "AES_192_CM_HMAC_SHA1_80, 24, 14, 38",
    "AES_192_CM_HMAC_SHA1_32, 24, 14, 38",
    "AES_256_CM_HMAC_SHA1_80, 32, 14, 46",
    "AES_256_CM_HMAC_SHA1_32, 32, 14, 46",
    "AEAD_AES_128_GCM, 16, 12, 28",
    "AEAD_AES_256_GCM, 32, 12, 44",
  })
  void suiteHasTheKeyAndSaltLengthsOfItsRfc(String name, int key, int salt, int keySalt) {
    SrtpSuite suite = SrtpSuite.fromSdpName(name).orElseThrow();
    assertThat(suite.sdpName()).isEqualTo(name);
    assertThat(suite.keyLength()).isEqualTo(key);
    assertThat(suite.saltLength()).isEqualTo(salt);
    assertThat(suite.keySaltLength()).isEqualTo(keySalt);
  }

  @Test
  void lookupIsExactAndCaseSensitive() {
    assertThat(SrtpSuite.fromSdpName("aes_cm_128_hmac_sha1_80")).isEmpty();
    assertThat(SrtpSuite.fromSdpName("AES_CM_128_HMAC_SHA1_80 ")).isEmpty();
    assertThat(SrtpSuite.fromSdpName("F8_128_HMAC_SHA1_32")).isEmpty();
  }

  @Test
  void cryptoSuiteOfSeparatesKnownFromUnknown() {
    assertThat(CryptoSuite.of("AEAD_AES_256_GCM"))
        .isEqualTo(new CryptoSuite.Known(SrtpSuite.AEAD_AES_256_GCM));
    CryptoSuite unknown = CryptoSuite.of("SEED_128_GCM_96");
    assertThat(unknown).isEqualTo(new CryptoSuite.Unknown("SEED_128_GCM_96"));
    assertThat(unknown.known()).isEmpty();
    assertThat(unknown.name()).isEqualTo("SEED_128_GCM_96");
  }

  @Test
  void unknownSuiteMustFollowTheGrammarAndNotShadowAKnownOne() {
    assertThatThrownBy(() -> new CryptoSuite.Unknown("AES-CM")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CryptoSuite.Unknown("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CryptoSuite.Unknown("AES_CM_128_HMAC_SHA1_80"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
