package ims.iq.transport;

/** Which Iq transport to open, with its link guard: UDP (Annex D.1) or TLS over TCP (Annex D.2). */
public sealed interface TransportConfig permits UdpTransportConfig, TlsTransportConfig {
  LinkSecurity security();

  /** Binds the transport (blocking) and starts delivering allowed messages to {@code listener}. */
  IqTransport open(IqTransport.InboundListener listener);
}
