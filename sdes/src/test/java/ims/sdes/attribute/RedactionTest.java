package ims.sdes.attribute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ims.sdes.SdesParseException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** No error message and no toString() may carry key material, in any encoding. */
class RedactionTest {

  /** The conformance key: base64 text and its decoded bytes (ASCII "YS___semctl () {\t220;}\n}\nunles"). */
  private static final String KEY = "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";

  private static final byte[] KEY_BYTES = Base64.getDecoder().decode(KEY);

  static List<String> brokenLines() {
    String p = "1 AES_CM_128_HMAC_SHA1_80 inline:";
    return List.of(
        "1 AES_256_CM_HMAC_SHA1_80 inline:" + KEY, // wrong length for suite
        "1 AEAD_AES_128_GCM inline:" + KEY + "|2^20", // wrong length, with lifetime
        p + KEY + "|2^49", // lifetime too long
        p + KEY + "|0", // lifetime zero
        p + KEY + "|1:0", // MKI length zero
        p + KEY + "|300:1", // MKI value too big
        p + KEY + "|2^20|1:4|9", // too many bars
        p + KEY + "|1:4;inline:" + KEY + "|1:4", // duplicate MKI
        p + KEY + ";inline:" + KEY, // two keys, no MKI
        p + KEY + "|1:4;inline:" + KEY + "|2:3", // MKI lengths differ
        p + KEY + "*", // not base64
        p + KEY.substring(0, 39), // truncated
        p + KEY + "=", // stray padding
        p + KEY.substring(0, 20) + "\r" + KEY.substring(20), // control char inside the key
        p + KEY.substring(0, 20) + " " + KEY.substring(20), // key split by a space
        p + KEY + " KDR=99", // bad session parameter
        p + KEY + " FEC_KEY=inline:" + KEY.substring(0, 36), // FEC key too short
        p + KEY + " FEC_KEY=inline:" + KEY + "|1:4;inline:" + KEY + "|1:4", // FEC duplicate MKI
        p + KEY + " KDR=1 KDR=1", // duplicate parameter
        p + KEY + " \u00e9", // non-ASCII session parameter
        "1 AES_CM_128_HMAC_SHA1_80 keymgmt:" + KEY, // key method other than inline
        "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + " " + "-X ".repeat(40), // too many params
        "1234567890 AES_CM_128_HMAC_SHA1_80 inline:" + KEY, // tag too long
        "01 AES_CM_128_HMAC_SHA1_80 inline:" + KEY, // tag with leading zero
        p + KEY + " KDR=0", // KDR below 1
        "1 AES_CM_128_HMAC_SHA1_80\tinline:" + KEY + "\n"); // line end inside the value
  }

  @ParameterizedTest
  @MethodSource("brokenLines")
  void errorMessageNamesTheProblemWithoutKeyMaterial(String line) {
    try {
      CryptoAttribute.parse(line).close();
      fail("expected a parse error for a broken line");
    } catch (SdesParseException e) {
      assertNoKeyMaterial(e.getMessage());
      assertThat(e.offset()).isBetween(0, line.length());
    }
  }

  @Test
  void toStringOfEveryHolderIsRedacted() {
    try (CryptoAttribute attribute =
        CryptoAttribute.parse(
            "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY + "|2^20|1:4 FEC_KEY=inline:" + KEY + "|2^20|2:4")) {
      assertNoKeyMaterial(attribute.toString());
      assertNoKeyMaterial(attribute.keys().toString());
      assertNoKeyMaterial(attribute.sessionParams().toString());
    }
    try (CryptoAttribute unknown = CryptoAttribute.parse("1 FUTURE_SUITE keymgmt:" + KEY + " FEC_KEY=x:" + KEY)) {
      assertNoKeyMaterial(unknown.toString());
    }
  }

  static void assertNoKeyMaterial(String text) {
    for (int i = 0; i + 8 <= KEY.length(); i++) {
      assertThat(text).doesNotContain(KEY.substring(i, i + 8));
    }
    assertThat(text)
        .doesNotContain(new String(KEY_BYTES, StandardCharsets.ISO_8859_1).substring(0, 8))
        .doesNotContain("semctl")
        .doesNotContainIgnoringCase(HexFormat.of().formatHex(KEY_BYTES).substring(0, 12));
  }
}
