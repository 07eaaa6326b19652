package ims.iq.transport;

import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;
import java.net.InetSocketAddress;
import org.slf4j.Logger;

/**
 * What the UDP and TLS transports share around their sockets: the allow-list and size checks on
 * both directions, the counters, and delivery to the listener (whose failures are counted, never
 * passed to Netty). One per transport; the counters are safe to read from any thread.
 */
final class LinkGuard {
  private final TransportConfig config;
  private final IqTransport.InboundListener listener;
  private final Logger log;
  final TransportCounters counters = new TransportCounters();
  /** Counts a finished write as sent or failed. */
  final GenericFutureListener<Future<? super Void>> writeOutcome = this::countWrite;

  LinkGuard(TransportConfig config, IqTransport.InboundListener listener, Logger log) {
    this.config = config;
    this.listener = listener;
    this.log = log;
  }

  boolean allows(InetSocketAddress peer) {
    return config.security().allows(peer);
  }

  int maxMessageSize() {
    return config.maxMessageSize();
  }

  /** Keys never leave for an unknown peer, and a message over the cap is a caller's bug. */
  void checkOutbound(InetSocketAddress peer, byte[] message) {
    if (!allows(peer)) throw new IllegalArgumentException("peer is not on the Iq allow-list: " + peer);
    if (message.length > config.maxMessageSize()) {
      throw new IllegalArgumentException("Iq message of " + message.length + " bytes exceeds the limit of "
          + config.maxMessageSize() + " (no segmentation)");
    }
  }

  /**
   * Counts an inbound datagram or connection and says whether it may go on: a sender off the
   * allow-list is dropped and counted, never answered.
   */
  boolean admit(InetSocketAddress sender) {
    counters.received.increment();
    if (allows(sender)) return true;
    counters.droppedNotAllowed.increment();
    return false;
  }

  void deliver(InetSocketAddress sender, byte[] message) {
    try {
      listener.onMessage(sender, message);
    } catch (RuntimeException e) {
      counters.listenerFailures.increment();
      log.warn("Iq inbound listener failed on a message from {}: {}", sender, e.getClass().getName());
    }
  }

  private void countWrite(Future<? super Void> write) {
    if (write.isSuccess()) {
      counters.sent.increment();
    } else {
      counters.sendFailures.increment();
    }
  }
}
