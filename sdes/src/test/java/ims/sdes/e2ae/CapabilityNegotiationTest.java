package ims.sdes.e2ae;

import static ims.sdes.SdpFixtures.RFC5939_4_3_OFFER;
import static ims.sdes.e2ae.Fixtures.crlf;
import static org.assertj.core.api.Assertions.assertThat;

import ims.sdes.sdp.Sdp;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** UEs that offer SRTP through RFC 5939 capability negotiation (base RTP/AVP, a=tcap, crypto in a=acap). */
class CapabilityNegotiationTest {

  static final MediaAnchor CORE = MediaAnchor.of("192.0.2.10", 30000);

  static final MediaAnchor ACCESS = MediaAnchor.of("203.0.113.5", 20000);

  @Test
  void givenRfc5939Example41WithE2aeRequest_whenFlowRuns_thenCoreOfferAndUeAnswerMatchGoldenFiles() {
    Sdp ueOffer = Sdp.parse(crlf("capneg-ue-offer.sdp"));
    var r = OriginatingTransforms.offer(ueOffer, CryptoPolicy.DEFAULT, Map.of(0, CORE));
    try (OriginatingOffer offer = ((E2aeResult.Ok<OriginatingOffer>) r).value()) {
      assertThat(offer.coreOffer().format()).isEqualTo(crlf("capneg-core-offer.expected.sdp"));
      UeOfferedStream s = offer.e2aeStreams().get(0);
      assertThat(s.capabilityChoice()).contains(new CapabilityChoice(1, 1, 1));
      assertThat(s.srtpProto()).isEqualTo("RTP/SAVPF");
      assertThat(s.ueCrypto().tag()).isEqualTo(1);

      var a = OriginatingTransforms.answer(offer, Sdp.parse(crlf("capneg-core-answer.sdp")), Map.of(0, ACCESS),
          Fixtures.countingKeys());

      try (OriginatingAnswer answer = ((E2aeResult.Ok<OriginatingAnswer>) a).value()) {
        assertThat(answer.ueAnswer().format()).isEqualTo(crlf("capneg-ue-answer.expected.sdp"));
      }
    }
  }

  @Test
  void givenRfc5939Example42WithE2aeRequest_whenOffered_thenTheRtpSavpConfigurationWithItsCryptoIsChosen() {
    // RFC 5939 4.2: configuration 1 is DTLS-SRTP (no crypto), configuration 2 is RTP/SAVP with a=acap:3 crypto.
    String sessionLevel = """
        v=0\r
        o=- 25678 753849 IN IP4 192.0.2.1\r
        s=\r
        c=IN IP4 192.0.2.1\r
        t=0 0\r
        a=acap:1 setup:actpass\r
        a=acap:2 fingerprint: SHA-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB\r
        a=tcap:1 UDP/TLS/RTP/SAVP RTP/SAVP\r
        """;
    String ue = sessionLevel + """
        m=audio 59000 RTP/AVP 98\r
        a=rtpmap:98 AMR/8000\r
        a=acap:3 crypto:1 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|2^20|1:32\r
        a=pcfg:1 t=1 a=1,2\r
        a=pcfg:2 t=2 a=3\r
        a=3ge2ae:requested\r
        """;

    var r = OriginatingTransforms.offer(Sdp.parse(ue), CryptoPolicy.DEFAULT, Map.of(0, CORE));

    try (OriginatingOffer offer = ((E2aeResult.Ok<OriginatingOffer>) r).value()) {
      assertThat(offer.e2aeStreams().get(0).capabilityChoice()).contains(new CapabilityChoice(2, 2, 3));
      assertThat(offer.e2aeStreams().get(0).srtpProto()).isEqualTo("RTP/SAVP");
      assertThat(offer.coreOffer().format()).isEqualTo(sessionLevel + """
          m=audio 30000 RTP/AVP 98\r
          c=IN IP4 192.0.2.10\r
          a=rtpmap:98 AMR/8000\r
          """); // session level unchanged: the DTLS capabilities carry no key
    }
  }

  @Test
  void givenRfc5939Example43WithoutE2aeRequest_whenClassified_thenKmsAndE2eSdesPassThroughUntouched() {
    var r = OriginatingTransforms.offer(Sdp.parse(RFC5939_4_3_OFFER), CryptoPolicy.DEFAULT, Map.of());

    try (OriginatingOffer offer = ((E2aeResult.Ok<OriginatingOffer>) r).value()) {
      assertThat(offer.kinds()).containsExactly(StreamKind.KMS, StreamKind.KMS);
      assertThat(offer.coreOffer().format()).isEqualTo(RFC5939_4_3_OFFER);
    }
  }

  @Test
  void givenSessionLevelCryptoCapabilityUsedByE2aeAndE2eStreams_whenOffered_thenSharedSessionKeys() {
    String ue = "v=0\r\nc=IN IP4 192.0.2.1\r\n"
        + "a=acap:1 crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + Fixtures.CONFORMANCE_KEY + "\r\na=tcap:1 RTP/SAVP\r\n"
        + "m=audio 59000 RTP/AVP 0\r\na=pcfg:1 t=1 a=1\r\na=3ge2ae:requested\r\n"
        + "m=audio 59002 RTP/AVP 0\r\na=pcfg:1 t=1 a=1\r\n";

    var r = OriginatingTransforms.offer(Sdp.parse(ue), CryptoPolicy.DEFAULT, Map.of(0, CORE));

    assertThat(((E2aeResult.Rejected<OriginatingOffer>) r).rejection()).isEqualTo(new Rejection.SharedSessionKeys());
  }

  @Test
  void givenSessionLevelCryptoCapabilityUsedOnlyByE2ae_whenOffered_thenItIsNotForwardedToTheCore() {
    String ue = "v=0\r\nc=IN IP4 192.0.2.1\r\n"
        + "a=acap:1 crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + Fixtures.CONFORMANCE_KEY + "\r\na=tcap:1 RTP/SAVP\r\n"
        + "m=audio 59000 RTP/AVP 0\r\na=pcfg:1 t=1 a=1\r\na=3ge2ae:requested\r\n";

    var r = OriginatingTransforms.offer(Sdp.parse(ue), CryptoPolicy.DEFAULT, Map.of(0, CORE));

    try (OriginatingOffer offer = ((E2aeResult.Ok<OriginatingOffer>) r).value()) {
      assertThat(offer.coreOffer().format()).isEqualTo(
          "v=0\r\nc=IN IP4 192.0.2.1\r\na=tcap:1 RTP/SAVP\r\nm=audio 30000 RTP/AVP 0\r\nc=IN IP4 192.0.2.10\r\n");
      assertThat(offer.e2aeStreams().get(0).capabilityChoice()).contains(new CapabilityChoice(1, 1, 1));
    }
  }
}
