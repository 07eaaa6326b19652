package ims.iq.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * UDP transport settings. H.248.1 Annex D.1 forbids segmentation over UDP, so a message must fit one
 * datagram; {@code maxMessageSize} caps what we accept and send.
 */
public record UdpTransportConfig(InetSocketAddress bind, LinkSecurity security, int maxMessageSize)
    implements TransportConfig {
  /** The H.248 text port (H.248.1 Annex D.1). */
  public static final int DEFAULT_TEXT_PORT = 2944;
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 8_192;
  static final int MAX_UDP_PAYLOAD = 65_507;

  public UdpTransportConfig {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(security, "security");
    if (bind.isUnresolved()) throw new IllegalArgumentException("bind address is unresolved: " + bind);
    if (maxMessageSize < 512 || maxMessageSize > MAX_UDP_PAYLOAD) {
      throw new IllegalArgumentException("maxMessageSize out of range: " + maxMessageSize);
    }
    if (security.protection() == LinkProtection.TLS) {
      // TLS protection means the Annex D.2 transport; plain UDP would carry the keys in clear.
      throw new IllegalArgumentException("a link declared TLS-protected needs the TLS transport, not UDP");
    }
    security.checkBindAddress(bind);
  }

  public UdpTransportConfig(InetSocketAddress bind, LinkSecurity security) {
    this(bind, security, DEFAULT_MAX_MESSAGE_SIZE);
  }

  @Override
  public IqTransport open(IqTransport.InboundListener listener) {
    return UdpTransport.bind(this, listener);
  }
}
