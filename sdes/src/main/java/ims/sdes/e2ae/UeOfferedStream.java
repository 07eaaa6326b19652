package ims.sdes.e2ae;

import ims.sdes.attribute.CryptoAttribute;
import java.util.Objects;
import java.util.Optional;

/**
 * One e2ae stream of a UE's originating offer, as the P-CSCF accepted it (TS 33.328 7.2.1 step 3).
 *
 * @param index the stream's position among the m= lines, from 0
 * @param ueCrypto the UE's crypto line the P-CSCF chose (K11: the IMS-AGW decrypts the UE's media with it);
 *     owned by the {@link OriginatingOffer}
 * @param ue where the UE receives media
 * @param coreAnchor the IMS-AGW's core-side address written into the core offer
 * @param srtpProto the SRTP profile toward the UE ({@code RTP/SAVP} or {@code RTP/SAVPF})
 * @param capabilityChoice the RFC 5939 configuration used, if the UE offered SRTP by capability negotiation
 */
public record UeOfferedStream(
    int index,
    String media,
    CryptoAttribute ueCrypto,
    Transport ue,
    MediaAnchor coreAnchor,
    String srtpProto,
    Optional<CapabilityChoice> capabilityChoice) {

  public UeOfferedStream {
    Objects.requireNonNull(media, "media");
    Objects.requireNonNull(ueCrypto, "ueCrypto");
    Objects.requireNonNull(ue, "ue");
    Objects.requireNonNull(coreAnchor, "coreAnchor");
    Objects.requireNonNull(srtpProto, "srtpProto");
    Objects.requireNonNull(capabilityChoice, "capabilityChoice");
  }
}
