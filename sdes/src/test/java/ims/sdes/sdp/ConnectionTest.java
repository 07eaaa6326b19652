package ims.sdes.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ims.sdes.SdesParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code c=} lines against the RFC 8866 section 9 grammar: nettype and addrtype are tokens; under {@code IN IP4} and
 * {@code IN IP6} the connection-address is a unicast address, a multicast address with its suffixes, or an FQDN
 * (RFC 4291 section 2.2 for the IPv6 text forms); other types take any visible text (extn-addr). Good lines are
 * the RFCs' own examples; bad ones are written by hand, one broken rule each.
 */
class ConnectionTest {

  /** Each accepted by the grammar; the source of each is in the comment beside it. */
  private static final List<String> GOOD = List.of(
      "c=IN IP4 192.0.2.10",                        // RFC 8866 section 5 example
      "c=IN IP4 233.252.0.1/127",                   // RFC 8866 section 5.7: multicast with ttl
      "c=IN IP4 233.252.0.1/127/3",                 // RFC 8866 section 5.7: ttl and number of addresses
      "c=IN IP4 224.2.1.1/0",                       // ttl = "0" (RFC 8866 section 9)
      "c=IN IP4 0.0.0.0",                           // RFC 3264 section 8.4 (old-style hold)
      "c=IN IP4 host.atlanta.example.com",          // RFC 4317 section 2.1
      "c=IN IP6 2001:db8::1",                       // RFC 4291 section 2.2, form 2
      "c=IN IP6 2001:DB8:0:0:8:800:200C:417A",      // RFC 4291 section 2.2, form 1
      "c=IN IP6 ::ffff:192.0.2.1",                  // RFC 4291 section 2.2, form 3
      "c=IN IP6 ::",                                // RFC 4291 section 2.2: the unspecified address
      "c=IN IP6 FF15::101/3",                       // RFC 8866 section 5.7: IPv6 multicast with number of addresses
      "c=IN IP6 host.example.com",                  // FQDN under IP6
      "c=ATM NSAP 47.0091.8100.0000.0060.3e64.fd01.0060.3e64.fd01.00", // RFC 3108 section 5.2 (extension types)
      "c=PSTN E164 +441134960123");                 // RFC 7195 section 5.1 (extension types)

  /** Each breaks one rule of the grammar; the rule is in the comment beside it. */
  private static final List<String> BAD = List.of(
      "c=IN IP4 192.0.2.256",                       // decimal-uchar is at most 255
      "c=IN IP4 192.0.2",                           // IP4-address has four octets (all-numeric is no FQDN)
      "c=IN IP4 192.0.02.1",                        // decimal-uchar has no leading zero
      "c=IN IP4 224.2.1.1",                         // IPv4 multicast MUST have a ttl (section 5.7)
      "c=IN IP4 240.0.0.1",                         // b1 below 224 for unicast; 240 is not multicast either
      "c=IN IP4 192.0.2.1/127",                     // only IP4-multicast carries /ttl
      "c=IN IP4 233.252.0.1/256",                   // ttl 0 to 255
      "c=IN IP4 233.252.0.1/127/0",                 // numaddr = POS-DIGIT *DIGIT
      "c=IN IP4 233.252.0.1/",                      // ttl is not empty
      "c=IN IP4 abc",                               // FQDN = 4*(alpha-numeric / "-" / ".")
      "c=IN IP4 host_name.example.com",             // no "_" in an FQDN
      "c=IN IP4 192.0.2.1\t",                       // no tab in any address
      "c=IN IP6 2001:db8::1::2",                    // at most one "::"
      "c=IN IP6 1:2:3:4:5:6:7:8:9",                 // eight groups at most
      "c=IN IP6 1:2:3:4:5:6:7",                     // eight groups without "::"
      "c=IN IP6 12345::1",                          // h16 = 1*4HEXDIG
      "c=IN IP6 2001:db8::g",                       // hex digits only
      "c=IN IP6 2001:db8::1/3",                     // only IP6-multicast carries /numaddr
      "c=IN IP6 ff::1/3",                           // group 00ff is not multicast (RFC 4291 section 2.7)
      "c=IN IP6 192.0.2.1",                         // an IPv4 literal is neither IPv6 nor an FQDN
      "c=IN/X IP4 192.0.2.1",                       // nettype is a token: no "/"
      "c=IN IP(4) 192.0.2.1",                       // addrtype is a token: no "(" or ")"
      "c=PSTN E164 +44\u0001",                      // extn-addr = non-ws-string: no control character
      "c=PSTN E164 +44\u007f");                     // no DEL

