package ims.sdes.sdp;

import static ims.sdes.SdpFixtures.RFC5939_4_3_OFFER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ims.sdes.SdesParseException;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SdpTest {

  /** RFC 4317 section 2.1, offer ("Audio and Video 1"). */
  static final String RFC4317_2_1_OFFER = """
      v=0\r
      o=alice 2890844526 2890844526 IN IP4 host.atlanta.example.com\r
      s=\r
      c=IN IP4 host.atlanta.example.com\r
      t=0 0\r
      m=audio 49170 RTP/AVP 0 8 97\r
      a=rtpmap:0 PCMU/8000\r
      a=rtpmap:8 PCMA/8000\r
      a=rtpmap:97 iLBC/8000\r
      m=video 51372 RTP/AVP 31 32\r
      a=rtpmap:31 H261/90000\r
      a=rtpmap:32 MPV/90000\r
      """;

  /** RFC 3264 section 10.1, Bob's answer: the first video stream is rejected with port 0. */
  static final String RFC3264_10_1_ANSWER = """
      v=0
      o=bob 2890844730 2890844730 IN IP4 host.example.com
      s=
      c=IN IP4 host.example.com
      t=0 0
      m=audio 49920 RTP/AVP 0
      a=rtpmap:0 PCMU/8000
      m=video 0 RTP/AVP 31
      m=video 53000 RTP/AVP 32
      a=rtpmap:32 MPV/90000
      """;

  /** RFC 5939 section 4.1 offer (as also used by reSIProcate's SDP tests). */
  static final String RFC5939_4_1_OFFER = """
      v=0\r
      o=- 25678 753849 IN IP4 192.0.2.1\r
      s=\r
      c=IN IP4 192.0.2.1\r
      t=0 0\r
      m=audio 53456 RTP/AVP 0 18\r
      a=tcap:1 RTP/SAVPF RTP/SAVP RTP/AVPF\r
      a=acap:1 crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4 FEC_ORDER=FEC_SRTP\r
      a=acap:2 rtcp-fb:0 nack\r
      a=pcfg:1 t=1 a=1,[2]\r
      a=pcfg:2 t=2 a=1\r
      a=pcfg:3 t=3 a=[2]\r
      """;

  @Test
  void givenRfc4317Offer_whenParsed_thenSessionAndTwoMediaSectionsAreTyped() {
    Sdp sdp = Sdp.parse(RFC4317_2_1_OFFER);

    assertThat(sdp.sessionLines()).hasSize(5);
    assertThat(sdp.mediaSections()).hasSize(2);
    assertThat(sdp.sessionConnection()).contains(new Connection("IN", "IP4", "host.atlanta.example.com"));
    assertThat(sdp.media(0).description())
        .isEqualTo(new MediaDescription("audio", 49170, OptionalInt.empty(), "RTP/AVP", List.of("0", "8", "97")));
    assertThat(sdp.media(1).description().formats()).containsExactly("31", "32");
    assertThat(sdp.media(0).connection()).isEmpty();
    assertThat(sdp.connectionOf(1)).contains(new Connection("IN", "IP4", "host.atlanta.example.com"));
    assertThat(sdp.media(0).attributes("rtpmap")).extracting(SdpLine::attributeValue)
        .containsExactly("0 PCMU/8000", "8 PCMA/8000", "97 iLBC/8000");
    assertThat(sdp.lineEnding()).isEqualTo("\r\n");
  }

  @Test
  void givenRfc4317Offer_whenFormatted_thenBytesAreIdentical() {
    assertThat(Sdp.parse(RFC4317_2_1_OFFER).format()).isEqualTo(RFC4317_2_1_OFFER);
  }

  @Test
  void givenRfc3264AnswerWithLfEndings_whenParsed_thenRejectedStreamHasPortZeroAndFormatKeepsLf() {
    Sdp sdp = Sdp.parse(RFC3264_10_1_ANSWER);

    assertThat(sdp.mediaSections()).hasSize(3);
    assertThat(sdp.media(1).description().isDisabled()).isTrue();
    assertThat(sdp.media(1).lines()).hasSize(1);
    assertThat(sdp.media(2).description().port()).isEqualTo(53000);
    assertThat(sdp.lineEnding()).isEqualTo("\n");
    assertThat(sdp.format()).isEqualTo(RFC3264_10_1_ANSWER);
  }

  @Test
  void givenMixedLineEndingsAndNoFinalEnding_whenFormatted_thenEveryByteIsKept() {
    String body = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\ns=-\rc=IN IP4 192.0.2.1\r\nt=0 0\nm=audio 4000 RTP/AVP 0\r\na=x-unknown:keep me";

    Sdp sdp = Sdp.parse(body);

    assertThat(sdp.format()).isEqualTo(body);
    assertThat(sdp.media(0).lines().get(1).ending()).isEmpty();
  }

  @Test
  void givenTrailingEmptyLines_whenFormatted_thenTheyAreKept() {
    String body = "v=0\r\ns=-\r\n\r\n\r\n";

    assertThat(Sdp.parse(body).trailer()).isEqualTo("\r\n\r\n");
    assertThat(Sdp.parse(body).format()).isEqualTo(body);
  }

  @Test
  void givenMostlyLfBody_whenAttributeAdded_thenNewLineUsesLf() {
    Sdp sdp = Sdp.parse("v=0\ns=-\r\nt=0 0\nm=audio 4000 RTP/AVP 0\n");
    MediaSection changed = sdp.media(0).toBuilder(sdp.lineEnding()).addAttribute("rtcp-mux").build();

    assertThat(sdp.withMedia(0, changed).format()).isEqualTo("v=0\ns=-\r\nt=0 0\nm=audio 4000 RTP/AVP 0\na=rtcp-mux\n");
  }

  @Test
  void givenLastLineWithoutEnding_whenAttributeAppended_thenPreviousLineGetsDominantEnding() {
    Sdp sdp = Sdp.parse("v=0\r\nm=audio 4000 RTP/AVP 0");
    MediaSection changed = sdp.media(0).toBuilder(sdp.lineEnding()).addAttribute("sendonly").build();

    assertThat(sdp.withMedia(0, changed).format()).isEqualTo("v=0\r\nm=audio 4000 RTP/AVP 0\r\na=sendonly\r\n");
  }

  @Test
  void givenMediaWithIandB_whenConnectionSet_thenCIsInsertedAfterI() {
    Sdp sdp = Sdp.parse("v=0\r\nm=audio 4000 RTP/AVP 0\r\ni=voice\r\nb=AS:64\r\n");
    MediaSection changed = sdp.media(0).toBuilder("\r\n").connection(Connection.internet("2001:db8::1")).build();

    assertThat(changed.lines()).extracting(SdpLine::text)
        .containsExactly("m=audio 4000 RTP/AVP 0", "i=voice", "c=IN IP6 2001:db8::1", "b=AS:64");
  }

  @Test
  void givenTypedAttributes_whenRead_thenValuesAreExposed() {
    Sdp sdp = Sdp.parse("""
        v=0
        s=-
        a=recvonly
        m=audio 4000/2 RTP/SAVP 0
        c=IN IP4 192.0.2.1
        a=rtcp:4011 IN IP4 192.0.2.9
        a=rtcp-mux
        a=sendonly
        a=key-mgmt:mikey AQE
        a=3ge2ae:  requested
        a=3ge2ae:applied
        a=3ge2ae:other
        a=crypto:7 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz
        """);
    MediaSection m = sdp.media(0);

    assertThat(m.description().portCount()).hasValue(2);
    assertThat(m.rtcpPort()).contains(4011);
    assertThat(m.rtcpMux()).isTrue();
    assertThat(m.direction()).contains(Direction.SENDONLY);
    assertThat(sdp.sessionDirection()).contains(Direction.RECVONLY);
    assertThat(m.keyManagementValues()).containsExactly("mikey AQE");
    assertThat(m.e2aeIndications())
        .containsExactly(E2aeIndication.REQUESTED, E2aeIndication.APPLIED, E2aeIndication.OTHER);
    assertThat(m.cryptoValues()).containsExactly("7 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz");
  }

  @Test
  void givenRfc5939Example41_whenCapabilitiesRead_thenTransportsAttributesAndConfigurationsMatchTheRfc() {
    MediaSection m = Sdp.parse(RFC5939_4_1_OFFER).media(0);

    assertThat(m.transportCapabilities()).containsExactly(
        new TransportCapability(1, "RTP/SAVPF"), new TransportCapability(2, "RTP/SAVP"),
        new TransportCapability(3, "RTP/AVPF"));
    assertThat(m.attributeCapabilities()).extracting(AttributeCapability::number, AttributeCapability::attributeName)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "crypto"), org.assertj.core.groups.Tuple.tuple(2, "rtcp-fb"));
    assertThat(m.attributeCapabilities().get(1).attributeValue()).isEqualTo("0 nack");
    assertThat(m.potentialConfigurations()).containsExactly(
        new Configuration(1, List.of(1), List.of(List.of(1, 2))),
        new Configuration(2, List.of(2), List.of(List.of(1))),
        new Configuration(3, List.of(3), List.of(List.of(2))));
  }

  @Test
  void givenRfc5939Example43_whenCapabilitiesRead_thenSessionLevelCapabilitiesAndAlternativesAreSeen() {
    Sdp sdp = Sdp.parse(RFC5939_4_3_OFFER);

    assertThat(sdp.sessionAttributeCapabilities()).extracting(AttributeCapability::attributeName)
        .containsExactly("key-mgmt");
    assertThat(sdp.sessionTransportCapabilities()).hasSize(3);
    assertThat(sdp.media(0).potentialConfigurations())
        .containsExactly(new Configuration(1, List.of(2), List.of(List.of(1), List.of(2))));
    assertThat(sdp.media(1).potentialConfigurations().get(0).attributeAlternatives())
        .containsExactly(List.of(1, 4), List.of(3, 4));
    assertThat(sdp.format()).isEqualTo(RFC5939_4_3_OFFER);
  }

  @Test
  void givenActualConfigurationWithDeleteMarker_whenParsed_thenNumbersAreRead() {
    assertThat(Configuration.parse("1 t=2 a=-m:1,2")).isEqualTo(new Configuration(1, List.of(2), List.of(List.of(1, 2))));
    assertThat(Configuration.parse("3 a=-ms")).isEqualTo(new Configuration(3, List.of(), List.of()));
  }

  @Test
  void givenKeyLines_whenToStringAndRedacted_thenNoKeyMaterialAppears() {
    Sdp sdp = Sdp.parse(RFC5939_4_1_OFFER + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\r\nk=clear:secret\r\na=key-mgmt:mikey AQAF\r\n");

    assertThat(sdp.toString()).doesNotContain("WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz", "secret", "AQAF");
    assertThat(sdp.redacted()).doesNotContain("WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz", "secret", "AQAF");
    assertThat(sdp.media(0).toString()).doesNotContain("WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz");
  }

  @Test
  void givenBodyNotStartingWithV_whenParsed_thenErrorAtOffsetZero() {
    assertThatThrownBy(() -> Sdp.parse("o=- 1 1 IN IP4 a\r\n"))
        .isInstanceOf(SdesParseException.class).hasMessageContaining("v=")
        .extracting(e -> ((SdesParseException) e).offset()).isEqualTo(0);
  }

  @Test
  void givenBadMediaPort_whenParsed_thenErrorPointsAtTheMLine() {
    String body = "v=0\r\nm=audio 70000 RTP/AVP 0\r\n";

    assertThatThrownBy(() -> Sdp.parse(body)).isInstanceOf(SdesParseException.class)
        .hasMessageContaining("port").extracting(e -> ((SdesParseException) e).offset()).isEqualTo(5);
  }

  @Test
  void givenMalformedSessionConnection_whenParsed_thenMessageNamesTheLineOffsetOnce() {
    String body = "v=0\r\nc=IN IP4\r\n";

    assertThatThrownBy(() -> Sdp.parse(body)).isInstanceOf(SdesParseException.class)
        .hasMessage("c= line is not '<nettype> <addrtype> <address>' (at offset 5)");
  }

  @Test
  void givenMediaLineWithTooFewFields_whenParsed_thenMessageNamesTheSectionOffsetOnce() {
    String body = "v=0\r\nt=0 0\r\nm=audio 1 RTP/AVP\r\n";

    assertThatThrownBy(() -> Sdp.parse(body)).isInstanceOf(SdesParseException.class)
        .hasMessage("m= line needs <media> <port> <proto> <fmt> (at offset 12)");
  }

  @Test
  void givenProblemFoundWithAnOffset_whenPlacedInTheBody_thenTheMessageCarriesOnlyTheNewOffset() {
    SdesParseException inLine = new SdesParseException("bad field", 3);

    SdesParseException inBody = inLine.at(40);

    assertThat(inLine).hasMessage("bad field (at offset 3)");
    assertThat(inBody).hasMessage("bad field (at offset 40)");
    assertThat(inBody.reason()).isEqualTo("bad field");
    assertThat(inBody.offset()).isEqualTo(40);
  }

  @Test
  void givenMalformedLines_whenParsed_thenEachIsASdesParseException() {
    for (String body : List.of("", "\r\n", "v=0\r\n\r\nm=audio 1 RTP/AVP 0", "v=0\r\nxx\r\n", "v=0\r\nA=b\r\n",
        "v=0\r\nc=IN IP4\r\n", "v=0\r\nm=audio 1 RTP/AVP\r\n", "v=0\r\nm=audio 1/0 RTP/AVP 0\r\n",
        "v=0\r\nm=audio  1 RTP/AVP 0\r\n", "v=0\r\ns=\0\r\n", "v=0\r\n=x\r\n")) {
      assertThatThrownBy(() -> Sdp.parse(body)).as(body).isInstanceOf(SdesParseException.class);
    }
  }

  @Test
  void givenBodiesOverEachLimit_whenParsed_thenClearErrorsNameTheLimit() {
    SdpLimits small = new SdpLimits(200, 6, 40, 1, 2);

    assertThatThrownBy(() -> Sdp.parse("v=0\r\n" + "s=" + "x".repeat(300), small)).hasMessageContaining("longer than 200 characters");
    assertThatThrownBy(() -> Sdp.parse("v=0\r\ns=" + "x".repeat(41) + "\r\n", small)).hasMessageContaining("line longer than 40");
    assertThatThrownBy(() -> Sdp.parse("v=0\r\ns=-\r\nt=0 0\r\nb=1\r\nb=2\r\nb=3\r\nb=4\r\n", small)).hasMessageContaining("more than 6 lines");
    assertThatThrownBy(() -> Sdp.parse("v=0\r\nm=audio 1 RTP/AVP 0\r\nm=audio 2 RTP/AVP 0\r\n", small)).hasMessageContaining("more than 1 media sections");
    assertThatThrownBy(() -> Sdp.parse("v=0\r\na=1\r\na=2\r\na=3\r\n", small)).hasMessageContaining("more than 2 attributes");
  }

  @Test
  void givenMalformedCapabilities_whenRead_thenSdesParseException() {
    MediaSection m = Sdp.parse("v=0\r\nm=audio 1 RTP/AVP 0\r\na=tcap:x RTP/SAVP\r\na=acap:1\r\na=pcfg:1 t=a\r\na=rtcp:abc\r\n").media(0);

    assertThatThrownBy(m::transportCapabilities).isInstanceOf(SdesParseException.class);
    assertThatThrownBy(m::attributeCapabilities).isInstanceOf(SdesParseException.class);
    assertThatThrownBy(m::potentialConfigurations).isInstanceOf(SdesParseException.class);
    assertThatThrownBy(m::rtcpPort).isInstanceOf(SdesParseException.class);
  }

  @Test
  void givenSectionBuilder_whenAttributesRemovedAndReplaced_thenOtherLinesKeepTheirBytes() {
    Sdp sdp = Sdp.parse("v=0\r\nm=audio 1 RTP/AVP 0\na=rtcp:2\r\na=x\na=crypto:1 A inline:x\r\n");
    MediaSection m = sdp.media(0).toBuilder("\r\n").removeAttribute("crypto").replaceAttribute("rtcp", "rtcp:9")
        .description(sdp.media(0).description().withPort(8).withProto("RTP/SAVP")).build();

    assertThat(sdp.withMedia(0, m).format()).isEqualTo("v=0\r\nm=audio 8 RTP/SAVP 0\r\na=rtcp:9\r\na=x\n");
  }

  @Test
  void givenSectionBuilt_whenTheSameBuilderEditsFurther_thenTheBuiltSectionDoesNotChange() {
    Sdp sdp = Sdp.parse("v=0\r\nm=audio 1 RTP/AVP 0\r\na=x\r\n");
    MediaSection.Builder b = sdp.media(0).toBuilder("\r\n").addAttribute("y");
    MediaSection first = b.build();

    MediaSection second = b.removeAttribute("x").addAttribute("z").build();

    assertThat(sdp.withMedia(0, first).format()).isEqualTo("v=0\r\nm=audio 1 RTP/AVP 0\r\na=x\r\na=y\r\n");
    assertThat(sdp.withMedia(0, second).format()).isEqualTo("v=0\r\nm=audio 1 RTP/AVP 0\r\na=y\r\na=z\r\n");
  }

  @Test
  void givenSectionWithAndWithoutRtcp_whenRtcpPortOrAsked_thenPortOrFallback() {
    Sdp sdp = Sdp.parse("v=0\r\nm=audio 1 RTP/AVP 0\r\na=rtcp: 4011 IN IP4 192.0.2.9\r\nm=audio 3 RTP/AVP 0\r\na=rtcp-mux\r\n");

    assertThat(sdp.media(0).rtcpPortOr(-1)).isEqualTo(4011);
    assertThat(sdp.media(1).rtcpPortOr(-1)).isEqualTo(-1);
    assertThat(sdp.media(1).rtcpPort()).isEmpty();
  }

  @Test
  void givenParsedMediaLine_whenPortAndProtoReplaced_thenFormatsStayTheSameList() {
    MediaDescription d = MediaDescription.parse("video 51372/2 RTP/AVP 31 32 96");

    MediaDescription changed = d.withPort(9).withProto("RTP/SAVP");

    assertThat(changed.formats()).isEqualTo(List.of("31", "32", "96")).hasSameHashCodeAs(List.of("31", "32", "96"));
    assertThat(changed.lineText()).isEqualTo("m=video 9/2 RTP/SAVP 31 32 96");
    assertThat(changed).isEqualTo(new MediaDescription("video", 9, OptionalInt.of(2), "RTP/SAVP", List.of("31", "32", "96")));
  }

  @Test
  void givenMediaLineWithLineBreakOrEmptyField_whenParsed_thenSameErrorsAsTheConstructor() {
    assertThatThrownBy(() -> MediaDescription.parse("audio 1 RTP/AVP 0\r"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format");
    assertThatThrownBy(() -> MediaDescription.parse("audio 1 RTP/AVP 0  8"))
        .isInstanceOf(SdesParseException.class).hasMessageContaining("empty field");
    assertThatThrownBy(() -> MediaDescription.parse("audio 1/0 RTP/AVP 0"))
        .isInstanceOf(SdesParseException.class).hasMessageContaining("number of ports");
    assertThatThrownBy(() -> new MediaDescription("audio", 1, OptionalInt.empty(), "RTP/AVP", List.of("0", "")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format");
  }

  @Test
  void givenLinesTheTransformKeepsAroundNewOnes_whenFormatted_thenUnchangedRunsKeepTheirOwnEndings() {
    Sdp sdp = Sdp.parse("v=0\r\ns=-\nm=audio 1 RTP/AVP 0\ra=x\r\na=crypto:1 A inline:x\na=y\r\na=z");
    MediaSection m = sdp.media(0).toBuilder("\r\n").removeAttribute("crypto").addAttribute("w").build();

    assertThat(sdp.withMedia(0, m).format()).isEqualTo("v=0\r\ns=-\nm=audio 1 RTP/AVP 0\ra=x\r\na=y\r\na=z\r\na=w\r\n");
  }
}
