package ims.sdes.attribute;

import static org.assertj.core.api.Assertions.assertThat;

import ims.sdes.SdesParseException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Invariants of the a=crypto parser and formatter over generated and mutated input. */
class CryptoAttributeProperties {

  private static final String[] UNKNOWN_SUITES = {"NULL_HMAC_SHA1_80", "SEED_CTR_128_HMAC_SHA1_80", "X", "aes_cm_128_hmac_sha1_80"};
  private static final String GAP_CHARS = " \t";
  /** Characters that matter to the grammar, plus some that must be refused. */
  private static final String INTERESTING = " \t|:;=^-_0123456789AZaz+/\r\n\u0000\u00e9\u007f";

  // ---------------------------------------------------------------- properties

  @Property
  void formatOfParseGivesBackTheExactInput(@ForAll("validLines") String line) {
    try (CryptoAttribute attribute = CryptoAttribute.parse(line)) {
      assertThat(attribute.format()).isEqualTo(line);
    }
  }

  @Property
  void parseOfFormatEqualsTheParsedAttribute(@ForAll("validLines") String line) {
    try (CryptoAttribute attribute = CryptoAttribute.parse(line);
        CryptoAttribute again = CryptoAttribute.parse(attribute.format())) {
      assertThat(again).isEqualTo(attribute).hasSameHashCodeAs(attribute);
    }
  }

  @Property
  void parseOfFormatEqualsTheBuiltAttribute(@ForAll("builtAttributes") CryptoAttribute built) {
    try (built;
        CryptoAttribute parsed = CryptoAttribute.parse(built.format())) {
      assertThat(parsed).isEqualTo(built).hasSameHashCodeAs(built);
      assertThat(parsed.usable()).isTrue();
    }
  }

  @Property
  void anyTextEitherParsesAndRoundTripsOrFailsWithTheModulesErrorInsideTheInput(
      @ForAll @StringLength(max = 300) String text) {
    checkTotal(text);
  }

  @Property
  void textOfGrammarCharactersNeverBreaksTheParser(@ForAll("grammarSoup") String text) {
    checkTotal(text);
  }

  @Property(tries = 2000)
  void mutatedLinesNeverBreakTheParser(@ForAll("mutatedLines") String text) {
    checkTotal(text);
  }

  /** Whatever a mutation produced, an accepted line under a known suite obeys the SRTP rules. */
  @Property(tries = 2000)
  void acceptedLinesOfAKnownSuiteObeyTheKeyRules(@ForAll("mutatedLines") String text) {
    CryptoAttribute attribute;
    try {
      attribute = CryptoAttribute.parse(text);
    } catch (SdesParseException e) {
      return;
    }
    try (attribute) {
      if (attribute.knownSuite().isEmpty()) {
        assertThat(attribute.usable()).isFalse();
        return;
      }
      SrtpSuite suite = attribute.knownSuite().get();
      assertThat(attribute.keys()).allSatisfy(key -> assertThat(key.keySaltLength()).isEqualTo(suite.keySaltLength()));
      if (attribute.keys().size() > 1) {
        List<Mki> mkis = attribute.keys().stream().map(k -> k.mki().orElseThrow()).toList();
        assertThat(mkis.stream().map(Mki::length).distinct()).hasSize(1);
        assertThat(mkis.stream().map(Mki::value).distinct()).hasSameSizeAs(mkis);
      }
      boolean mandatoryUnknown =
          attribute.sessionParams().stream()
              .anyMatch(p -> p instanceof SessionParam.Unknown u && !u.ignorable());
      assertThat(attribute.usable()).isEqualTo(!mandatoryUnknown);
    }
  }

  @Property
  void errorMessagesNeverQuoteTheKey(@ForAll("validLines") String line, @ForAll Random random) {
    String base64 = firstKeyText(line);
    String mutated = mutate(line, random);
    try {
      CryptoAttribute.parse(mutated).close();
    } catch (SdesParseException e) {
      for (int i = 0; base64 != null && i + 8 <= base64.length(); i++) {
        assertThat(e.getMessage()).doesNotContain(base64.substring(i, i + 8));
      }
    }
  }

  @Property
  void closedAttributesReadAsZero(@ForAll("validLines") String line) {
    CryptoAttribute attribute = CryptoAttribute.parse(line);
    List<KeyParam> keys = new ArrayList<>(attribute.keys());
    attribute.sessionParams().stream()
        .filter(SessionParam.FecKey.class::isInstance)
        .forEach(p -> keys.addAll(((SessionParam.FecKey) p).keys()));
    attribute.close();
    for (KeyParam key : keys) {
      assertThat(key.isWiped()).isTrue();
      if (!key.isOpaque()) {
        byte[] bytes = key.keySaltCopy();
        assertThat(bytes).hasSize(key.keySaltLength()).containsOnly(0);
      }
    }
  }

