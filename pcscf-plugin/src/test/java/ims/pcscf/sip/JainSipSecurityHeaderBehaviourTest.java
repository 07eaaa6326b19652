package ims.pcscf.sip;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import ims.pcscf.secagree.ParseResult;
import ims.pcscf.secagree.SecurityMechanism;
import ims.pcscf.secagree.SecurityMechanisms;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What jain-sip-ri 1.3.0-91 does with RFC 3329 headers, pinned so that an upgrade that changes it
 * is noticed. The proxy reads these headers as text ({@link SipHeaders#values}) and writes them
 * verbatim ({@link SipHeaders#verbatim}), because jain-sip's own model re-encodes them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JainSipSecurityHeaderBehaviourTest {

  private static SIPMessage parse(String... securityClientLines) throws Exception {
    var msg = new StringBuilder("REGISTER sip:ims.example.net SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1\r\n"
        + "Max-Forwards: 70\r\nFrom: <sip:a@ims.example.net>;tag=1\r\nTo: <sip:a@ims.example.net>\r\n"
        + "Call-ID: c1\r\nCSeq: 1 REGISTER\r\n");
    for (String line : securityClientLines) {
      msg.append(line).append("\r\n");
    }
    msg.append("Content-Length: 0\r\n\r\n");
    return new StringMsgParser().parseSIPMessage(msg.toString().getBytes(StandardCharsets.UTF_8), true, false, null);
  }

  private static List<SecurityMechanism> ourParse(SIPMessage message) {
    var result = SecurityMechanisms.parseAll(SipHeaders.values(message, "Security-Client"));
    assertThat(result).isInstanceOf(ParseResult.Ok.class);
    return ((ParseResult.Ok<List<SecurityMechanism>>) result).value();
  }

  @Test
  void givenValuelessMediasec_whenJainSipParses_thenTextStillCarriesItAndOurParserSeesIt() throws Exception {
    SIPMessage message = parse("Security-Client: sdes-srtp;mediasec");
    assertThat(SipHeaders.values(message, "Security-Client")).hasSize(1);
    assertThat(SecurityMechanisms.announcesMediasec(ourParse(message))).isTrue();
  }

  @Test
  void givenCommaList_whenJainSipParses_thenOneHeaderObjectPerMechanismInOrder() throws Exception {
    SIPMessage message = parse("Security-Client: sdes-srtp;mediasec, ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1, tls");
    assertThat(SipHeaders.values(message, "Security-Client")).hasSize(3);
    assertThat(ourParse(message)).extracting(SecurityMechanism::name).containsExactly("sdes-srtp", "ipsec-3gpp", "tls");
  }

  @Test
  void givenParameterlessMechanism_whenJainSipReEncodes_thenItEmitsAnEmptyParameterSlotWeTolerate() throws Exception {
    SIPMessage message = parse("Security-Client: tls");
    String text = SipHeaders.values(message, "Security-Client").get(0);
    assertThat(text).startsWith("tls");
    assertThat(message.encode()).contains("Security-Client: tls;"); // not valid RFC 3329 on the wire
    assertThat(ourParse(message)).containsExactly(new SecurityMechanism("tls", List.of()));
  }

  @Test
  void givenEmptyParameter_whenJainSipParses_thenItSilentlyDropsTheWholeHeader() throws Exception {
    SIPMessage message = parse("Security-Client: sdes-srtp;;mediasec", "Security-Client: tls;q=0.1");
    assertThat(SipHeaders.values(message, "Security-Client")).hasSize(1);
    assertThat(SecurityMechanisms.announcesMediasec(ourParse(message))).isFalse();
  }

  @Test
  void givenVerbatimHeader_whenMessageEncoded_thenTextIsExactlyOurs() throws Exception {
    SIPMessage message = parse("Security-Client: tls");
    SipHeaders.replaceVerbatim(message, "Security-Client", "ipsec-3gpp;alg=hmac-sha-1-96, tls");
    assertThat(message.encode()).contains("Security-Client: ipsec-3gpp;alg=hmac-sha-1-96, tls\r\n");
    assertThat(SipHeaders.values(message, "Security-Client")).containsExactly("ipsec-3gpp;alg=hmac-sha-1-96, tls");
  }
}
