package ims.sdes.attribute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ims.sdes.SdesParseException;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parsing and formatting of {@code a=crypto} values. Expected key bytes were decoded independently
 * with coreutils ({@code echo -n <base64> | base64 -d | xxd -p}), never by the code under test.
 * The RFC 4568 lines are the RFC's example lines as quoted verbatim by several independent
 * implementations' test suites (the RFC text itself was not reachable from this workplace).
 */
class CryptoAttributeTest {

  /** Design brief section 2 (the RFC 4568 example line with FEC_ORDER). */
  static final String CONFORMANCE_LINE =
      "1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4 FEC_ORDER=FEC_SRTP";

  /** RFC 4568 offer/answer example (section 5.1), second audio line: two keys told apart by MKI. */
  static final String RFC4568_TWO_KEYS =
      "2 F8_128_HMAC_SHA1_80 inline:MTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5QUJjZGVm|2^20|1:4;"
          + "inline:QUJjZGVmMTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5|2^20|2:4 FEC_ORDER=FEC_SRTP";

  /** RFC 4568 offer/answer example (section 5.1), video line: MKI 1066 of 4 bytes, no lifetime. */
  static final String RFC4568_MKI_ONLY =
      "1 AES_CM_128_HMAC_SHA1_80 inline:YUJDZGVmZ2hpSktMbW9QUXJzVHVWd3l6MTIzNDU2|1066:4";

  /** RFC 4568 example line with a 32-byte MKI (section 4). */
  static final String RFC4568_LONG_MKI =
      "1 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|2^20|1:32";

  /** RFC 4568 offer/answer example (section 5.1), answer for video. */
  static final String RFC4568_ANSWER =
      "1 AES_CM_128_HMAC_SHA1_80 inline:d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj|2^20|1:4";

  /** AES_256 (RFC 6188) line from rtpengine's SDES tests: 46 bytes, "==" padding. */
  static final String AES_256_LINE =
      "3 AES_256_CM_HMAC_SHA1_80 inline:8AbZePWwsKhLGX3GlXA+yHYPQ3cgraer/9DkFJYCOPZZy3o9wC0NIbIFYZfyHw==";

  /** AES_192 (RFC 6188) line seen in a public interop test: 38 bytes, "=" padding. */
  static final String AES_192_LINE =
      "4 AES_192_CM_HMAC_SHA1_80 inline:aNNDkHj6o2xl2J6PkjReCqK4dvGFeV3AjZ9Lohiriq5RRu8gMq0=";

  /**
   * key||salt built from the RFC 7714 sections 16-17 test-vector key 00..0f and 12-byte salt
   * "Quid pro quo" (517569642070726f2071756f), base64 by coreutils.
   */
  static final String AEAD_128_LINE = "1 AEAD_AES_128_GCM inline:AAECAwQFBgcICQoLDA0OD1F1aWQgcHJvIHF1bw==";

  /** The same from the RFC 7714 AES-256 vector key 00..1f and the same salt. */
  static final String AEAD_256_LINE =
      "2 AEAD_AES_256_GCM inline:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh9RdWlkIHBybyBxdW8=";

  /** A valid 30-byte key||salt (RFC 4568 section 5.1 answer key). */
  static final String KEY30 = "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR";

  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  private static SdesParseException parseError(String value) {
    try {
      CryptoAttribute.parse(value).close();
    } catch (SdesParseException e) {
      return e;
    }
    throw new AssertionError("expected a parse error");
  }

  @Nested
  class RfcExamples {

