package ims.media.relay;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of the media relay.
 *
 * @param realms the realms, each with its own bind address and port range; names are unique
 * @param eventLoops event loop threads (one per core is the usual choice)
 * @param maxSsrcsPerTermination SSRCs (crypto contexts) one termination keeps per direction; further SSRCs are
 *     dropped and counted
 * @param receiveBufferSize bytes per receive buffer: above the MTU, so a packet received whole leaves room for the
 *     SRTP trailer where the transport hands over the whole buffer
 * @param preferEpoll use the native epoll transport when it is available (NIO otherwise)
 * @param receiveBatch datagrams read per system call on epoll ({@code recvmmsg}, each datagram a slice of one
 *     pooled buffer of {@code receiveBatch * receiveBufferSize} bytes); 1 reads one datagram per call into a whole
 *     buffer. Ignored on NIO
 * @param controllerGraceTime how long contexts survive their controller's silence before they are released
 * @param socketReceiveBuffer bytes asked for with {@code SO_RCVBUF} on every media socket, 0 for the kernel's
 *     default ({@code net.core.rmem_default}, 208 KiB on most Linux systems: about 250 voice datagrams, 5 s of one
 *     G.711 stream). It bounds how old a packet can be when a relay that fell behind reads it: once the queue is
 *     full the kernel drops new arrivals, so the relay catches up after at most one queue's worth of stale audio
 *     instead of forwarding seconds-old packets ahead of new ones. Linux doubles the value for its bookkeeping and
 *     charges each datagram its buffer's true size (about 830 bytes for a 182-byte SRTP voice packet on loopback),
 *     and caps it at {@code net.core.rmem_max}
 * @param connectedSockets on epoll, give each RTP port whose remote is known a second socket bound to the same port
 *     ({@code SO_REUSEPORT}) and connected to the remote, which then carries the remote's datagrams at a lower cost
 *     per packet (no address objects per datagram), while the first socket still takes, checks and counts those of
 *     anyone else. Three sockets per termination instead of two (file descriptors); any other process of the
 *     same user that binds a port of the range with {@code SO_REUSEPORT} would share it, so give such processes
 *     ranges of their own. Ignored on NIO
 */
