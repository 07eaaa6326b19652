package ims.iq.transport;

import java.net.InetSocketAddress;

/** Which Iq transport to open, with its link guard: UDP (Annex D.1) or TLS over TCP (Annex D.2). */
public sealed interface TransportConfig permits UdpTransportConfig, TlsTransportConfig {
  InetSocketAddress bind();

  LinkSecurity security();

  /** The largest message accepted or sent, in octets. */
  int maxMessageSize();

  /** Binds the transport (blocking) and starts delivering allowed messages to {@code listener}. */
  IqTransport open(IqTransport.InboundListener listener);
}
