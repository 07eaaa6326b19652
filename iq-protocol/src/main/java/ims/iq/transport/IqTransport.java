package ims.iq.transport;

import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Moves whole encoded Iq messages between this node and its peers. UDP (H.248.1 Annex D.1) is the one
 * built; SCTP (recommended by TS 29.334) and TLS (Annex D.2) fit behind the same interface.
 *
 * <p>Threading: every {@link InboundListener} call runs on {@link #executor()}, a single thread; the
 * transaction layer keeps its state confined to it. {@link #send} may be called from any thread.
 */
public interface IqTransport extends AutoCloseable {

  /** Receives messages that passed the link guard. Implementations must not throw; if they do, it is counted. */
  @FunctionalInterface
  interface InboundListener {
    void onMessage(InetSocketAddress sender, byte[] message);
  }

  InetSocketAddress localAddress();

  /** The single thread that delivers inbound messages; also usable for timers. */
  ScheduledExecutorService executor();

  /**
   * Sends one encoded message; {@code message} is copied, so the caller may wipe it on return. A peer the link guard does not allow is refused with
   * {@link IllegalArgumentException}: keys never leave for an unknown destination.
   */
  void send(InetSocketAddress peer, byte[] message);

  /** Whether the link guard lets this peer talk to us and receive from us. */
  boolean allows(InetSocketAddress peer);

  /** The largest message {@link #send} takes (no segmentation); unbounded unless the transport says otherwise. */
  default int maxMessageSize() {
    return Integer.MAX_VALUE;
  }

  TransportStats stats();

  /** Releases the socket and its thread. Idempotent. */
  @Override
  void close();
}
