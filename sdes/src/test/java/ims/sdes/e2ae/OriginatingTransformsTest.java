package ims.sdes.e2ae;

import static ims.sdes.e2ae.Fixtures.crlf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ims.sdes.attribute.SrtpSuite;
import ims.sdes.sdp.Connection;
import ims.sdes.sdp.Sdp;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OriginatingTransformsTest {

  static final MediaAnchor CORE_AUDIO = MediaAnchor.of("192.0.2.10", 30000);
  static final MediaAnchor ACCESS_AUDIO = MediaAnchor.of("203.0.113.5", 20000);

  static OriginatingOffer accepted(E2aeResult<OriginatingOffer> r) {
    assertThat(r).isInstanceOf(E2aeResult.Ok.class);
    return ((E2aeResult.Ok<OriginatingOffer>) r).value();
  }

  static <T> Rejection rejection(E2aeResult<T> r) {
    assertThat(r).isInstanceOf(E2aeResult.Rejected.class);
    return ((E2aeResult.Rejected<T>) r).rejection();
  }

  @Test
  void givenUeOfferWithConformanceLine_whenOffered_thenCoreOfferMatchesGoldenFile() {
    Sdp ueOffer = Sdp.parse(crlf("orig-ue-offer.sdp"));

    try (OriginatingOffer offer = accepted(OriginatingTransforms.offer(ueOffer, CryptoPolicy.DEFAULT, Map.of(0, CORE_AUDIO)))) {
      assertThat(offer.coreOffer().format()).isEqualTo(crlf("orig-core-offer.expected.sdp"));
    }
  }

  @Test
  void givenUeOfferWithConformanceLine_whenOffered_thenChosenLineIsTheConformanceLineAndGatewayInfoIsTheUes() {
    Sdp ueOffer = Sdp.parse(crlf("orig-ue-offer.sdp"));

    try (OriginatingOffer offer = accepted(OriginatingTransforms.offer(ueOffer, CryptoPolicy.DEFAULT, Map.of(0, CORE_AUDIO)))) {
      assertThat(offer.kinds()).containsExactly(StreamKind.E2AE_REQUESTED, StreamKind.E2AE_REQUESTED, StreamKind.PLAIN);
      assertThat(offer.e2aeStreams()).hasSize(1);
      UeOfferedStream s = offer.e2aeStreams().get(0);
      assertThat(s.ueCrypto().format())
          .isEqualTo("2 AES_CM_128_HMAC_SHA1_80 inline:" + Fixtures.CONFORMANCE_KEY + "|2^20|1:4 FEC_ORDER=FEC_SRTP");
      assertThat(s.ueCrypto().keys().get(0).keySaltCopy())
          .isEqualTo(Base64.getDecoder().decode(Fixtures.CONFORMANCE_KEY));
      assertThat(s.ue()).isEqualTo(new Transport(new Connection("IN", "IP4", "10.10.1.2"), 49152, 49153, false));
      assertThat(s.srtpProto()).isEqualTo("RTP/SAVP");
      assertThat(s.capabilityChoice()).isEmpty();
      assertThat(s.coreAnchor()).isEqualTo(CORE_AUDIO);
    }
  }

  @Test
  void givenPolicyPreferring32_whenOffered_thenTheSha1_32LineIsChosen() {
    Sdp ueOffer = Sdp.parse(crlf("orig-ue-offer.sdp"));
    CryptoPolicy policy = new CryptoPolicy(List.of(SrtpSuite.AES_CM_128_HMAC_SHA1_32, SrtpSuite.AES_CM_128_HMAC_SHA1_80));

    try (OriginatingOffer offer = accepted(OriginatingTransforms.offer(ueOffer, policy, Map.of(0, CORE_AUDIO)))) {
      assertThat(offer.e2aeStreams().get(0).ueCrypto().tag()).isEqualTo(1);
    }
  }

  @Test
  void givenCoreAnswer_whenAnswered_thenUeAnswerMatchesGoldenFileAndGatewayGetsBothKeys() {
    Sdp ueOffer = Sdp.parse(crlf("orig-ue-offer.sdp"));
    try (OriginatingOffer offer = accepted(OriginatingTransforms.offer(ueOffer, CryptoPolicy.DEFAULT, Map.of(0, CORE_AUDIO)))) {
      var result = OriginatingTransforms.answer(offer, Sdp.parse(crlf("orig-core-answer.sdp")), Map.of(0, ACCESS_AUDIO),
          Fixtures.countingKeys());

      assertThat(result).isInstanceOf(E2aeResult.Ok.class);
      try (OriginatingAnswer answer = ((E2aeResult.Ok<OriginatingAnswer>) result).value()) {
        assertThat(answer.ueAnswer().format()).isEqualTo(crlf("orig-ue-answer.expected.sdp"));
        assertThat(answer.gatewayStreams()).hasSize(1);
        GatewayStream g = answer.gatewayStreams().get(0);
        assertThat(g.index()).isZero();
        assertThat(g.media()).isEqualTo("audio");
        assertThat(g.decryptFromUe().keys().get(0).keySaltCopy()).isEqualTo(Base64.getDecoder().decode(Fixtures.CONFORMANCE_KEY));
        assertThat(g.encryptToUe().format()).isEqualTo("2 AES_CM_128_HMAC_SHA1_80 inline:" + Fixtures.KEY_0);
        assertThat(g.core()).isEqualTo(new Transport(new Connection("IN", "IP4", "198.51.100.7"), 40000, 40001, false));
        assertThat(g.ue().port()).isEqualTo(49152);
        assertThat(g.accessAnchor()).isEqualTo(ACCESS_AUDIO);
        assertThat(g.coreAnchor()).isEqualTo(CORE_AUDIO);
      }
    }
  }

  @Test
  void givenLfOnlyUeOffer_whenOffered_thenCoreOfferUsesLfThroughout() {
    Sdp ueOffer = Sdp.parse(Fixtures.lf("orig-ue-offer.sdp"));

    try (OriginatingOffer offer = accepted(OriginatingTransforms.offer(ueOffer, CryptoPolicy.DEFAULT, Map.of(0, CORE_AUDIO)))) {
      assertThat(offer.coreOffer().format()).isEqualTo(Fixtures.lf("orig-core-offer.expected.sdp"));
    }
  }

  @Test
  void givenOfferWithoutE2aeRequest_whenOffered_thenOnlyForeignIndicationsAreRemoved() {
    String body = "v=0\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/SAVP 0\r\n"
        + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + Fixtures.CONFORMANCE_KEY + "\r\na=3ge2ae:applied\r\n"
        + "m=audio 4002 RTP/AVP 0\r\na=key-mgmt:mikey AQAFgM0X\r\n";

    try (OriginatingOffer offer = accepted(OriginatingTransforms.offer(Sdp.parse(body), CryptoPolicy.DEFAULT, Map.of()))) {
      assertThat(offer.passThrough()).isTrue();
      assertThat(offer.kinds()).containsExactly(StreamKind.E2E_SDES, StreamKind.KMS);
      assertThat(offer.coreOffer().format()).isEqualTo(body.replace("a=3ge2ae:applied\r\n", ""));
    }
  }

  @Test
  void givenOnlyUnknownOrDisallowedSuites_whenOffered_thenNoAcceptableCryptoForThatStream() {
    String body = "v=0\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\nm=video 4002 RTP/SAVP 31\r\n"
        + "a=crypto:1 FOO_BAR inline:abc\r\n"
        + "a=crypto:2 AEAD_AES_256_GCM inline:" + Base64.getEncoder().encodeToString(new byte[44]) + "\r\n"
        + "a=crypto:3 AES_CM_128_HMAC_SHA1_80 inline:" + Fixtures.CONFORMANCE_KEY + " UNKNOWN_PARAM=1\r\n"
        + "a=3ge2ae:requested\r\n";

    Rejection r = rejection(OriginatingTransforms.offer(Sdp.parse(body), CryptoPolicy.DEFAULT, Map.of(1, CORE_AUDIO)));

    assertThat(r).isEqualTo(new Rejection.NoAcceptableCrypto(1));
    assertThat(r.sipStatus()).isEqualTo(488);
    assertThat(r.warnText()).isEqualTo("No acceptable SDES crypto attribute for e2ae in media stream 2");
  }

  @Test
  void givenPreferredSuiteOnlyWithProtectionTurnedOff_whenOffered_thenTheFullyProtectedLineIsChosen() {
    String body = "v=0\r\nc=IN IP4 10.0.0.1\r\nm=audio 4000 RTP/SAVP 0\r\n"
        + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + Fixtures.CONFORMANCE_KEY + " UNENCRYPTED_SRTP\r\n"
        + "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj\r\n"
        + "a=3ge2ae:requested\r\n";

    try (OriginatingOffer offer = accepted(OriginatingTransforms.offer(Sdp.parse(body), CryptoPolicy.DEFAULT, Map.of(0, CORE_AUDIO)))) {
      assertThat(offer.e2aeStreams().get(0).ueCrypto().tag()).isEqualTo(2);
    }
  }

  @Test
  void givenE2aeRequestWithoutAnyCrypto_whenOffered_thenNoAcceptableCrypto() {
    String body = "v=0\r\nc=IN IP4 10.0.0.1\r\nm=audio 4000 RTP/AVP 0\r\na=3ge2ae:requested\r\n";

    assertThat(rejection(OriginatingTransforms.offer(Sdp.parse(body), CryptoPolicy.DEFAULT, Map.of(0, CORE_AUDIO))))
        .isEqualTo(new Rejection.NoAcceptableCrypto(0));
  }

  @Test
  void givenE2aeStreamWithoutConnectionAddress_whenOffered_thenMalformedSdp() {
    String body = "v=0\r\nm=audio 4000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:"
        + Fixtures.CONFORMANCE_KEY + "\r\na=3ge2ae:requested\r\n";

    Rejection r = rejection(OriginatingTransforms.offer(Sdp.parse(body), CryptoPolicy.DEFAULT, Map.of(0, CORE_AUDIO)));

    assertThat(r).isInstanceOf(Rejection.MalformedSdp.class);
    assertThat(r.warnText()).contains("no connection address").doesNotContain(Fixtures.CONFORMANCE_KEY);
  }

  @Test
  void givenMissingAnchorForAnE2aeStream_whenOffered_thenCallerBugIsAnIllegalArgument() {
    Sdp ueOffer = Sdp.parse(crlf("orig-ue-offer.sdp"));

    assertThatThrownBy(() -> OriginatingTransforms.offer(ueOffer, CryptoPolicy.DEFAULT, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("core-side");
  }

  @Test
  void givenStreamsToAnchor_whenAsked_thenOnlyEnabledE2aeStreamsAreListed() {
    assertThat(OriginatingTransforms.streamsToAnchor(Sdp.parse(crlf("orig-ue-offer.sdp")))).containsExactly(0);
  }

  @Test
  void givenCoreAnswerWithFewerStreams_whenAnswered_thenStreamCountMismatch() {
    Sdp ueOffer = Sdp.parse(crlf("orig-ue-offer.sdp"));
    try (OriginatingOffer offer = accepted(OriginatingTransforms.offer(ueOffer, CryptoPolicy.DEFAULT, Map.of(0, CORE_AUDIO)))) {
      Sdp coreAnswer = Sdp.parse("v=0\r\nc=IN IP4 198.51.100.7\r\nm=audio 40000 RTP/AVP 0\r\n");

      Rejection r = rejection(OriginatingTransforms.answer(offer, coreAnswer, Map.of(0, ACCESS_AUDIO), Fixtures.countingKeys()));

      assertThat(r).isEqualTo(new Rejection.StreamCountMismatch(3, 1));
      assertThat(r.warnText()).isEqualTo("SDP answer has 1 media streams, the offer had 3");
    }
  }

  @Test
  void givenCoreRejectsTheE2aeStream_whenAnswered_thenUeSeesPortZeroSavpAndGatewayGetsNothing() {
    Sdp ueOffer = Sdp.parse(crlf("orig-ue-offer.sdp"));
    try (OriginatingOffer offer = accepted(OriginatingTransforms.offer(ueOffer, CryptoPolicy.DEFAULT, Map.of(0, CORE_AUDIO)))) {
      Sdp coreAnswer = Sdp.parse("v=0\r\nc=IN IP4 198.51.100.7\r\nm=audio 0 RTP/AVP 116\r\nm=video 0 RTP/AVP 34\r\nm=message 0 TCP/MSRP *\r\n");

      var result = OriginatingTransforms.answer(offer, coreAnswer, Map.of(), Fixtures.countingKeys());

      OriginatingAnswer answer = ((E2aeResult.Ok<OriginatingAnswer>) result).value();
      assertThat(answer.gatewayStreams()).isEmpty();
      assertThat(answer.ueAnswer().format()).isEqualTo(
          "v=0\r\nc=IN IP4 198.51.100.7\r\nm=audio 0 RTP/SAVP 116\r\nm=video 0 RTP/SAVP 34\r\nm=message 0 TCP/MSRP *\r\n");
    }
  }

  @Test
  void givenAudioAndVideoBothE2ae_whenFullFlowRuns_thenEachStreamGetsItsOwnAnchorsAndKey() {
    String ue = "v=0\r\no=- 1 1 IN IP4 10.1.1.1\r\ns=-\r\nc=IN IP4 10.1.1.1\r\nt=0 0\r\n"
        + "m=audio 5000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + Fixtures.CONFORMANCE_KEY + "\r\na=3ge2ae:requested\r\n"
        + "m=video 5002 RTP/SAVPF 96\r\na=rtpmap:96 H264/90000\r\na=crypto:4 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj\r\na=3ge2ae:requested\r\n";
    MediaAnchor coreVideo = MediaAnchor.of("192.0.2.10", 30002);
    MediaAnchor accessVideo = MediaAnchor.of("203.0.113.5", 20002);
    try (OriginatingOffer offer = accepted(OriginatingTransforms.offer(Sdp.parse(ue), CryptoPolicy.DEFAULT,
        Map.of(0, CORE_AUDIO, 1, coreVideo)))) {
      assertThat(offer.coreOffer().format()).isEqualTo("v=0\r\no=- 1 1 IN IP4 10.1.1.1\r\ns=-\r\nc=IN IP4 10.1.1.1\r\nt=0 0\r\n"
          + "m=audio 30000 RTP/AVP 0\r\nc=IN IP4 192.0.2.10\r\n"
          + "m=video 30002 RTP/AVPF 96\r\nc=IN IP4 192.0.2.10\r\na=rtpmap:96 H264/90000\r\n");
      String core = "v=0\r\no=- 2 2 IN IP4 198.51.100.7\r\ns=-\r\nc=IN IP4 198.51.100.7\r\nt=0 0\r\n"
          + "m=audio 40000 RTP/AVP 0\r\nm=video 40002 RTP/AVPF 96\r\na=rtpmap:96 H264/90000\r\n";

      var result = OriginatingTransforms.answer(offer, Sdp.parse(core), Map.of(0, ACCESS_AUDIO, 1, accessVideo), Fixtures.countingKeys());

      try (OriginatingAnswer answer = ((E2aeResult.Ok<OriginatingAnswer>) result).value()) {
        assertThat(answer.ueAnswer().format()).isEqualTo("v=0\r\no=- 2 2 IN IP4 198.51.100.7\r\ns=-\r\nc=IN IP4 198.51.100.7\r\nt=0 0\r\n"
            + "m=audio 20000 RTP/SAVP 0\r\nc=IN IP4 203.0.113.5\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + Fixtures.KEY_0
            + "\r\na=3ge2ae:applied\r\n"
            + "m=video 20002 RTP/SAVPF 96\r\nc=IN IP4 203.0.113.5\r\na=rtpmap:96 H264/90000\r\na=crypto:4 AES_CM_128_HMAC_SHA1_32 inline:"
            + Fixtures.KEY_1 + "\r\na=3ge2ae:applied\r\n");
        assertThat(answer.gatewayStreams()).extracting(GatewayStream::index).containsExactly(0, 1);
        assertThat(answer.gatewayStreams().get(1).core().port()).isEqualTo(40002);
      }
    }
  }

  @Test
  void givenEveryRejection_whenMappedForSip_thenStatusIs488AndTextNamesTheReason() {
    List<Rejection> all = List.of(new Rejection.MalformedSdp("x"), new Rejection.NoAcceptableCrypto(0),
        new Rejection.StreamCountMismatch(2, 1), new Rejection.SharedSessionKeys(), new Rejection.AnswerNotSrtp(0, "RTP/AVP"),
        new Rejection.AnswerCryptoCount(0, 2), new Rejection.AnswerTagMismatch(0, 9),
        new Rejection.AnswerSuiteMismatch(0, "A", "B"), new Rejection.AnswerCryptoInvalid(0, "y"));

    for (Rejection r : all) {
      String text = switch (r) {
        case Rejection.MalformedSdp m -> "Malformed SDP";
        case Rejection.NoAcceptableCrypto n -> "No acceptable";
        case Rejection.StreamCountMismatch s -> "media streams";
        case Rejection.SharedSessionKeys s -> "shared";
        case Rejection.AnswerNotSrtp a -> "where SRTP was offered";
        case Rejection.AnswerCryptoCount a -> "expected 1";
        case Rejection.AnswerTagMismatch a -> "not offered";
        case Rejection.AnswerSuiteMismatch a -> "for an offer of";
        case Rejection.AnswerCryptoInvalid a -> "Invalid crypto";
      };
      assertThat(r.sipStatus()).isEqualTo(488);
      assertThat(r.warnCode()).isBetween(300, 399);
      assertThat(r.warnText()).contains(text).doesNotContain("\"");
    }
  }
}