  @Test
  void givenTheRfcExampleLines_whenParsedInABody_thenEachConnectionReadsBackAsWritten() {
    for (String line : GOOD) {
      Sdp sdp = Sdp.parse("v=0\r\n" + line + "\r\nm=audio 4000 RTP/AVP 0\r\n");
      assertThat(sdp.sessionConnection()).as(line).hasValueSatisfying(c -> assertThat(c.lineText()).isEqualTo(line));
      assertThat(sdp.connectionOf(0)).as(line).isPresent();
    }
  }

  @Test
  void givenLinesBreakingTheGrammarAtSessionLevel_whenParsed_thenEachIsASdesParseExceptionAtTheLine() {
    for (String line : BAD) {
      assertThatThrownBy(() -> Sdp.parse("v=0\r\n" + line + "\r\nm=audio 4000 RTP/AVP 0\r\n")).as(line)
          .isInstanceOf(SdesParseException.class)
          .satisfies(e -> assertThat(((SdesParseException) e).offset()).isEqualTo(5));
    }
  }

  @Test
  void givenLinesBreakingTheGrammarAtMediaLevel_whenParsed_thenEachIsASdesParseException() {
    for (String line : BAD) {
      assertThatThrownBy(() -> Sdp.parse("v=0\r\nm=audio 4000 RTP/AVP 0\r\n" + line + "\r\n")).as(line)
          .isInstanceOf(SdesParseException.class);
    }
  }

  @Test
  void givenLinesBreakingTheGrammar_whenTheirValueIsParsedAlone_thenEachIsASdesParseException() {
    for (String line : BAD) {
      assertThatThrownBy(() -> Connection.parse(line.substring(2))).as(line).isInstanceOf(SdesParseException.class);
    }
  }

  @Test
  void givenFieldsBreakingTheGrammar_whenAConnectionIsBuilt_thenIllegalArgument() {
    assertThatThrownBy(() -> new Connection("IN", "IP4", "192.0.2.256")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Connection("IN", "IP6", "2001:db8::1::2")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Connection("I N", "IP4", "192.0.2.1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Connection("IN", "", "192.0.2.1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Connection.internet("192.0.2.1 ")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Connection.internet("2001:db8::1")).isEqualTo(new Connection("IN", "IP6", "2001:db8::1"));
  }

  @Test
  void givenAFourthFieldOrAnEmptyAddress_whenParsed_thenTheErrorNamesTheLineShape() {
    for (String body : List.of("v=0\r\nc=IN IP4 192.0.2.1 x\r\n", "v=0\r\nc=IN IP4 \r\n")) {
      assertThatThrownBy(() -> Sdp.parse(body)).as(body).isInstanceOf(SdesParseException.class)
          .hasMessage("c= line is not '<nettype> <addrtype> <address>' (at offset 5)");
    }
  }

  @Test
  void givenAnIpv4MulticastAddressWithoutTtl_whenParsed_thenTheMessageSaysWhatIsMissing() {
    assertThatThrownBy(() -> Sdp.parse("v=0\r\nc=IN IP4 224.2.1.1\r\n")).isInstanceOf(SdesParseException.class)
        .hasMessageContaining("/ttl");
  }
}
