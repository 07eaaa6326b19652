package ims.media.relay;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One local port of a termination (its RTP or its RTCP port) and the sockets bound to it.
 *
 * <p>The <em>open</em> socket is always there and takes datagrams from anyone, so the source check, latching and the
 * unknown-source counters see every stranger. With {@link RelayConfig#connectedSockets()} (on epoll) a second socket,
 * the <em>twin</em>, is bound to the same port ({@code SO_REUSEPORT}) and connected to the remote once the remote is
 * known: Linux hands a datagram whose source is the remote to the connected socket (it matches more of the
 * datagram's addresses) and any other to the open one. The twin exists for the packet path's cost: Netty reads a
 * connected socket without building the sender's address per datagram, and writes to it without copying the
 * recipient's address per datagram ({@code recvmmsg} on the open socket builds an {@code InetAddress}, an
 * {@code InetSocketAddress}, their holders and a slice per datagram: 160-300 bytes, collected on the loop's CPU).
 * Both sockets feed the same termination; which one a datagram came through changes nothing but its cost.
 *
 * <p>Confined to the termination's event loop. A new remote (a Modify, a latch) replaces the twin; until the new one
 * is connected, the remote's datagrams arrive on, and replies leave from, the open socket (same port: the remote sees
 * no difference).
 */
final class MediaPort {
  private static final Logger log = LoggerFactory.getLogger(MediaPort.class);
  private static final long WARN_INTERVAL_NANOS = 10_000_000_000L;
  private static final AtomicLong lastWarnNanos = new AtomicLong();
  private static final AtomicLong unloggedFailures = new AtomicLong();

  /** Binds a socket to this port (next to the open one) and connects it to {@code remote}. */
  @FunctionalInterface
  interface TwinFactory {
    ChannelFuture connect(ChannelHandler handler, InetSocketAddress local, InetSocketAddress remote);
  }

  private final Channel open;
  private final InetSocketAddress local;
  /** Null when this port has no twins (NIO, or switched off). */
  private final TwinFactory twins;
  private final Supplier<ChannelHandler> handlers;
  /** The connected socket in use, or null. */
  private Channel twin;
  /** A twin being bound and connected (replaced or dropped if the remote changes meanwhile), or null. */
  private Channel pendingTwin;
  /** The remote of {@link #twin} or {@link #pendingTwin}. */
  private InetSocketAddress twinRemote;
  private boolean openWritten;
  private boolean twinWritten;
  private boolean closed;

  MediaPort(Channel open, InetSocketAddress local, TwinFactory twins, Supplier<ChannelHandler> handlers) {
    this.open = open;
    this.local = local;
    this.twins = twins;
    this.handlers = handlers;
  }

  /** The open socket (options, tests). */
  Channel open() {
    return open;
  }

  ByteBufAllocator alloc() {
    return open.alloc();
  }

  /** True when a connected twin carries {@code remote}'s traffic now. */
  boolean connectedTo(InetSocketAddress remote) {
    return twin != null && remote != null && remote.equals(twinRemote);
  }

  /** True when a twin is connected or being connected. */
  boolean hasTwin() {
    return twin != null || pendingTwin != null;
  }

  /**
   * Makes the twin follow {@code remote}: kept when it already points there, else dropped and, for a non-null remote,
   * a new one connected. No-op without twins.
   */
  void follow(InetSocketAddress remote) {
    if (twins == null || closed || (remote != null && remote.equals(twinRemote))) {
      return;
    }
    dropTwins();
    if (remote == null || remote.isUnresolved() || remote.getAddress().isAnyLocalAddress() || remote.getPort() == 0) {
      return;
    }
    twinRemote = remote;
    ChannelFuture connecting = twins.connect(handlers.get(), local, remote);
    Channel candidate = connecting.channel();
    pendingTwin = candidate;
    connecting.addListener(done -> {
      if (pendingTwin != candidate) {
        candidate.close();               // superseded or closed while it was being connected
        return;
      }
      pendingTwin = null;
      if (done.isSuccess()) {
        twin = candidate;
      } else {
        twinRemote = null;
        candidate.close();
        warnFailed(remote, done.cause());
      }
    });
  }

  /**
   * One warning per {@value #WARN_INTERVAL_NANOS} ns over the whole relay (a shortage of file descriptors would fail
   * every twin at once), with the count of those not logged.
   */
  private void warnFailed(InetSocketAddress remote, Throwable cause) {
    long now = System.nanoTime();
    long last = lastWarnNanos.get();
    if (last != 0 && now - last < WARN_INTERVAL_NANOS || !lastWarnNanos.compareAndSet(last, now)) {
      unloggedFailures.incrementAndGet();
      return;
    }
    log.warn("port {}: no connected socket toward {} ({}); its media stays on the open socket; {} such failures not"
        + " logged since the last warning", local.getPort(), remote, cause == null ? "cancelled" : cause.toString(),
        unloggedFailures.getAndSet(0));
  }

  /**
   * Queues {@code packet} (one reference, given to Netty) toward its recipient: through the twin when it is connected
   * there (as a bare buffer: a connected socket takes no address), else through the open socket. {@link #flush()}
   * sends what was queued.
   */
  void write(DatagramPacket packet) {
    InetSocketAddress to = packet.recipient();
    Channel t = twin;
    if (t != null && (to == twinRemote || to.equals(twinRemote))) {
      t.unsafe().write(packet.content(), t.voidPromise());
      twinWritten = true;
    } else {
      // Straight to the channel's outbound buffer: the pipeline has no outbound handler, and its traversal (context
      // lookup, leak-detector touch) cost as much as the write itself. Failures still reach exceptionCaught.
      open.unsafe().write(packet, open.voidPromise());
      openWritten = true;
    }
  }

  /** Sends what {@link #write} queued ({@code sendmmsg} of the batch), socket by socket. */
  void flush() {
    if (twinWritten) {
      twinWritten = false;
      Channel t = twin;
      if (t != null) {
        t.unsafe().flush();
      }
    }
    if (openWritten) {
      openWritten = false;
      open.unsafe().flush();
    }
  }

  /** Closes every socket of the port; the future completes once all are closed (the port is free). Idempotent. */
  ChannelFuture close() {
    closed = true;
    Channel t = twin;
    Channel pending = pendingTwin;
    dropTwins();
    ChannelPromise done = open.newPromise();
    closeAll(done, t, pending, open);
    return done;
  }

  private void dropTwins() {
    if (twin != null) {
      if (twinWritten) {
        twin.unsafe().flush();           // what this read batch queued there still goes out
      }
      twin.close();
      twin = null;
    }
    if (pendingTwin != null) {
      pendingTwin = null;                // its connect listener closes it
    }
    twinRemote = null;
    twinWritten = false;
  }

  /** Closes the channels one after the other (nulls skipped), then completes {@code done}. */
  private static void closeAll(ChannelPromise done, Channel... channels) {
    closeFrom(done, channels, 0);
  }

  private static void closeFrom(ChannelPromise done, Channel[] channels, int i) {
    if (i == channels.length) {
      done.setSuccess();
      return;
    }
    Channel c = channels[i];
    if (c == null) {
      closeFrom(done, channels, i + 1);
    } else {
      c.close().addListener(f -> closeFrom(done, channels, i + 1));
    }
  }
}