public record RelayConfig(List<Realm> realms, int eventLoops, int maxSsrcsPerTermination, int receiveBufferSize,
    boolean preferEpoll, int receiveBatch, Duration controllerGraceTime, int socketReceiveBuffer,
    boolean connectedSockets) {
  public static final int MAX_SSRCS = 64;
  public static final int MIN_RECEIVE_BUFFER = 1600;
  public static final int MAX_RECEIVE_BUFFER = 65_536;
  public static final int MAX_RECEIVE_BATCH = 64;
  /**
   * Default {@link #socketReceiveBuffer()}: 16 KiB asked, 32 KiB granted on Linux, about 40 voice datagrams (0.8 s
   * of one G.711 stream at 50 packets/s; on loopback, measured 2026-11-23) or 14 video datagrams of 1,200 bytes.
   * Raise it for video bursts that must survive a stall of the event loop.
   */
  public static final int DEFAULT_SOCKET_RECEIVE_BUFFER = 16_384;
  /** Smallest explicit {@link #socketReceiveBuffer()}: below this Linux rounds up anyway (SOCK_MIN_RCVBUF). */
  public static final int MIN_SOCKET_RECEIVE_BUFFER = 2_048;
  public static final int MAX_SOCKET_RECEIVE_BUFFER = 64 << 20;

  public RelayConfig {
    realms = List.copyOf(realms);
    Objects.requireNonNull(controllerGraceTime, "controllerGraceTime");
    if (realms.isEmpty()) {
      throw new IllegalArgumentException("at least one realm");
    }
    if (realms.stream().map(Realm::name).distinct().count() != realms.size()) {
      throw new IllegalArgumentException("realm names must be unique");
    }
    if (eventLoops < 1) {
      throw new IllegalArgumentException("at least one event loop");
    }
    if (maxSsrcsPerTermination < 1 || maxSsrcsPerTermination > MAX_SSRCS) {
      throw new IllegalArgumentException("SSRCs per termination must be 1.." + MAX_SSRCS);
    }
    if (receiveBufferSize < MIN_RECEIVE_BUFFER || receiveBufferSize > MAX_RECEIVE_BUFFER) {
      throw new IllegalArgumentException("receive buffer must be " + MIN_RECEIVE_BUFFER + ".." + MAX_RECEIVE_BUFFER);
    }
    if (receiveBatch < 1 || receiveBatch > MAX_RECEIVE_BATCH) {
      throw new IllegalArgumentException("receive batch must be 1.." + MAX_RECEIVE_BATCH);
    }
    if (controllerGraceTime.isNegative() || controllerGraceTime.isZero()) {
      throw new IllegalArgumentException("controller grace time must be positive");
    }
    if (socketReceiveBuffer != 0 && (socketReceiveBuffer < MIN_SOCKET_RECEIVE_BUFFER
        || socketReceiveBuffer > MAX_SOCKET_RECEIVE_BUFFER)) {
      throw new IllegalArgumentException("socket receive buffer must be 0 (kernel default) or "
          + MIN_SOCKET_RECEIVE_BUFFER + ".." + MAX_SOCKET_RECEIVE_BUFFER);
    }
  }

  /** As the canonical constructor, with connected sockets. */
  public RelayConfig(List<Realm> realms, int eventLoops, int maxSsrcsPerTermination, int receiveBufferSize,
      boolean preferEpoll, int receiveBatch, Duration controllerGraceTime, int socketReceiveBuffer) {
    this(realms, eventLoops, maxSsrcsPerTermination, receiveBufferSize, preferEpoll, receiveBatch,
        controllerGraceTime, socketReceiveBuffer, true);
  }

  /** As the canonical constructor, with {@link #DEFAULT_SOCKET_RECEIVE_BUFFER} and connected sockets. */
  public RelayConfig(List<Realm> realms, int eventLoops, int maxSsrcsPerTermination, int receiveBufferSize,
      boolean preferEpoll, int receiveBatch, Duration controllerGraceTime) {
    this(realms, eventLoops, maxSsrcsPerTermination, receiveBufferSize, preferEpoll, receiveBatch,
        controllerGraceTime, DEFAULT_SOCKET_RECEIVE_BUFFER, true);
  }

  /** A copy asking for {@code bytes} of {@code SO_RCVBUF} per media socket (0: the kernel's default). */
  public RelayConfig withSocketReceiveBuffer(int bytes) {
    return new RelayConfig(realms, eventLoops, maxSsrcsPerTermination, receiveBufferSize, preferEpoll, receiveBatch,
        controllerGraceTime, bytes, connectedSockets);
  }

  /** A copy with connected twin sockets on ({@code true}) or off. */
  public RelayConfig withConnectedSockets(boolean on) {
    return new RelayConfig(realms, eventLoops, maxSsrcsPerTermination, receiveBufferSize, preferEpoll, receiveBatch,
        controllerGraceTime, socketReceiveBuffer, on);
  }

  /**
   * Defaults: one loop per core, 4 SSRCs per termination, 2048-byte receive buffers, epoll preferred with recvmmsg
   * batches of 16, 60 s grace, {@link #DEFAULT_SOCKET_RECEIVE_BUFFER} per media socket, connected sockets.
   */
  public static RelayConfig of(List<Realm> realms) {
    return new RelayConfig(realms, Runtime.getRuntime().availableProcessors(), 4, 2048, true, 16,
        Duration.ofSeconds(60));
  }

  public Realm realm(String name) {
    for (Realm r : realms) {
      if (r.name().equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("no realm " + name);
  }

  public boolean hasRealm(String name) {
    for (Realm r : realms) {
      if (r.name().equals(name)) {
        return true;
      }
    }
    return false;
  }
}