  @Property
  void base64AgreesWithTheJdk(@ForAll @Size(min = 1, max = 80) byte[] data) {
    char[] encoded = Base64Text.encode(data);
    assertThat(new String(encoded)).isEqualTo(Base64.getEncoder().encodeToString(data));
    assertThat(Base64Text.decode(encoded, 0, encoded.length)).isEqualTo(data);
    String unpadded = Base64.getEncoder().withoutPadding().encodeToString(data);
    assertThat(Base64Text.decode(unpadded.toCharArray(), 0, unpadded.length())).isEqualTo(data);
  }

  @Property(tries = 3000)
  void oneStepDecodeAgreesWithCheckThenDecodeAndWithTheJdk(
      @ForAll("base64ish") String text, @ForAll @IntRange(min = -1, max = 1) int delta) {
    char[] chars = text.toCharArray();
    int expected = Math.max(0, (int) text.chars().filter(c -> c != '=').count() * 3 / 4 + delta);
    int length = Base64Text.decodedLength(chars, 0, chars.length);

    byte[] oneStep = Base64Text.decodeExpected(chars, 0, chars.length, expected);

    if (length >= 0 && length == expected) {
      assertThat(oneStep).isEqualTo(Base64.getDecoder().decode(text)).isEqualTo(Base64Text.decode(chars, 0, chars.length));
    } else {
      assertThat(oneStep).isNull();
    }
  }

  /** Encodings of random bytes, padded or not, sometimes with a character changed, dropped or added. */
  @Provide
  Arbitrary<String> base64ish() {
    return Arbitraries.randomValue(random -> {
      byte[] data = new byte[1 + random.nextInt(48)];
      random.nextBytes(data);
      String text = random.nextBoolean() ? Base64.getEncoder().encodeToString(data)
          : Base64.getEncoder().withoutPadding().encodeToString(data);
      StringBuilder out = new StringBuilder(text);
      String odd = "=-_ .\u00e9\u0141\u0100\u00c1AQgw"; // outside the alphabet, non-ASCII aliasing it, spare bits
      switch (random.nextInt(5)) {
        case 0 -> out.setCharAt(random.nextInt(out.length()), odd.charAt(random.nextInt(odd.length())));
        case 1 -> out.deleteCharAt(random.nextInt(out.length()));
        case 2 -> out.insert(random.nextInt(out.length() + 1), odd.charAt(random.nextInt(odd.length())));
        default -> { } // unchanged: the usual key
      }
      return out.toString();
    });
  }

  // ------------------------------------------------------------------- helpers

