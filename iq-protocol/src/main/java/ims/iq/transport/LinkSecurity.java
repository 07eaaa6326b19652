package ims.iq.transport;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * The Iq link guard's configuration: who may talk to us, and how the link is protected.
 *
 * <p>Validated at start: with {@link LinkProtection#NONE} every allowed peer must be a loopback
 * address, because Iq carries SRTP master keys. A non-loopback peer needs the link to be declared
 * protected by IPsec (NDS/IP, TS 33.210) or to use the TLS transport.
 */
public record LinkSecurity(List<AllowedPeer> allowedPeers, LinkProtection protection) {
  public LinkSecurity {
    allowedPeers = List.copyOf(allowedPeers);
    Objects.requireNonNull(protection, "protection");
    if (allowedPeers.isEmpty()) throw new IllegalArgumentException("the Iq allow-list is empty");
    if (protection == LinkProtection.NONE) {
      for (AllowedPeer peer : allowedPeers) {
        if (!peer.isLoopback()) {
          throw new IllegalArgumentException("Iq peer " + peer.address().getHostAddress()
              + " is not loopback and the link is not declared protected (IPsec or TLS); refusing to send"
              + " SRTP keys in clear");
        }
      }
    }
  }

  /** Only the given loopback peers, no link protection. */
  public static LinkSecurity loopbackOnly(List<AllowedPeer> peers) {
    return new LinkSecurity(peers, LinkProtection.NONE);
  }

  public boolean allows(InetSocketAddress sender) {
    if (sender == null || sender.getAddress() == null) return false;
    for (AllowedPeer peer : allowedPeers) {
      if (peer.matches(sender)) return true;
    }
    return false;
  }

  /** Whether a local bind address is acceptable for this protection level. */
  void checkBindAddress(InetSocketAddress bind) {
    if (protection == LinkProtection.NONE && !bind.getAddress().isLoopbackAddress()) {
      throw new IllegalArgumentException("Iq bound to " + bind.getAddress().getHostAddress()
          + " without link protection; bind to loopback or declare the link protected (IPsec or TLS)");
    }
  }
}
