package ims.pcscf.registration;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One registered contact of an address-of-record, as the P-CSCF learned it from a REGISTER and
 * the registrar's 200 OK.
 *
 * @param aor               the address-of-record (the To URI of the REGISTER)
 * @param contact           the registered contact URI, as the registrar returned it
 * @param expiresAt         when the registrar lets the binding lapse
 * @param ueAddress         where the REGISTER came from
 * @param ueSupportsE2ae    the UE sent {@code Security-Client: sdes-srtp;mediasec} ("e2ae-security
 *                          supported by UE", TS 33.328 7.1)
 * @param networkOffersE2ae the P-CSCF answered {@code Security-Server: sdes-srtp;mediasec}
 *                          ("e2ae-security supported by network")
 * @param path              the Path header values the registrar accepted (ours first)
 * @param serviceRoute      the Service-Route values of the 200 OK, in order
 */
public record Binding(
    SipUriKey aor,
    String contact,
    Instant expiresAt,
    UeAddress ueAddress,
    boolean ueSupportsE2ae,
    boolean networkOffersE2ae,
    List<String> path,
    List<String> serviceRoute) {

  public Binding {
    Objects.requireNonNull(aor, "aor");
    Objects.requireNonNull(contact, "contact");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(ueAddress, "ueAddress");
    path = List.copyOf(path);
    serviceRoute = List.copyOf(serviceRoute);
  }

  /** The normalised contact used as the store key. */
  public SipUriKey contactKey() {
    return SipUriKey.of(contact);
  }

  /** True if both the UE and the network announced e2ae at registration (33.328 7.2.1 / 7.3.1). */
  public boolean e2aeAgreed() {
    return ueSupportsE2ae && networkOffersE2ae;
  }

  public boolean isExpiredAt(Instant now) {
    return !expiresAt.isAfter(now);
  }
}
