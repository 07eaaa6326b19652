package ims.iq.transport;

import java.net.InetSocketAddress;
import org.slf4j.Logger;

/**
 * What the UDP and TLS transports do the same way around their {@link LinkGuard}: the allow-list and size cap
 * answered from their config, their counters, the checks every send passes first, and a close that runs once. A
 * send after close is counted as failed, not thrown: the transaction layer may still be retransmitting.
 */
abstract sealed class GuardedTransport implements IqTransport permits UdpTransport, TlsTransport {
  final LinkGuard guard;
  private volatile boolean closed;

  GuardedTransport(TransportConfig config, InboundListener listener, Logger log) {
    this.guard = new LinkGuard(config, listener, log);
  }

  @Override
  public final boolean allows(InetSocketAddress peer) {
    return guard.allows(peer);
  }

  @Override
  public final int maxMessageSize() {
    return guard.maxMessageSize();
  }

  @Override
  public final TransportStats stats() {
    return guard.counters.snapshot();
  }

  @Override
  public final void send(InetSocketAddress peer, byte[] message) {
    guard.checkOutbound(peer, message);
    if (closed) {
      guard.counters.sendFailures.increment();
      return;
    }
    sendAllowed(peer, message);
  }

  /** Sends a message the guard allowed while open; must copy it, since the caller may wipe it on return. */
  abstract void sendAllowed(InetSocketAddress peer, byte[] message);

  @Override
  public final void close() {
    if (closed) return;
    closed = true;
    release();
  }

  /** Closes the socket(s) and stops the transport's thread; runs once. */
  abstract void release();
}
