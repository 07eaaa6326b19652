package ims.pcscf.sip;

import ims.pcscf.api.Exchange;
import ims.pcscf.registration.SipUriKey;
import ims.pcscf.registration.UeAddress;
import java.util.List;
import java.util.Objects;

/**
 * What a REGISTER told the P-CSCF, kept until the registrar's answer.
 *
 * @param aor               the To URI
 * @param contacts          the contact URIs the UE registered (empty for {@code Contact: *})
 * @param wildcard          {@code Contact: *}: remove every binding of the AoR
 * @param ue                where the REGISTER came from
 * @param ueSupportsE2ae    {@code Security-Client: sdes-srtp;mediasec} was present
 * @param networkOffersE2ae policy says to answer {@code Security-Server: sdes-srtp;mediasec}
 */
record RegisterExchange(
    SipUriKey aor,
    List<String> contacts,
    boolean wildcard,
    UeAddress ue,
    boolean ueSupportsE2ae,
    boolean networkOffersE2ae) implements Exchange {

  RegisterExchange {
    Objects.requireNonNull(aor, "aor");
    contacts = List.copyOf(contacts);
    Objects.requireNonNull(ue, "ue");
  }
}
