package ims.iq.transport;

import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The optional Iq TLS transport (H.248.1 Annex D.2: TCP with TPKT framing) between our own two sides.
 * Both contexts come from {@link TlsContexts#mutual}: TLS 1.3, the peer must present a certificate
 * from the internal CA. Peers connect from ephemeral ports, so their allow-list entries usually have
 * port 0.
 */
public record TlsTransportConfig(InetSocketAddress bind, LinkSecurity security, SslContext serverContext,
    SslContext clientContext, int maxMessageSize) implements TransportConfig {
  /** TPKT's 16-bit length counts its 4-octet header. */
  static final int MAX_TPKT_PAYLOAD = 65_535 - TpktFrameDecoder.HEADER;

  public TlsTransportConfig {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(serverContext, "serverContext");
    Objects.requireNonNull(clientContext, "clientContext");
    if (!serverContext.isServer() || !clientContext.isClient()) {
      throw new IllegalArgumentException("need one server and one client SSL context");
    }
    if (maxMessageSize < 512 || maxMessageSize > MAX_TPKT_PAYLOAD) {
      throw new IllegalArgumentException("maxMessageSize out of range: " + maxMessageSize);
    }
    if (security.protection() != LinkProtection.TLS && !bind.getAddress().isLoopbackAddress()) {
      throw new IllegalArgumentException("the TLS transport off loopback must be declared LinkProtection.TLS");
    }
  }

  public TlsTransportConfig(InetSocketAddress bind, LinkSecurity security, SslContext serverContext,
      SslContext clientContext) {
    this(bind, security, serverContext, clientContext, UdpTransportConfig.DEFAULT_MAX_MESSAGE_SIZE);
  }

  @Override
  public IqTransport open(IqTransport.InboundListener listener) {
    return TlsTransport.bind(this, listener);
  }
}
