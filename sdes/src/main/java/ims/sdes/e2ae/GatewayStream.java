package ims.sdes.e2ae;

import ims.sdes.attribute.CryptoAttribute;
import java.util.Objects;

/**
 * Everything the IMS-AGW needs for one e2ae stream (TS 33.328 6.2.1.3, 7.2.1 step 7, 7.3.1 step 6): the
 * access termination (SRTP toward the UE) and the core termination (RTP). The keys are views owned by the
 * offer and answer results that produced them; this record does not close them.
 *
 * @param decryptFromUe the UE's crypto line: the IMS-AGW decrypts media arriving from the UE with it
 * @param encryptToUe the P-CSCF's crypto line: the IMS-AGW encrypts media toward the UE with it
 * @param ue where the UE receives media (the access termination's remote address)
 * @param core where the far end receives media (the core termination's remote address)
 * @param accessAnchor the IMS-AGW's access-side address given to the UE
 * @param coreAnchor the IMS-AGW's core-side address given to the core
 */
public record GatewayStream(
    int index,
    String media,
    CryptoAttribute decryptFromUe,
    CryptoAttribute encryptToUe,
    Transport ue,
    Transport core,
    MediaAnchor accessAnchor,
    MediaAnchor coreAnchor) {

  public GatewayStream {
    Objects.requireNonNull(media, "media");
    Objects.requireNonNull(decryptFromUe, "decryptFromUe");
    Objects.requireNonNull(encryptToUe, "encryptToUe");
    Objects.requireNonNull(ue, "ue");
    Objects.requireNonNull(core, "core");
    Objects.requireNonNull(accessAnchor, "accessAnchor");
    Objects.requireNonNull(coreAnchor, "coreAnchor");
  }
}
