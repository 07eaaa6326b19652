package ims.pcscf.secagree;

import java.util.Optional;

/**
 * Mechanism names registered for RFC 3329 headers that this product recognises. Others are kept
 * as plain {@link SecurityMechanism}s and forwarded untouched.
 */
public enum KnownMechanism {
  /** RFC 3329. */
  DIGEST("digest"),
  /** RFC 3329. */
  TLS("tls"),
  /** RFC 3329. */
  IPSEC_IKE("ipsec-ike"),
  /** RFC 3329. */
  IPSEC_MAN("ipsec-man"),
  /** TS 33.203 / TS 24.229: IPsec between UE and P-CSCF. */
  IPSEC_3GPP("ipsec-3gpp"),
  /** TS 24.229 7.2A.7: media security with SDES; with {@code mediasec}, e2ae support. */
  SDES_SRTP("sdes-srtp"),
  /** TS 24.229 7.2A.7: MSRP over TLS. */
  MSRP_TLS("msrp-tls"),
  /** TS 24.229 7.2A.7: BFCP over TLS. */
  BFCP_TLS("bfcp-tls"),
  /** TS 24.229 7.2A.7: UDPTL (fax) over DTLS. */
  UDPTL_DTLS("udptl-dtls");

  private final String wireName;

  KnownMechanism(String wireName) {
    this.wireName = wireName;
  }

  /** The name as written in the header (lower case). */
  public String wireName() {
    return wireName;
  }

  /** Case-insensitive lookup (mechanism names are RFC 3261 tokens). */
  public static Optional<KnownMechanism> fromWireName(String name) {
    for (KnownMechanism m : values()) {
      if (m.wireName.equalsIgnoreCase(name)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
