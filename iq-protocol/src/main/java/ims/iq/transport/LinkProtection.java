package ims.iq.transport;

/**
 * How the Iq link between controller and gateway is protected. Iq carries SRTP master keys (SDES
 * {@code a=crypto} lines), so it must never cross a network in clear.
 */
public enum LinkProtection {
  /** No protection: only loopback peers are accepted (both sides in one host). */
  NONE,
  /** NDS/IP (TS 33.210): an IPsec ESP tunnel or transport-mode SA between the two hosts, set up outside. */
  IPSEC,
  /** Mutually authenticated TLS (H.248.1 Annex D.2, TCP with TPKT framing). */
  TLS
}
