package ims.iq.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One entry of the Iq allow-list: an address and a port, where port 0 stands for any port of that
 * address (a peer that sends from ephemeral ports).
 */
public record AllowedPeer(InetAddress address, int port) {
  public AllowedPeer {
    Objects.requireNonNull(address, "address");
    if (port < 0 || port > 65_535) throw new IllegalArgumentException("port out of range: " + port);
    if (address.isAnyLocalAddress()) throw new IllegalArgumentException("wildcard address is not a peer");
  }

  public static AllowedPeer of(InetSocketAddress peer) {
    return new AllowedPeer(peer.getAddress(), peer.getPort());
  }

  public static AllowedPeer anyPort(InetAddress address) {
    return new AllowedPeer(address, 0);
  }

  boolean matches(InetSocketAddress sender) {
    return address.equals(sender.getAddress()) && (port == 0 || port == sender.getPort());
  }

  boolean isLoopback() {
    return address.isLoopbackAddress();
  }
}
