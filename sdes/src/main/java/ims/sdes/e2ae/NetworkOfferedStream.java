package ims.sdes.e2ae;

import ims.sdes.attribute.CryptoAttribute;
import java.util.List;
import java.util.Objects;

/**
 * One stream the P-CSCF protects in a terminating offer (TS 33.328 7.3.1 step 4).
 *
 * @param offeredCryptos the P-CSCF's crypto lines offered to the UE (K21), in offer order; owned by the
 *     {@link TerminatingOffer}
 * @param core where the far end receives media, from the core's offer
 * @param accessAnchor the IMS-AGW's access-side address written into the UE offer
 * @param rtpProto the profile the core offered ({@code RTP/AVP} or {@code RTP/AVPF}), restored in its answer
 */
public record NetworkOfferedStream(
    int index,
    String media,
    List<CryptoAttribute> offeredCryptos,
    Transport core,
    MediaAnchor accessAnchor,
    String rtpProto) {

  public NetworkOfferedStream {
    Objects.requireNonNull(media, "media");
    offeredCryptos = List.copyOf(offeredCryptos);
    Objects.requireNonNull(core, "core");
    Objects.requireNonNull(accessAnchor, "accessAnchor");
    Objects.requireNonNull(rtpProto, "rtpProto");
  }
}
