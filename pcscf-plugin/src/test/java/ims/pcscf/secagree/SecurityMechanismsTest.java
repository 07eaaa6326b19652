package ims.pcscf.secagree;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SecurityMechanismsTest {

  private static List<SecurityMechanism> ok(String value) {
    ParseResult<List<SecurityMechanism>> result = SecurityMechanisms.parse(value);
    assertThat(result).as("parse of [%s]", value).isInstanceOf(ParseResult.Ok.class);
    return ((ParseResult.Ok<List<SecurityMechanism>>) result).value();
  }

  private static ParseResult.Err<List<SecurityMechanism>> err(String value) {
    ParseResult<List<SecurityMechanism>> result = SecurityMechanisms.parse(value);
    assertThat(result).as("parse of [%s]", value).isInstanceOf(ParseResult.Err.class);
    return (ParseResult.Err<List<SecurityMechanism>>) result;
  }

  @Test
  void givenSdesSrtpWithMediasec_whenParsed_thenOneMechanismWithValuelessParameter() {
    List<SecurityMechanism> m = ok("sdes-srtp;mediasec");
    assertThat(m).containsExactly(new SecurityMechanism("sdes-srtp", List.of(MechanismParameter.flag("mediasec"))));
    assertThat(m.get(0).isSdesSrtpWithMediasec()).isTrue();
    assertThat(m.get(0).known()).contains(KnownMechanism.SDES_SRTP);
    assertThat(SecurityMechanisms.announcesMediasec(m)).isTrue();
  }

  @Test
  void givenTs33203IpsecExampleWithSpaces_whenParsed_thenAllFiveParametersKeepTheirValues() {
    // TS 33.203 annex H style: spaces after each ';'
    SecurityMechanism m = ok("ipsec-3gpp; alg=hmac-sha-1-96; spi-c=23456789; spi-s=12345678; port-c=2468; port-s=1357")
        .get(0);
    assertThat(m.is(KnownMechanism.IPSEC_3GPP)).isTrue();
    assertThat(m.parameters()).extracting(MechanismParameter::format)
        .containsExactly("alg=hmac-sha-1-96", "spi-c=23456789", "spi-s=12345678", "port-c=2468", "port-s=1357");
    assertThat(m.isSdesSrtpWithMediasec()).isFalse();
  }

  @Test
  void givenRfc3329ServerListWithPreferences_whenParsed_thenQValuesAreReadable() {
    List<SecurityMechanism> m = ok("ipsec-ike;q=0.1, tls;q=0.2");
    assertThat(m).extracting(SecurityMechanism::name).containsExactly("ipsec-ike", "tls");
    assertThat(m.get(0).preference()).contains(0.1);
    assertThat(m.get(1).preference()).contains(0.2);
  }

  @Test
  void givenTs24229MediaMechanismsWithOddWhitespace_whenParsed_thenEachKeepsMediasec() {
    List<SecurityMechanism> m = ok(" sdes-srtp ; mediasec ,msrp-tls;mediasec,\tbfcp-tls ;mediasec , udptl-dtls;mediasec ");
    assertThat(m).extracting(SecurityMechanism::known).containsExactly(
        Optional.of(KnownMechanism.SDES_SRTP), Optional.of(KnownMechanism.MSRP_TLS),
        Optional.of(KnownMechanism.BFCP_TLS), Optional.of(KnownMechanism.UDPTL_DTLS));
    assertThat(m).allMatch(x -> x.hasParameter("mediasec"));
  }

  @Test
  void givenUpperCaseNames_whenParsed_thenMatchedCaseInsensitivelyAndCasePreservedOnFormat() {
    List<SecurityMechanism> m = ok("SDES-SRTP;MediaSec");
    assertThat(SecurityMechanisms.announcesMediasec(m)).isTrue();
    assertThat(SecurityMechanisms.format(m)).isEqualTo("SDES-SRTP;MediaSec");
  }

  @Test
  void givenQuotedValueHoldingCommaAndSemicolon_whenParsed_thenItStaysOneParameter() {
    List<SecurityMechanism> m = ok("digest;d-alg=md5;d-ver=\"0123456789abcdef0123456789abcdef\", x;foo=\"a,b;c \\\"q\\\"\"");
    assertThat(m).hasSize(2);
    assertThat(m.get(0).parameter("d-ver").flatMap(MechanismParameter::unquotedValue))
        .contains("0123456789abcdef0123456789abcdef");
    assertThat(m.get(1).parameter("foo").flatMap(MechanismParameter::unquotedValue)).contains("a,b;c \"q\"");
    assertThat(m.get(1).parameter("foo").flatMap(MechanismParameter::value)).contains("\"a,b;c \\\"q\\\"\"");
  }

  @Test
  void givenIpv6ReferenceValue_whenParsed_thenKeptAsHost() {
    assertThat(ok("tls;maddr=[2001:db8::1]").get(0).parameter("maddr").flatMap(MechanismParameter::value))
        .contains("[2001:db8::1]");
  }

  @Test
  void givenFoldedLine_whenParsed_thenFoldIsWhitespace() {
    assertThat(ok("sdes-srtp;\r\n mediasec").get(0).isSdesSrtpWithMediasec()).isTrue();
  }

  @Test
  void givenEmptyParameterSlotsAsJainSipEmits_whenParsed_thenSkipped() {
    assertThat(ok("tls; ")).containsExactly(new SecurityMechanism("tls", List.of()));
    assertThat(ok("sdes-srtp;;mediasec").get(0).parameters()).containsExactly(MechanismParameter.flag("mediasec"));
  }

  @Test
  void givenMessyInput_whenFormatted_thenCanonicalWithoutWhitespace() {
    assertThat(SecurityMechanisms.format(ok("sdes-srtp ; mediasec , ipsec-3gpp ; alg = hmac-sha-1-96 ; q=0.5")))
        .isEqualTo("sdes-srtp;mediasec, ipsec-3gpp;alg=hmac-sha-1-96;q=0.5");
  }

  @Test
  void givenTwoHeaders_whenParsedTogether_thenOrderKeptAndSdesSrtpRemovable() {
    var all = SecurityMechanisms.parseAll(List.of(
        "sdes-srtp;mediasec", "ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1;spi-s=2;port-c=3;port-s=4, tls;q=0.1"));
    List<SecurityMechanism> m = ((ParseResult.Ok<List<SecurityMechanism>>) all).value();
    assertThat(m).extracting(SecurityMechanism::name).containsExactly("sdes-srtp", "ipsec-3gpp", "tls");
    assertThat(SecurityMechanisms.format(SecurityMechanisms.without(m, KnownMechanism.SDES_SRTP)))
        .isEqualTo("ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1;spi-s=2;port-c=3;port-s=4, tls;q=0.1");
  }

  @Test
  void givenSdesSrtpWithoutMediasec_whenChecked_thenNoE2aeAnnouncement() {
    assertThat(SecurityMechanisms.announcesMediasec(ok("sdes-srtp, msrp-tls;mediasec"))).isFalse();
  }

  @Test
  void givenEmptyOrBlank_whenParsed_thenEmptyErrorAtEnd() {
    assertThat(err("")).isEqualTo(new ParseResult.Err<>(SecAgreeError.EMPTY, 0));
    assertThat(err("   ")).isEqualTo(new ParseResult.Err<>(SecAgreeError.EMPTY, 3));
    assertThat(SecurityMechanisms.parseAll(List.of())).isEqualTo(ParseResult.err(SecAgreeError.EMPTY, 0));
  }

  @Test
  void givenMalformedValues_whenParsed_thenTypedErrorAtTheOffendingOffset() {
    assertThat(err(";mediasec")).isEqualTo(new ParseResult.Err<>(SecAgreeError.EXPECTED_MECHANISM_NAME, 0));
    assertThat(err("sdes-srtp;=x")).isEqualTo(new ParseResult.Err<>(SecAgreeError.EXPECTED_PARAMETER_NAME, 10));
    assertThat(err("sdes-srtp;a=")).isEqualTo(new ParseResult.Err<>(SecAgreeError.EXPECTED_PARAMETER_VALUE, 12));
    assertThat(err("tls;a=\"abc")).isEqualTo(new ParseResult.Err<>(SecAgreeError.UNTERMINATED_QUOTED_STRING, 6));
    assertThat(err("tls mediasec")).isEqualTo(new ParseResult.Err<>(SecAgreeError.UNEXPECTED_CHARACTER, 4));
    assertThat(err("tls,,digest")).isEqualTo(new ParseResult.Err<>(SecAgreeError.EXPECTED_MECHANISM_NAME, 4));
    assertThat(err("tls;a=b/c")).isEqualTo(new ParseResult.Err<>(SecAgreeError.UNEXPECTED_CHARACTER, 7));
    assertThat(err("sdes-srtp;mediasec\nmore")).isEqualTo(new ParseResult.Err<>(SecAgreeError.UNEXPECTED_CHARACTER, 18));
  }

  @Test
  void givenInvalidQValues_whenParsed_thenBadQValue() {
    assertThat(err("tls;q=1.5").error()).isEqualTo(SecAgreeError.BAD_QVALUE);
    assertThat(err("tls;q=0.1234").error()).isEqualTo(SecAgreeError.BAD_QVALUE);
    assertThat(err("tls;q").error()).isEqualTo(SecAgreeError.BAD_QVALUE);
    assertThat(err("tls;q=abc").error()).isEqualTo(SecAgreeError.BAD_QVALUE);
    assertThat(ok("tls;q=1.000").get(0).preference()).contains(1.0);
    assertThat(ok("tls;Q=0").get(0).preference()).contains(0.0);
  }

  @Test
  void givenOversizedInput_whenParsed_thenCapsHold() {
    assertThat(err("a".repeat(SecurityMechanisms.MAX_LENGTH + 1)))
        .isEqualTo(new ParseResult.Err<>(SecAgreeError.TOO_LONG, SecurityMechanisms.MAX_LENGTH));
    assertThat(err("tls,".repeat(SecurityMechanisms.MAX_MECHANISMS) + "tls").error())
        .isEqualTo(SecAgreeError.TOO_MANY_MECHANISMS);
    assertThat(err("tls" + ";p".repeat(SecurityMechanisms.MAX_PARAMETERS + 1)).error())
        .isEqualTo(SecAgreeError.TOO_MANY_PARAMETERS);
    assertThat(ok("tls" + ";p".repeat(SecurityMechanisms.MAX_PARAMETERS)).get(0).parameters())
        .hasSize(SecurityMechanisms.MAX_PARAMETERS);
  }

  @Test
  void givenServerAnnouncement_whenFormatted_thenExactlyTheStage3Text() {
    assertThat(SecurityMechanisms.format(List.of(SecurityMechanism.SDES_SRTP_MEDIASEC))).isEqualTo("sdes-srtp;mediasec");
  }
}
