package ims.sdes.e2ae;

import static org.assertj.core.api.Assertions.assertThat;

import ims.sdes.sdp.Sdp;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TS 33.328 7.2.1 / 7.3.1 last paragraphs: the P-CSCF removes every e2ae indication it did not insert. */
class SpoofProtectionTest {

  @Test
  void givenIndicationHiddenInAttributeCapability_whenForwarded_thenItIsRemovedLikeAPlainOne() {
    String body = "v=0\r\nc=IN IP4 198.51.100.7\r\nm=audio 4000 RTP/AVP 0\r\na=acap:1 3ge2ae:applied\r\n"
        + "a=acap:2 rtcp-fb:0 nack\r\na=3ge2ae:applied\r\n";

    var r = OriginatingTransforms.offer(Sdp.parse(body), CryptoPolicy.DEFAULT, Map.of());

    try (OriginatingOffer offer = ((E2aeResult.Ok<OriginatingOffer>) r).value()) {
      assertThat(offer.coreOffer().format())
          .isEqualTo("v=0\r\nc=IN IP4 198.51.100.7\r\nm=audio 4000 RTP/AVP 0\r\na=acap:2 rtcp-fb:0 nack\r\n");
    }
  }

  @Test
  void givenCoreOfferClaimingE2aeForAFarEndSdesStream_whenOfferedToUe_thenOnlyTheIndicationIsRemoved() {
    String far = "v=0\r\na=3ge2ae:applied\r\nc=IN IP4 198.51.100.7\r\nm=audio 4000 RTP/SAVP 0\r\n"
        + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + Fixtures.CONFORMANCE_KEY + "\r\na=3ge2ae: applied\r\n";

    var r = TerminatingTransforms.offer(Sdp.parse(far), CryptoPolicy.DEFAULT, Map.of(), Fixtures.countingKeys());

    try (TerminatingOffer offer = ((E2aeResult.Ok<TerminatingOffer>) r).value()) {
      assertThat(offer.protectedStreams()).isEmpty();
      assertThat(offer.ueOffer().format()).isEqualTo("v=0\r\nc=IN IP4 198.51.100.7\r\nm=audio 4000 RTP/SAVP 0\r\n"
          + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + Fixtures.CONFORMANCE_KEY + "\r\n");
    }
  }
}
