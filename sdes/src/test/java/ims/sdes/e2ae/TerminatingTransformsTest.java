package ims.sdes.e2ae;

import static ims.sdes.e2ae.Fixtures.crlf;
import static org.assertj.core.api.Assertions.assertThat;

import ims.sdes.sdp.Connection;
import ims.sdes.sdp.Sdp;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminatingTransformsTest {

  static final Map<Integer, MediaAnchor> ACCESS =
      Map.of(0, MediaAnchor.of("203.0.113.5", 20000), 1, MediaAnchor.of("203.0.113.5", 20002));
  static final Map<Integer, MediaAnchor> CORE =
      Map.of(0, MediaAnchor.of("192.0.2.10", 30000), 1, MediaAnchor.of("192.0.2.10", 30002));

  static TerminatingOffer offered() {
    var r = TerminatingTransforms.offer(Sdp.parse(crlf("term-core-offer.sdp")), CryptoPolicy.DEFAULT, ACCESS,
        Fixtures.countingKeys());
    assertThat(r).isInstanceOf(E2aeResult.Ok.class);
    return ((E2aeResult.Ok<TerminatingOffer>) r).value();
  }

  static Rejection answerRejection(TerminatingOffer offer, String ueAnswer) {
    var r = TerminatingTransforms.answer(offer, Sdp.parse(ueAnswer), CORE);
    assertThat(r).isInstanceOf(E2aeResult.Rejected.class);
    return ((E2aeResult.Rejected<TerminatingAnswer>) r).rejection();
  }

  @Test
  void givenCoreRtpOffer_whenOffered_thenUeOfferMatchesGoldenFile() {
    try (TerminatingOffer offer = offered()) {
      assertThat(offer.ueOffer().format()).isEqualTo(crlf("term-ue-offer.expected.sdp"));
    }
  }

  @Test
  void givenCoreRtpOffer_whenOffered_thenOnlyRtpStreamsAreProtectedAndFarEndSdesPassesThrough() {
    try (TerminatingOffer offer = offered()) {
      assertThat(TerminatingTransforms.streamsToAnchor(Sdp.parse(crlf("term-core-offer.sdp")))).containsExactly(0, 1);
      assertThat(offer.protectedStreams()).extracting(NetworkOfferedStream::index).containsExactly(0, 1);
      NetworkOfferedStream audio = offer.protectedStreams().get(0);
      assertThat(audio.offeredCryptos()).extracting(c -> c.suite().name())
          .containsExactly("AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32");
      assertThat(audio.core()).isEqualTo(new Transport(new Connection("IN", "IP4", "host.atlanta.example.com"), 49170, 49171, false));
      assertThat(audio.rtpProto()).isEqualTo("RTP/AVP");
    }
  }

  @Test
  void givenUeAnswer_whenAnswered_thenCoreAnswerMatchesGoldenFileAndGatewayGetsBothKeys() {
    try (TerminatingOffer offer = offered()) {
      var r = TerminatingTransforms.answer(offer, Sdp.parse(crlf("term-ue-answer.sdp")), CORE);

      assertThat(r).isInstanceOf(E2aeResult.Ok.class);
      try (TerminatingAnswer answer = ((E2aeResult.Ok<TerminatingAnswer>) r).value()) {
        assertThat(answer.coreAnswer().format()).isEqualTo(crlf("term-core-answer.expected.sdp"));
        assertThat(answer.gatewayStreams()).hasSize(2);
        GatewayStream audio = answer.gatewayStreams().get(0);
        assertThat(audio.decryptFromUe().keys().get(0).keySaltCopy())
            .isEqualTo(Base64.getDecoder().decode(Fixtures.CONFORMANCE_KEY));
        assertThat(audio.encryptToUe().format()).isEqualTo("1 AES_CM_128_HMAC_SHA1_80 inline:" + Fixtures.KEY_0);
        assertThat(audio.ue()).isEqualTo(new Transport(new Connection("IN", "IP4", "10.20.0.9"), 50000, 50001, false));
        assertThat(audio.accessAnchor()).isEqualTo(ACCESS.get(0));
        assertThat(audio.coreAnchor()).isEqualTo(CORE.get(0));
        GatewayStream video = answer.gatewayStreams().get(1);
        assertThat(video.encryptToUe().format()).isEqualTo("2 AES_CM_128_HMAC_SHA1_32 inline:" + Fixtures.KEY_3);
        assertThat(video.core().port()).isEqualTo(51372);
      }
    }
  }

  @Test
  void givenAnswerWithUnofferedTag_whenAnswered_thenAnswerTagMismatch() {
    try (TerminatingOffer offer = offered()) {
      String ue = crlf("term-ue-answer.sdp").replace("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVN", "a=crypto:7 AES_CM_128_HMAC_SHA1_80 inline:WVN");

      assertThat(answerRejection(offer, ue)).isEqualTo(new Rejection.AnswerTagMismatch(0, 7));
    }
  }

  @Test
  void givenAnswerWithOtherSuiteUnderTheTag_whenAnswered_thenAnswerSuiteMismatch() {
    try (TerminatingOffer offer = offered()) {
      String ue = crlf("term-ue-answer.sdp").replace("a=crypto:2 AES_CM_128_HMAC_SHA1_32", "a=crypto:2 AES_CM_128_HMAC_SHA1_80");

      assertThat(answerRejection(offer, ue))
          .isEqualTo(new Rejection.AnswerSuiteMismatch(1, "AES_CM_128_HMAC_SHA1_32", "AES_CM_128_HMAC_SHA1_80"));
    }
  }

  @Test
  void givenAnswerWithShortKey_whenAnswered_thenAnswerCryptoInvalidWithoutKeyInText() {
    try (TerminatingOffer offer = offered()) {
      String ue = crlf("term-ue-answer.sdp").replace("inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz", "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7");

      Rejection r = answerRejection(offer, ue);

      assertThat(r).isInstanceOf(Rejection.AnswerCryptoInvalid.class);
      assertThat(r.warnText()).startsWith("Invalid crypto attribute in media stream 1").doesNotContain("WVNfX19zZW1jdGwgKCkgewkyMjA7");
    }
  }

  @Test
  void givenAnswerTurningEncryptionOff_whenAnswered_thenAnswerCryptoInvalid() {
    try (TerminatingOffer offer = offered()) {
      String ue = crlf("term-ue-answer.sdp").replace("|2^20|1:4 FEC_ORDER=FEC_SRTP", " UNENCRYPTED_SRTP");

      assertThat(answerRejection(offer, ue))
          .isEqualTo(new Rejection.AnswerCryptoInvalid(0, "session parameter turns protection off"));
    }
  }

  @Test
  void givenAnswerWithTwoCryptoLines_whenAnswered_thenAnswerCryptoCount() {
    try (TerminatingOffer offer = offered()) {
      String ue = crlf("term-ue-answer.sdp").replace("a=3ge2ae:requested\r\n",
          "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj\r\n");

      assertThat(answerRejection(offer, ue)).isEqualTo(new Rejection.AnswerCryptoCount(0, 2));
    }
  }

  @Test
  void givenUeAnswersPlainRtp_whenAnswered_thenAnswerNotSrtp() {
    try (TerminatingOffer offer = offered()) {
      String ue = crlf("term-ue-answer.sdp").replace("m=audio 50000 RTP/SAVP 0", "m=audio 50000 RTP/AVP 0");

      assertThat(answerRejection(offer, ue)).isEqualTo(new Rejection.AnswerNotSrtp(0, "RTP/AVP"));
    }
  }

  @Test
  void givenUeRejectsVideo_whenAnswered_thenCoreSeesPortZeroRtpAndOnlyAudioIsAnchored() {
    try (TerminatingOffer offer = offered()) {
      String ue = "v=0\r\nc=IN IP4 10.20.0.9\r\nm=audio 50000 RTP/SAVP 0\r\n"
          + "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:" + Fixtures.CONFORMANCE_KEY + "\r\n"
          + "m=video 0 RTP/SAVP 31\r\nm=audio 0 RTP/SAVP 0\r\n";

      var r = TerminatingTransforms.answer(offer, Sdp.parse(ue), Map.of(0, CORE.get(0)));

      try (TerminatingAnswer answer = ((E2aeResult.Ok<TerminatingAnswer>) r).value()) {
        assertThat(answer.coreAnswer().format()).isEqualTo(
            "v=0\r\nc=IN IP4 10.20.0.9\r\nm=audio 30000 RTP/AVP 0\r\nc=IN IP4 192.0.2.10\r\nm=video 0 RTP/AVP 31\r\nm=audio 0 RTP/SAVP 0\r\n");
        assertThat(answer.gatewayStreams()).singleElement().extracting(g -> g.encryptToUe().format())
            .isEqualTo("2 AES_CM_128_HMAC_SHA1_32 inline:" + Fixtures.KEY_1);
      }
    }
  }

  @Test
  void givenUeAnswerWithExtraStream_whenAnswered_thenStreamCountMismatch() {
    try (TerminatingOffer offer = offered()) {
      assertThat(answerRejection(offer, crlf("term-ue-answer.sdp") + "m=audio 0 RTP/AVP 0\r\n"))
          .isEqualTo(new Rejection.StreamCountMismatch(3, 4));
    }
  }

  @Test
  void givenCoreOfferWithDisabledStream_whenOffered_thenThatStreamIsUntouchedAndNotAnchored() {
    String core = "v=0\nc=IN IP4 198.51.100.7\nm=audio 4000 RTP/AVP 0\nm=video 0 RTP/AVP 31\na=rtpmap:31 H261/90000\n";

    var r = TerminatingTransforms.offer(Sdp.parse(core), CryptoPolicy.DEFAULT, Map.of(0, ACCESS.get(0)), Fixtures.countingKeys());

    try (TerminatingOffer offer = ((E2aeResult.Ok<TerminatingOffer>) r).value()) {
      assertThat(offer.protectedStreams()).extracting(NetworkOfferedStream::index).containsExactly(0);
      assertThat(offer.ueOffer().format()).isEqualTo("v=0\nc=IN IP4 198.51.100.7\n"
          + "m=audio 20000 RTP/SAVP 0\nc=IN IP4 203.0.113.5\n"
          + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + Fixtures.KEY_0 + "\n"
          + "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:" + Fixtures.KEY_1 + "\n"
          + "a=3ge2ae:applied\n"
          + "m=video 0 RTP/AVP 31\na=rtpmap:31 H261/90000\n");
    }
  }

  @Test
  void givenLfOnlyCoreOffer_whenOffered_thenUeOfferMatchesTheLfGoldenFile() {
    var r = TerminatingTransforms.offer(Sdp.parse(Fixtures.lf("term-core-offer.sdp")), CryptoPolicy.DEFAULT, ACCESS,
        Fixtures.countingKeys());

    try (TerminatingOffer offer = ((E2aeResult.Ok<TerminatingOffer>) r).value()) {
      assertThat(offer.ueOffer().format()).isEqualTo(Fixtures.lf("term-ue-offer.expected.sdp"));
    }
  }

  @Test
  void givenClosedOffer_whenClosed_thenEveryOfferedKeyIsWiped() {
    TerminatingOffer offer = offered();

    offer.close();

    assertThat(offer.protectedStreams()).flatExtracting(NetworkOfferedStream::offeredCryptos)
        .allSatisfy(c -> assertThat(c.isClosed()).isTrue());
  }
}
