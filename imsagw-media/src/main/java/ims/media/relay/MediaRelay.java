package ims.media.relay;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The media plane of the IMS-AGW: event loops (native epoll when available, NIO otherwise), one port pool per realm,
 * and the contexts that relay SRTP/SRTCP on the access side to RTP/RTCP on the core side.
 *
 * <p>Contexts are spread over the loops ({@link EventLoopGroup#next()}); all sockets of a context live on its loop.
 * Thread-safe: contexts may be created from any thread.
 */
public final class MediaRelay implements AutoCloseable {
  private final RelayConfig config;
  private final boolean epoll;
  private final EventLoopGroup group;
  private final Class<? extends DatagramChannel> channelClass;
  private final LoopReceiveBuffers receiveBuffers;
  /** One datagram per read: a connected twin is read with {@code recv}, which fills a whole buffer. */
  private final LoopReceiveBuffers twinReceiveBuffers;
  private final boolean twins;
  private final Map<String, PortPool> pools = new LinkedHashMap<>();
  private final AtomicLong liveTerminations = new AtomicLong();
  private final java.util.Set<RelayTermination> live = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final AtomicLong doubleReleases = new AtomicLong();
  private final AtomicLong liveContexts = new AtomicLong();
  /** What each event loop's terminations share (counters, event sweep, scratch, drop-log budget); fixed at start. */
  private final Map<EventExecutor, LoopState> loops = new IdentityHashMap<>();

  private MediaRelay(RelayConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.epoll = config.preferEpoll() && Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    this.group = new MultiThreadIoEventLoopGroup(config.eventLoops(), io);
    this.channelClass = epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    int batch = epoll ? config.receiveBatch() : 1;
    // One read per readiness event on an open socket (a recvmmsg batch on epoll, as Netty's fixed allocator did);
    // up to a batch of single-datagram reads on a twin (else one flush per datagram): the replies go out together.
    this.receiveBuffers = new LoopReceiveBuffers(config.receiveBufferSize() * batch, 1);
    this.twinReceiveBuffers = new LoopReceiveBuffers(config.receiveBufferSize(), config.receiveBatch());
    this.twins = epoll && config.connectedSockets();
    for (Realm r : config.realms()) {
      pools.put(r.name(), new PortPool(r.name(), r.ports()));
    }
    for (EventExecutor loop : group) {
      loops.put(loop, new LoopState((EventLoop) loop, config.realms().size(), config.receiveBufferSize()));
    }
  }

  public static MediaRelay start(RelayConfig config) {
    return new MediaRelay(config);
  }

  public RelayConfig config() {
    return config;
  }

  /** True when the native epoll transport carries the media. */
  public boolean usesEpoll() {
    return epoll;
  }

  /** True when each port with a known remote gets a connected twin socket (see {@code MediaPort}). */
  public boolean usesConnectedSockets() {
    return twins;
  }

  /** A new, empty context on the next event loop. */
  public RelayContext newContext() {
    return new RelayContext(this, group.next());
  }

  public PortPool pool(String realm) {
    PortPool pool = pools.get(realm);
    if (pool == null) {
      throw new IllegalArgumentException("no realm " + realm);
    }
    return pool;
  }

  /** Terminations added and not yet released. */
  public long liveTerminations() {
    return liveTerminations.get();
  }

  /** Release calls on a termination already released (each one is a controller-side bug). */
  public long doubleReleases() {
    return doubleReleases.get();
  }

  /** Contexts holding at least one termination. */
  public long liveContexts() {
    return liveContexts.get();
  }

  /**
   * The relay-wide counters now (see {@link RelayTotals}). Cheap and safe from any thread: sums the event loops'
   * single-writer counters with opaque reads, and asks each port pool for its count (a control-plane lock the packet
   * path never takes). Meant for metrics scrapes and status pages.
   */
  public RelayTotals totals() {
    List<Realm> realms = config.realms();
    var perRealm = new ArrayList<RealmTotals>(realms.size());
    for (int i = 0; i < realms.size(); i++) {
      long received = 0;
      long receivedOctets = 0;
      long rtp = 0;
      long rtpOctets = 0;
      long rtcp = 0;
      long rtcpOctets = 0;
      for (LoopState loop : loops.values()) {
        RelayCounters c = loop.counters;
        received += c.receivedPackets(i);
        receivedOctets += c.receivedOctets(i);
        rtp += c.sentPackets(i, false);
        rtpOctets += c.sentOctets(i, false);
        rtcp += c.sentPackets(i, true);
        rtcpOctets += c.sentOctets(i, true);
      }
      PortPool pool = pools.get(realms.get(i).name());
      perRealm.add(new RealmTotals(realms.get(i).name(), pool.range().pairs(), pool.inUse(), received, receivedOctets,
          new TrafficCounters(rtp, rtpOctets, rtcp, rtcpOctets)));
    }
    var discards = new EnumMap<DiscardReason, Long>(DiscardReason.class);
    long ssrcChanges = 0;
    for (DiscardReason r : DiscardReason.VALUES) {
      long n = 0;
      for (LoopState loop : loops.values()) {
        n += loop.counters.discards(r);
      }
      discards.put(r, n);
    }
    for (LoopState loop : loops.values()) {
      ssrcChanges += loop.counters.ssrcChanges();
    }
    return new RelayTotals(Instant.now(), epoll, perRealm, discards, ssrcChanges, liveContexts.get(),
        liveTerminations.get(), doubleReleases.get());
  }

  /**
   * Starts watching every termination, present and future, for {@link MediaEvent}s: each event loop sweeps its own
   * terminations every {@link MediaEventConfig#sweepInterval()} and calls {@code listener} on that loop with what it
   * found, so the listener must be quick and must not block (hand the event on, e.g. to an asynchronous Iq Notify).
   * A later call replaces the listener; closing the result stops the sweeps. Media inactivity is detected only on
   * terminations asked to ({@link RelayTermination#detectInactivity}); bursts and key lifetimes on all.
   */
  public AutoCloseable startEvents(MediaEventConfig eventConfig, Consumer<? super MediaEvent> listener) {
    for (LoopState loop : loops.values()) {
      loop.sweep.start(eventConfig, listener);
    }
    return () -> {
      for (LoopState loop : loops.values()) {
        loop.sweep.stop();
      }
    };
  }

  /** The shared state of {@code loop} (one of this relay's loops). */
  LoopState loop(EventLoop loop) {
    LoopState state = loops.get(loop);
    if (state == null) {
      throw new IllegalArgumentException("not a loop of this relay");
    }
    return state;
  }

  /** Position of {@code realm} in the configuration (index of its counters). */
  int realmIndex(String realm) {
    List<Realm> realms = config.realms();
    for (int i = 0; i < realms.size(); i++) {
      if (realms.get(i).name().equals(realm)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no realm " + realm);
  }

  /** The bootstrap of a port's open socket. */
  Bootstrap bootstrap(EventLoop loop, ChannelHandler handler) {
    Bootstrap b = commonBootstrap(loop, handler).option(ChannelOption.RCVBUF_ALLOCATOR, receiveBuffers);
    if (epoll && config.receiveBatch() > 1) {
      // recvmmsg: the allocator's buffer is sliced into datagrams of at most this size (protect then copies).
      b.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, config.receiveBufferSize());
    }
    return b;
  }

  /** What binds and connects the twins of {@code loop}'s ports, or null when ports have none. */
  MediaPort.TwinFactory twins(EventLoop loop) {
    if (!twins) {
      return null;
    }
    return (handler, local, remote) -> commonBootstrap(loop, handler)
        .option(ChannelOption.RCVBUF_ALLOCATOR, twinReceiveBuffers)
        .resolver(NoopAddressResolverGroup.INSTANCE)
        .connect(remote, local);
  }

  private Bootstrap commonBootstrap(EventLoop loop, ChannelHandler handler) {
    Bootstrap b = new Bootstrap()
        .group(loop)
        .channel(channelClass)
        // Pooled with per-thread caches: a recvmmsg batch buffer (receiveBatch * receiveBufferSize, 32 KiB by default)
        // is above what Netty 4.2's default adaptive allocator pools, so each read cost a malloc'd, Cleaner-tracked
        // direct buffer (JFR: allocateFallback + allocateDirect 2 % of the loop's Java samples, plus malloc/free).
        .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
        .handler(handler);
    if (config.socketReceiveBuffer() > 0) {
      // A bounded queue per socket: a relay that fell behind drops new arrivals instead of forwarding stale audio.
      b.option(ChannelOption.SO_RCVBUF, config.socketReceiveBuffer());
    }
    if (twins) {
      // Every socket of a port (the open one and its twin) joins the port's reuse group; only sockets of the same
      // user may join, and one bound without the option (another program) still makes the bind fail.
      b.option(EpollChannelOption.SO_REUSEPORT, true);
    }
    return b;
  }

  void returnPorts(String realm, PortPair pair) {
    pool(realm).release(pair);
  }

  void terminationAdded(RelayTermination t) {
    live.add(t);
    liveTerminations.incrementAndGet();
  }

  void terminationReleased(RelayTermination t) {
    live.remove(t);
    liveTerminations.decrementAndGet();
  }

  void contextOpened() {
    liveContexts.incrementAndGet();
  }

  void contextClosed() {
    liveContexts.decrementAndGet();
  }

  void countDoubleRelease() {
    doubleReleases.incrementAndGet();
  }

  /** Releases every termination still held (keys wiped, ports returned), then stops the event loops. */
  @Override
  public void close() {
    var releases = new java.util.ArrayList<java.util.concurrent.CompletableFuture<TerminationStatistics>>();
    for (RelayTermination t : List.copyOf(live)) {
      releases.add(t.release().exceptionally(e -> null));
    }
    try {
      java.util.concurrent.CompletableFuture.allOf(releases.toArray(java.util.concurrent.CompletableFuture[]::new))
          .get(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // Shut down regardless: the loops' end closes every socket.
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Override
  public String toString() {
    return "MediaRelay[" + (epoll ? "epoll" : "nio") + ", " + pools.values() + "]";
  }
}