    @Test
    void conformanceLineParsesToItsKnownValues() {
      try (CryptoAttribute attribute = CryptoAttribute.parse(CONFORMANCE_LINE)) {
        assertThat(attribute.tag()).isEqualTo(1);
        assertThat(attribute.suite()).isEqualTo(new CryptoSuite.Known(SrtpSuite.AES_CM_128_HMAC_SHA1_80));
        assertThat(attribute.keys()).hasSize(1);
        KeyParam key = attribute.keys().get(0);
        // ASCII "YS___semctl () {\t220;}\n}\nunles"
        assertThat(key.keySaltCopy())
            .isEqualTo(hex("59535f5f5f73656d63746c202829207b093232303b7d0a7d0a756e6c6573"));
        assertThat(key.lifetime()).contains(new Lifetime("2^20"));
        assertThat(key.lifetime().orElseThrow().packets()).isEqualTo(1_048_576L);
        assertThat(key.mki()).contains(new Mki(BigInteger.ONE, 4));
        assertThat(attribute.sessionParams())
            .containsExactly(new SessionParam.FecOrder(SessionParam.FecType.FEC_SRTP));
        assertThat(attribute.usable()).isTrue();
        assertThat(attribute.format()).isEqualTo(CONFORMANCE_LINE);
      }
    }

    @Test
    void twoKeysWithDistinctMkisParseInOrder() {
      try (CryptoAttribute attribute = CryptoAttribute.parse(RFC4568_TWO_KEYS)) {
        assertThat(attribute.tag()).isEqualTo(2);
        assertThat(attribute.knownSuite()).contains(SrtpSuite.F8_128_HMAC_SHA1_80);
        assertThat(attribute.keys()).hasSize(2);
        assertThat(attribute.keys().get(0).keySaltCopy())
            .isEqualTo(hex("313233343536373839414243444530313233343536373839414263646566"));
        assertThat(attribute.keys().get(1).keySaltCopy())
            .isEqualTo(hex("414263646566313233343536373839414243444530313233343536373839"));
        assertThat(attribute.keys().get(0).mki()).contains(Mki.of(1, 4));
        assertThat(attribute.keys().get(1).mki()).contains(Mki.of(2, 4));
        assertThat(attribute.format()).isEqualTo(RFC4568_TWO_KEYS);
      }
    }

    @Test
    void mkiWithoutLifetimeIsReadAsMki() {
      try (CryptoAttribute attribute = CryptoAttribute.parse(RFC4568_MKI_ONLY)) {
        KeyParam key = attribute.keys().get(0);
        assertThat(key.lifetime()).isEmpty();
        assertThat(key.mki()).contains(Mki.of(1066, 4));
        assertThat(key.keySaltCopy())
            .isEqualTo(hex("6142436465666768694a4b4c6d6f5051727354755677797a313233343536"));
        assertThat(attribute.format()).isEqualTo(RFC4568_MKI_ONLY);
      }
    }

    @Test
    void thirtyTwoByteMkiIsAccepted() {
      try (CryptoAttribute attribute = CryptoAttribute.parse(RFC4568_LONG_MKI)) {
        assertThat(attribute.knownSuite()).contains(SrtpSuite.AES_CM_128_HMAC_SHA1_32);
        assertThat(attribute.keys().get(0).mki()).contains(Mki.of(1, 32));
        assertThat(attribute.keys().get(0).mki().orElseThrow().toBytes()).hasSize(32).endsWith(1);
        assertThat(attribute.format()).isEqualTo(RFC4568_LONG_MKI);
      }
    }

    @Test
    void answerKeySplitsIntoMasterKeyAndSalt() {
      try (CryptoAttribute attribute = CryptoAttribute.parse(RFC4568_ANSWER)) {
        byte[] keySalt = attribute.keys().get(0).keySaltCopy();
        SrtpSuite suite = attribute.knownSuite().orElseThrow();
        assertThat(java.util.Arrays.copyOfRange(keySalt, 0, suite.keyLength()))
            .isEqualTo(hex("774466766726542b2978473740666235"));
        assertThat(java.util.Arrays.copyOfRange(keySalt, suite.keyLength(), keySalt.length))
            .isEqualTo(hex("6a552c5261417d5c7c7030252a23"));
      }
    }

