package ims.sdes.attribute;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CryptoAttributeTest {

  /** Design brief section 2 (the RFC 4568 section 4 example line plus FEC_ORDER). */
  static final String CONFORMANCE_LINE =
      "1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4 FEC_ORDER=FEC_SRTP";

  @Test
  void givenConformanceLine_whenParsed_thenEveryFieldHasItsDecodedValue() {
    try (CryptoAttribute attribute = CryptoAttribute.parse(CONFORMANCE_LINE)) {
      assertThat(attribute.tag()).isEqualTo(1);
      assertThat(attribute.suite()).isEqualTo(new CryptoSuite.Known(SrtpSuite.AES_CM_128_HMAC_SHA1_80));
      assertThat(attribute.keys()).hasSize(1);
      KeyParam key = attribute.keys().get(0);
      // base64 decoded independently (coreutils `base64 -d`): ASCII "YS___semctl () {\t220;}\n}\nunles"
      assertThat(key.keySaltCopy())
          .isEqualTo(HexFormat.of().parseHex("59535f5f5f73656d63746c202829207b093232303b7d0a7d0a756e6c6573"));
      assertThat(key.lifetime()).contains(new Lifetime("2^20"));
      assertThat(key.lifetime().orElseThrow().packets()).isEqualTo(1_048_576L);
      assertThat(key.mki()).contains(new Mki(BigInteger.ONE, 4));
      assertThat(attribute.sessionParams())
          .containsExactly(new SessionParam.FecOrder(SessionParam.FecType.FEC_SRTP));
      assertThat(attribute.usable()).isTrue();
      assertThat(attribute.format()).isEqualTo(CONFORMANCE_LINE);
    }
  }
}