  private static void checkTotal(String text) {
    try (CryptoAttribute attribute = CryptoAttribute.parse(text)) {
      assertThat(attribute.format()).isEqualTo(text);
    } catch (SdesParseException e) {
      assertThat(e.offset()).isBetween(0, text.length());
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  private static String firstKeyText(String line) {
    int start = line.indexOf("inline:");
    if (start < 0) {
      return null;
    }
    start += "inline:".length();
    int end = start;
    while (end < line.length() && "|; \t".indexOf(line.charAt(end)) < 0) {
      end++;
    }
    return line.substring(start, end);
  }

  static String mutate(String line, Random random) {
    StringBuilder out = new StringBuilder(line);
    int mutations = 1 + random.nextInt(3);
    for (int m = 0; m < mutations; m++) {
      int at = out.isEmpty() ? 0 : random.nextInt(out.length());
      char c = INTERESTING.charAt(random.nextInt(INTERESTING.length()));
      switch (random.nextInt(5)) {
        case 0 -> {
          if (!out.isEmpty()) out.deleteCharAt(at);
        }
        case 1 -> out.insert(at, c);
        case 2 -> {
          if (!out.isEmpty()) out.setCharAt(at, c);
        }
        case 3 -> out.setLength(at);
        default -> {
          int end = Math.min(out.length(), at + 1 + random.nextInt(12));
          out.insert(end, out.substring(at, end));
        }
      }
    }
    return out.toString();
  }

  // --------------------------------------------------------------- generators

  @Provide
  Arbitrary<String> validLines() {
    return Arbitraries.randomValue(CryptoAttributeProperties::validLine);
  }

  @Provide
  Arbitrary<String> mutatedLines() {
    return Arbitraries.randomValue(random -> mutate(validLine(random), random));
  }

  @Provide
  Arbitrary<String> grammarSoup() {
    return Arbitraries.strings().withChars(INTERESTING.toCharArray()).ofMaxLength(120)
        .map(s -> random(s.length()) + s);
  }

  private static String random(int seed) {
    return seed % 3 == 0 ? "1 AES_CM_128_HMAC_SHA1_80 " : seed % 3 == 1 ? "1 FOO " : "";
  }

  @Provide
  Arbitrary<CryptoAttribute> builtAttributes() {
    return Arbitraries.randomValue(
        random -> {
          SrtpSuite suite = SrtpSuite.values()[random.nextInt(SrtpSuite.values().length)];
          int count = 1 + random.nextInt(3);
          int mkiLength = 1 + random.nextInt(4);
          List<KeyParam> keys = new ArrayList<>();
          for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[suite.keySaltLength()];
            random.nextBytes(bytes);
            Lifetime lifetime = random.nextBoolean() ? null : Lifetime.powerOfTwo(random.nextInt(49));
            Mki mki = count > 1 || random.nextBoolean() ? Mki.of(i, mkiLength) : null;
            keys.add(KeyParam.inline(bytes, lifetime, mki));
          }
          List<SessionParam> params = new ArrayList<>();
          if (random.nextBoolean()) params.add(SessionParam.Kdr.ofExponent(1 + random.nextInt(24)));
          if (random.nextBoolean()) params.add(SessionParam.Flag.UNENCRYPTED_SRTCP);
          if (random.nextBoolean()) params.add(SessionParam.Wsh.ofWindow(64 + random.nextInt(100_000)));
          if (random.nextBoolean()) params.add(new SessionParam.Unknown("-opt" + random.nextInt(9)));
          try {
            return CryptoAttribute.of(random.nextInt(CryptoAttribute.MAX_TAG + 1), suite, keys, params);
          } finally {
            keys.forEach(KeyParam::close);
          }
        });
  }

  /** A line that is valid by construction: RFC 4568 grammar plus the SRTP rules for known suites. */
  static String validLine(Random random) {
    StringBuilder out = new StringBuilder();
    out.append(random.nextInt(10) == 0 ? random.nextInt(10) : random.nextInt(CryptoAttribute.MAX_TAG + 1));
    out.append(gap(random));
    boolean known = random.nextInt(5) != 0;
    SrtpSuite suite = SrtpSuite.values()[random.nextInt(SrtpSuite.values().length)];
    out.append(known ? suite.sdpName() : UNKNOWN_SUITES[random.nextInt(UNKNOWN_SUITES.length)]);
    out.append(gap(random));
    out.append(keyParams(random, known ? suite.keySaltLength() : 1 + random.nextInt(60)));
    Set<String> kinds = new HashSet<>();
    int params = random.nextInt(6);
    for (int i = 0; i < params; i++) {
      String param = sessionParam(random, known ? suite.keySaltLength() : 30);
      String kind = param.contains("=") ? param.substring(0, param.indexOf('=')) : param;
      if (kind.startsWith("-") || kinds.add(kind)) {
        out.append(gap(random)).append(param);
      }
    }
    if (random.nextInt(10) == 0) {
      out.append(gap(random));
    }
    return out.toString();
  }

  private static String gap(Random random) {
    StringBuilder gap = new StringBuilder();
    int n = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 1;
    for (int i = 0; i < n; i++) {
      gap.append(GAP_CHARS.charAt(random.nextInt(4) == 0 ? 1 : 0));
    }
    return gap.toString();
  }

  private static String keyParams(Random random, int keySaltLength) {
    int count = random.nextInt(4) == 0 ? 2 + random.nextInt(3) : 1;
    int mkiLength = 1 + random.nextInt(random.nextInt(10) == 0 ? 128 : 4);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        out.append(';');
      }
      byte[] bytes = new byte[keySaltLength];
      random.nextBytes(bytes);
      Base64.Encoder encoder = random.nextInt(4) == 0 ? Base64.getEncoder().withoutPadding() : Base64.getEncoder();
      out.append("inline:").append(encoder.encodeToString(bytes));
      if (random.nextBoolean()) {
        out.append('|').append(lifetime(random));
      }
      if (count > 1 || random.nextBoolean()) {
        BigInteger value = BigInteger.valueOf(i).add(BigInteger.valueOf(random.nextInt(3)).shiftLeft(4));
        if (mkiLength == 1) {
          value = BigInteger.valueOf(i);
        }
        out.append('|').append(random.nextInt(5) == 0 ? "0" : "").append(value).append(':').append(mkiLength);
      }
    }
    return out.toString();
  }

  private static String lifetime(Random random) {
    if (random.nextBoolean()) {
      return "2^" + random.nextInt(Lifetime.MAX_EXPONENT + 1);
    }
    return Long.toString(1 + (random.nextLong() >>> 1) % Lifetime.MAX_PACKETS);
  }

  private static String sessionParam(Random random, int keySaltLength) {
    return switch (random.nextInt(9)) {
      case 0 -> "KDR=" + (1 + random.nextInt(SessionParam.Kdr.MAX_EXPONENT));
      case 1 -> "UNENCRYPTED_SRTP";
      case 2 -> "UNENCRYPTED_SRTCP";
      case 3 -> "UNAUTHENTICATED_SRTP";
      case 4 -> "FEC_ORDER=" + (random.nextBoolean() ? "FEC_SRTP" : "SRTP_FEC");
      case 5 -> {
        byte[] bytes = new byte[keySaltLength];
        random.nextBytes(bytes);
        yield "FEC_KEY=inline:" + Base64.getEncoder().encodeToString(bytes) + (random.nextBoolean() ? "|2^31" : "");
      }
      case 6 -> "WSH=" + (64 + random.nextInt(1_000_000));
      case 7 -> "-" + (char) ('a' + random.nextInt(26)) + "x=|;:" + random.nextInt(99);
      default -> "X_" + random.nextInt(100) + "=" + random.nextInt(10);
    };
  }
}