    @Test
    void aes256KeyOf46BytesParses() {
      try (CryptoAttribute attribute = CryptoAttribute.parse(AES_256_LINE)) {
        assertThat(attribute.knownSuite()).contains(SrtpSuite.AES_256_CM_HMAC_SHA1_80);
        assertThat(attribute.keys().get(0).keySaltCopy())
            .isEqualTo(
                hex(
                    "f006d978f5b0b0a84b197dc695703ec8760f437720ada7abffd0e414960238f6"
                        + "59cb7a3dc02d0d21b2056197f21f"));
        assertThat(attribute.format()).isEqualTo(AES_256_LINE);
      }
    }

    @Test
    void aes192KeyOf38BytesParses() {
      try (CryptoAttribute attribute = CryptoAttribute.parse(AES_192_LINE)) {
        assertThat(attribute.knownSuite()).contains(SrtpSuite.AES_192_CM_HMAC_SHA1_80);
        assertThat(attribute.keys().get(0).keySaltCopy())
            .isEqualTo(
                hex("68d3439078faa36c65d89e8f92345e0aa2b876f185795dc08d9f4ba218ab8aae5146ef2032ad"));
        assertThat(attribute.format()).isEqualTo(AES_192_LINE);
      }
    }

    @Test
    void aeadSuitesCarryKeyAndTwelveByteSalt() {
      try (CryptoAttribute gcm128 = CryptoAttribute.parse(AEAD_128_LINE);
          CryptoAttribute gcm256 = CryptoAttribute.parse(AEAD_256_LINE)) {
        assertThat(gcm128.keys().get(0).keySaltCopy())
            .isEqualTo(hex("000102030405060708090a0b0c0d0e0f517569642070726f2071756f"));
        assertThat(gcm256.keys().get(0).keySaltCopy())
            .isEqualTo(
                hex(
                    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                        + "517569642070726f2071756f"));
        assertThat(gcm128.format()).isEqualTo(AEAD_128_LINE);
        assertThat(gcm256.format()).isEqualTo(AEAD_256_LINE);
      }
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32",
          "2 AES_CM_128_HMAC_SHA1_32 inline:VAzLKvoE3jG9cdH/AZsl/ZqWNXrUzyM4Gw6chrFr",
          "4 AES_256_CM_HMAC_SHA1_32 inline:2GLk3p/csdno4KlGO1TxCVaEt+bifmDlQ5NjnCb5cJYPURiGRSTBEtEq37db8g==",
          "7 AES_192_CM_HMAC_SHA1_32 inline:K5rGraoWN0x2r3OHxKDMxDY4uk4TZC6z2Lu9NIU8YY/BesMyICA=",
          "1 AES_CM_128_HMAC_SHA1_80  inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4    FEC_ORDER=FEC_SRTP",
        })
    void linesSeenInOtherImplementationsRoundTripByteForByte(String line) {
      try (CryptoAttribute attribute = CryptoAttribute.parse(line)) {
        assertThat(attribute.usable()).isTrue();
        assertThat(attribute.format()).isEqualTo(line);
      }
    }
  }

  @Nested
  class Tags {

    @Test
    void nineDigitTagIsAccepted() {
      try (CryptoAttribute attribute =
          CryptoAttribute.parse("999999999 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30)) {
        assertThat(attribute.tag()).isEqualTo(999_999_999);
      }
    }

    @Test
    void tenDigitTagIsRejectedAtItsTenthDigit() {
      SdesParseException e = parseError("1234567890 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30);
      assertThat(e.offset()).isEqualTo(9);
      assertThat(e.getMessage()).contains("tag");
    }

    @ParameterizedTest
    @ValueSource(strings = {"007", "01", "00"})
    void tagWithLeadingZeroIsRejected(String tag) {
      SdesParseException e = parseError(tag + " AES_CM_128_HMAC_SHA1_80 inline:" + KEY30);
      assertThat(e.getMessage()).contains("leading zero");
      assertThat(e.offset()).isZero();
    }

    @Test
    void tagZeroIsAccepted() {
      try (CryptoAttribute attribute = CryptoAttribute.parse("0 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30)) {
        assertThat(attribute.tag()).isZero();
      }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 1 AES_CM_128_HMAC_SHA1_80 inline:x", "a1 AES_CM_128_HMAC_SHA1_80 inline:x", "-1 X inline:x"})
    void valueNotStartingWithADigitIsRejectedAtOffsetZero(String value) {
      assertThat(parseError(value).offset()).isZero();
    }

    @Test
    void tagGluedToSuiteIsRejected() {
      assertThat(parseError("1AES_CM_128_HMAC_SHA1_80 inline:" + KEY30).offset()).isEqualTo(1);
    }
  }

  @Nested
  class Whitespace {

    @Test
    void tabsAndSpaceRunsBetweenFieldsAreKept() {
      String line = "1\t AES_CM_128_HMAC_SHA1_80 \t inline:" + KEY30 + "\t\tKDR=4  WSH=128";
      try (CryptoAttribute attribute = CryptoAttribute.parse(line)) {
        assertThat(attribute.sessionParams())
            .containsExactly(new SessionParam.Kdr("4"), new SessionParam.Wsh("128"));
        assertThat(attribute.format()).isEqualTo(line);
      }
    }

    @Test
    void trailingWhitespaceIsToleratedAndKept() {
      String line = RFC4568_LONG_MKI + " ";
      try (CryptoAttribute attribute = CryptoAttribute.parse(line)) {
        assertThat(attribute.sessionParams()).isEmpty();
        assertThat(attribute.format()).isEqualTo(line);
      }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r", "\n", "\u00a0", "\u0000", "\u00e9"})
    void controlAndNonAsciiCharactersAreRejected(String bad) {
      SdesParseException e = parseError(CONFORMANCE_LINE.replace("FEC_ORDER", "FEC" + bad + "ORDER"));
      assertThat(e.offset()).isEqualTo(CONFORMANCE_LINE.indexOf("FEC_ORDER") + 3);
    }

    @Test
    void lineEndIsNotPartOfTheValue() {
      assertThat(parseError(CONFORMANCE_LINE + "\r\n").getMessage()).contains("invalid character");
    }
  }

  @Nested
  class Suites {

    @Test
    void unknownSuiteParsesAndIsNotUsable() {
      try (CryptoAttribute attribute =
          CryptoAttribute.parse("1 SEED_CTR_128_HMAC_SHA1_80 inline:" + KEY30 + "|2^20")) {
        assertThat(attribute.suite()).isEqualTo(new CryptoSuite.Unknown("SEED_CTR_128_HMAC_SHA1_80"));
        assertThat(attribute.knownSuite()).isEmpty();
        assertThat(attribute.usable()).isFalse();
        assertThat(attribute.keys().get(0).isOpaque()).isFalse();
        assertThat(attribute.keys().get(0).keySaltLength()).isEqualTo(30);
      }
    }

    @Test
    void unknownSuiteAcceptsAnyKeyMethodAndKeyInfoTheGrammarAllows() {
      String line = "11 NULL_HMAC_SHA1_32 inline:CRYPTO128;keymgmt:mikey|x:y:z FOO=bar KDR=99";
      try (CryptoAttribute attribute = CryptoAttribute.parse(line)) {
        assertThat(attribute.keys()).hasSize(2).allMatch(KeyParam::isOpaque);
        assertThat(attribute.keys().get(1).method()).isEqualTo("keymgmt");
        assertThat(attribute.sessionParams())
            .containsExactly(new SessionParam.Unknown("FOO=bar"), new SessionParam.Unknown("KDR=99"));
        assertThat(attribute.format()).isEqualTo(line);
      }
    }

    @Test
    void unknownSuiteStillNeedsKeyParams() {
      assertThat(parseError("1 FOO_SUITE").getMessage()).contains("missing key-params");
      assertThat(parseError("1 FOO_SUITE inline").getMessage()).contains("key-method");
    }

    @Test
    void suiteNamesAreCaseSensitive() {
      try (CryptoAttribute attribute =
          CryptoAttribute.parse("1 aes_cm_128_hmac_sha1_80 inline:" + KEY30)) {
        assertThat(attribute.suite()).isInstanceOf(CryptoSuite.Unknown.class);
        assertThat(attribute.usable()).isFalse();
      }
    }

    @Test
    void suiteWithCharacterOutsideTheGrammarIsRejected() {
      assertThat(parseError("1 AES-CM-128 inline:" + KEY30).offset()).isEqualTo(5);
    }

    @Test
    void sdesKeyMethodOtherThanInlineIsRejectedForAKnownSuite() {
      assertThat(parseError("1 AES_CM_128_HMAC_SHA1_80 INLINE:" + KEY30).getMessage())
          .contains("only the inline key method");
    }
  }

  @Nested
  class KeyParams {

    @Test
    void keyOfWrongLengthForSuiteIsRejected() {
      SdesParseException e = parseError("1 AES_256_CM_HMAC_SHA1_80 inline:" + KEY30);
      assertThat(e.getMessage()).contains("30 bytes").contains("needs 46");
      assertThat(e.offset()).isEqualTo("1 AES_256_CM_HMAC_SHA1_80 inline:".length());
    }

    @Test
    void unpaddedBase64IsAcceptedAndKeptAsWritten() {
      String unpadded = AES_256_LINE.substring(0, AES_256_LINE.length() - 2);
      try (CryptoAttribute attribute = CryptoAttribute.parse(unpadded);
          CryptoAttribute padded = CryptoAttribute.parse(AES_256_LINE)) {
        assertThat(attribute.keys().get(0).keySaltCopy()).isEqualTo(padded.keys().get(0).keySaltCopy());
        assertThat(attribute.format()).isEqualTo(unpadded);
      }
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVB*", // not in the alphabet
          "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVB", // 39 chars: 1 mod 4
          "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaV==", // padding where none fits
          "8AbZePWwsKhLGX3GlXA+yHYPQ3cgraer/9DkFJYCOPZZy3o9wC0NIbIFYZfyHx==", // unused bits not zero
          "8AbZePWwsKhLGX3GlXA+yHYPQ3cgraer/9DkFJYCOPZZy3o9wC0NIbIFYZfyHw=", // partial padding
          "PS1uQCVeeCFCan=mcjkpPywjNWhcYD0mXXtxaVBR", // padding inside
        })
    void base64IsStrict(String keySalt) {
      assertThat(parseError("1 AES_CM_128_HMAC_SHA1_80 inline:" + keySalt).getMessage())
          .contains("base64");
    }

    @Test
    void severalKeysNeedAnMkiEach() {
      assertThat(parseError("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30 + "|1:4;inline:" + KEY30).getMessage())
          .contains("MKI on each");
    }

    @Test
    void severalKeysNeedOneMkiLength() {
      SdesParseException e =
          parseError("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30 + "|1:4;inline:" + KEY30 + "|2:2");
      assertThat(e.getMessage()).contains("MKI length differs");
      assertThat(e.offset()).isEqualTo(("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30 + "|1:4;").length());
    }

    @Test
    void duplicateMkiValuesAreRejected() {
      assertThat(
              parseError("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30 + "|1:4;inline:" + KEY30 + "|001:4")
                  .getMessage())
          .contains("duplicate MKI");
    }

    @ParameterizedTest
    @ValueSource(strings = {"|1:0", "|1:129", "|1:0004", "|256:1", "|1:", "|:4", "|x:4", "|1:4:4"})
    void mkiOutsideItsRulesIsRejected(String mki) {
      assertThat(parseError("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30 + mki).getMessage()).contains("MKI");
    }

    @Test
    void mkiAtItsLimitsIsAccepted() {
      try (CryptoAttribute attribute =
              CryptoAttribute.parse("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30 + "|255:1");
          CryptoAttribute longest =
              CryptoAttribute.parse("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30 + "|0:128")) {
        assertThat(attribute.keys().get(0).mki()).contains(Mki.of(255, 1));
        assertThat(longest.keys().get(0).mki()).contains(Mki.of(0, 128));
      }
    }

    @Test
    void decimalLifetimeKeepsItsForm() {
      String line = "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30 + "|1048576|1:4";
      try (CryptoAttribute attribute = CryptoAttribute.parse(line)) {
        Lifetime lifetime = attribute.keys().get(0).lifetime().orElseThrow();
        assertThat(lifetime.isPowerOfTwo()).isFalse();
        assertThat(lifetime.packets()).isEqualTo(1L << 20);
        assertThat(attribute.format()).isEqualTo(line);
      }
    }

    @ParameterizedTest
    @ValueSource(strings = {"|2^49", "|0", "|281474976710657", "|18570385703397936647", "|2^", "|2^x", "|-5", "|2^20|2^20"})
    void lifetimeOutsideItsRulesIsRejected(String lifetime) {
      assertThat(parseError("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30 + lifetime).getMessage())
          .containsAnyOf("lifetime", "MKI");
    }

    @Test
    void moreThanTwoBarsAreRejected() {
      assertThat(parseError("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30 + "|2^20|1:4|x").getMessage())
          .contains("'|'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inline:", "inline:" + KEY30 + ";", ";inline:" + KEY30, ":" + KEY30, "inline|" + KEY30})
    void malformedKeyParamIsRejected(String keyParams) {
      parseError("1 AES_CM_128_HMAC_SHA1_80 " + keyParams);
    }
  }

  @Nested
  class SessionParams {

    private CryptoAttribute withParams(String params) {
      return CryptoAttribute.parse("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30 + " " + params);
    }

    @Test
    void everyRegisteredParameterIsTyped() {
      String params =
          "KDR=24 UNENCRYPTED_SRTP UNENCRYPTED_SRTCP UNAUTHENTICATED_SRTP FEC_ORDER=SRTP_FEC"
              + " FEC_KEY=inline:" + KEY30 + "|2^20|1:4 WSH=64";
      try (CryptoAttribute attribute = withParams(params)) {
        List<SessionParam> p = attribute.sessionParams();
        assertThat(p.get(0)).isEqualTo(SessionParam.Kdr.ofExponent(24));
        assertThat(p.subList(1, 4))
            .containsExactly(
                SessionParam.Flag.UNENCRYPTED_SRTP,
                SessionParam.Flag.UNENCRYPTED_SRTCP,
                SessionParam.Flag.UNAUTHENTICATED_SRTP);
        assertThat(p.get(4)).isEqualTo(new SessionParam.FecOrder(SessionParam.FecType.SRTP_FEC));
        SessionParam.FecKey fecKey = (SessionParam.FecKey) p.get(5);
        assertThat(fecKey.keys()).hasSize(1);
        assertThat(fecKey.keys().get(0).keySaltCopy())
            .isEqualTo(hex("3d2d6e40255e7821426a75667239293f2c2335685c603d265d7b71695051"));
        assertThat(p.get(6)).isEqualTo(SessionParam.Wsh.ofWindow(64));
        assertThat(attribute.usable()).isTrue();
        assertThat(attribute.format()).endsWith(params);
      }
    }

    @Test
    void kdrIsTheExponentOfTheRate() {
      try (CryptoAttribute attribute = withParams("KDR=5")) {
        SessionParam.Kdr kdr = (SessionParam.Kdr) attribute.sessionParams().get(0);
        assertThat(kdr.exponent()).isEqualTo(5);
        assertThat(attribute.format()).endsWith(" KDR=5");
      }
    }

    @Test
    void kdrOfOneIsTheSmallestRate() {
      try (CryptoAttribute attribute = withParams("KDR=1")) {
        assertThat(attribute.sessionParams()).containsExactly(SessionParam.Kdr.ofExponent(1));
      }
    }

    @ParameterizedTest
    @ValueSource(strings = {"KDR=25", "KDR=123", "KDR=", "KDR=x", "KDR=0", "KDR=05", "WSH=63", "WSH=6", "WSH=1234567890", "WSH=",
        "FEC_ORDER=FEC", "FEC_ORDER=", "FEC_KEY=", "FEC_KEY=inline:PS1u", "FEC_KEY=other:" + KEY30})
    void malformedRegisteredParameterIsRejectedForAKnownSuite(String param) {
      SdesParseException e = parseError("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30 + " " + param);
      assertThat(e.offset()).isGreaterThanOrEqualTo(("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30 + " ").length());
    }

    @Test
    void unknownParameterMakesTheLineUnusable() {
      try (CryptoAttribute attribute = withParams("FOO=1")) {
        assertThat(attribute.sessionParams()).containsExactly(new SessionParam.Unknown("FOO=1"));
        assertThat(attribute.usable()).isFalse();
      }
    }

    @Test
    void unknownParameterStartingWithDashIsIgnorable() {
      try (CryptoAttribute attribute = withParams("-FOO=1 WSH=128")) {
        assertThat(((SessionParam.Unknown) attribute.sessionParams().get(0)).ignorable()).isTrue();
        assertThat(attribute.usable()).isTrue();
      }
    }

    @Test
    void registeredNamesAreCaseSensitive() {
      try (CryptoAttribute attribute = withParams("kdr=1")) {
        assertThat(attribute.sessionParams()).containsExactly(new SessionParam.Unknown("kdr=1"));
        assertThat(attribute.usable()).isFalse();
      }
    }

    @Test
    void parameterGivenTwiceIsRejected() {
      assertThat(parseError("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30 + " KDR=1 KDR=2").getMessage())
          .contains("KDR given twice");
    }

    @Test
    void parameterGivenTwiceIsReportedWhereTheSecondOneStarts() {
      String value = "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30 + "|2^20 FEC_ORDER=FEC_SRTP \t WSH=64\tWSH=128";

      assertThat(parseError(value).offset()).isEqualTo(value.indexOf("WSH=128"));
    }

    @Test
    void fecKeyIsWipedWithTheAttribute() {
      CryptoAttribute attribute = withParams("FEC_KEY=inline:" + KEY30);
      KeyParam fecKey = ((SessionParam.FecKey) attribute.sessionParams().get(0)).keys().get(0);
      attribute.close();
      assertThat(fecKey.isWiped()).isTrue();
      assertThat(fecKey.keySaltCopy()).containsOnly(0);
    }

    @Test
    void fecKeyLengthIsCheckedAgainstTheSuite() {
      assertThat(parseError("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30 + " FEC_KEY=inline:AAAA").getMessage())
          .contains("needs 30");
    }
  }

  @Nested
  class Limits {

    @Test
    void attributeLongerThanTheLimitIsRejected() {
      String line = "1 FOO inline:x " + "-X".repeat(CryptoAttribute.MAX_LENGTH);
      SdesParseException e = parseError(line);
      assertThat(e.getMessage()).contains("longer than " + CryptoAttribute.MAX_LENGTH);
    }

    @Test
    void sixteenKeysAreAcceptedAndSeventeenAreNot() {
      StringBuilder keys = new StringBuilder();
      for (int i = 1; i <= 17; i++) {
        keys.append(i == 1 ? "" : ";").append("inline:").append(KEY30).append("|").append(i).append(":1");
        if (i == 16) {
          try (CryptoAttribute sixteen = CryptoAttribute.parse("1 AES_CM_128_HMAC_SHA1_80 " + keys)) {
            assertThat(sixteen.keys()).hasSize(16);
          }
        }
      }
      assertThat(parseError("1 AES_CM_128_HMAC_SHA1_80 " + keys).getMessage()).contains("more than 16 key-params");
    }

    @Test
    void thirtyThreeSessionParametersAreRejected() {
      String params = " -X".repeat(CryptoAttribute.MAX_SESSION_PARAMS);
      try (CryptoAttribute max = CryptoAttribute.parse("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30 + params)) {
        assertThat(max.sessionParams()).hasSize(CryptoAttribute.MAX_SESSION_PARAMS);
      }
      assertThat(parseError("1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30 + params + " -X").getMessage())
          .contains("more than 32 session parameters");
    }
  }

  @Nested
  class Building {

    @Test
    void builtAttributeFormatsCanonically() {
      byte[] keySalt = hex("3d2d6e40255e7821426a75667239293f2c2335685c603d265d7b71695051");
      try (KeyParam key = KeyParam.inline(keySalt, Lifetime.powerOfTwo(31), Mki.of(1, 4));
          CryptoAttribute attribute =
              CryptoAttribute.of(
                  5, SrtpSuite.AES_CM_128_HMAC_SHA1_80, key, List.of(SessionParam.Kdr.ofExponent(1)))) {
        assertThat(attribute.format())
            .isEqualTo("5 AES_CM_128_HMAC_SHA1_80 inline:" + KEY30 + "|2^31|1:4 KDR=1");
      }
    }

    @Test
    void builtAttributeParsesBackEqual() {
      try (KeyParam key = KeyParam.inline(new byte[46], null, null);
          CryptoAttribute built = CryptoAttribute.of(1, SrtpSuite.AES_256_CM_HMAC_SHA1_32, key, List.of());
          CryptoAttribute parsed = CryptoAttribute.parse(built.format())) {
        assertThat(parsed).isEqualTo(built).hasSameHashCodeAs(built);
      }
    }

    @Test
    void closingTheAttributeLeavesTheCallersKeyIntact() {
      try (KeyParam key = KeyParam.inline(hex("01".repeat(28)), null, null)) {
        CryptoAttribute.of(1, SrtpSuite.AEAD_AES_128_GCM, key, List.of()).close();
        assertThat(key.isWiped()).isFalse();
        assertThat(key.keySaltCopy()).containsOnly(1);
      }
    }

    @Test
    void keyOfWrongLengthIsAProgrammerError() {
      try (KeyParam key = KeyParam.inline(new byte[30], null, null)) {
        assertThatThrownBy(() -> CryptoAttribute.of(1, SrtpSuite.AEAD_AES_256_GCM, key, List.of()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("needs 44");
      }
    }

    @Test
    void tagOutOfRangeIsAProgrammerError() {
      try (KeyParam key = KeyParam.inline(new byte[30], null, null)) {
        assertThatThrownBy(() -> CryptoAttribute.of(1_000_000_000, SrtpSuite.AES_CM_128_HMAC_SHA1_80, key, List.of()))
            .isInstanceOf(IllegalArgumentException.class);
      }
    }

    @Test
    void closedAttributeCannotBeFormatted() {
      CryptoAttribute attribute = CryptoAttribute.parse(CONFORMANCE_LINE);
      attribute.close();
      attribute.close(); // idempotent
      assertThat(attribute.isClosed()).isTrue();
      assertThat(attribute.keys().get(0).keySaltCopy()).containsOnly(0);
      assertThatThrownBy(attribute::format).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void toStringShowsStructureButNoKey() {
    try (CryptoAttribute attribute = CryptoAttribute.parse(CONFORMANCE_LINE)) {
      assertThat(attribute.toString())
          .contains("tag=1", "AES_CM_128_HMAC_SHA1_80", "30 bytes", "2^20", "1:4", "FEC_SRTP")
          .doesNotContain("WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz")
          .doesNotContain("semctl");
    }
  }
}
