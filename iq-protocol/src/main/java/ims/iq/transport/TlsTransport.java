package ims.iq.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Iq over mutually authenticated TLS 1.3 on TCP with TPKT framing (H.248.1 Annex D.2), for links
 * between our own controller and gateway. It listens and also connects on demand: a message to a
 * peer goes over the connection that peer opened to us, or over one we open to it.
 *
 * <p>The guard runs at accept time (a connection from an address not on the allow-list is closed
 * before the handshake and counted) and TLS then requires a certificate from the internal CA.
 * Messages are delivered only after the handshake. All channels share one event loop thread, which is
 * {@link #executor()}; the connection map is confined to it.
 */
public final class TlsTransport extends GuardedTransport {
  private static final Logger log = LoggerFactory.getLogger(TlsTransport.class);
  /** Messages waiting for a connection to complete its handshake, per peer. */
  private static final int MAX_QUEUED_PER_PEER = 64;
  /** Accepted connections at once; even an allowed peer cannot open more. */
  static final int MAX_ACCEPTED_CONNECTIONS = 256;

  private final TlsTransportConfig config;
  private final TransportLoop thread = new TransportLoop();
  private final EventLoop loop = thread.group.next();
  private final Channel server;
  // Confined to loop.
  private final Map<InetSocketAddress, Channel> ready = new HashMap<>();
  private final Map<InetSocketAddress, ArrayDeque<byte[]>> connecting = new HashMap<>();
  private int accepted;

  private TlsTransport(TlsTransportConfig config, InboundListener listener) {
    super(config, listener, log);
    this.config = config;
    this.server = thread.bind(group -> new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            accept(ch);
          }
        }), config.bind());
  }

  public static TlsTransport bind(TlsTransportConfig config, InboundListener listener) {
    return new TlsTransport(Objects.requireNonNull(config, "config"), Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) server.localAddress();
  }

  @Override
  public ScheduledExecutorService executor() {
    return loop;
  }

  @Override
  void sendAllowed(InetSocketAddress peer, byte[] message) {
    byte[] copy = message.clone(); // the caller may wipe its array on return
    loop.execute(() -> sendOnLoop(peer, copy));
  }

  @Override
  void release() {
    thread.shutdown();
  }

  /** The guard at accept time: a stranger or a connection over the cap is closed before the handshake. */
  private void accept(SocketChannel ch) {
    InetSocketAddress remote = ch.remoteAddress();
    if (!guard.admit(remote)) {
      ch.close();
      return;
    }
    if (accepted >= MAX_ACCEPTED_CONNECTIONS) {
      guard.counters.droppedOversize.increment();
      ch.close();
      return;
    }
    accepted++;
    ch.closeFuture().addListener(f -> accepted--);
    pipeline(ch, config.serverContext().newHandler(ch.alloc()), remote);
  }

  private void sendOnLoop(InetSocketAddress peer, byte[] message) {
    Channel channel = ready.get(peer);
    if (channel != null && channel.isActive()) {
      write(channel, message);
      return;
    }
    ArrayDeque<byte[]> queue = connecting.get(peer);
    if (queue != null) {
      if (queue.size() >= MAX_QUEUED_PER_PEER) {
        guard.counters.sendFailures.increment();
        Arrays.fill(message, (byte) 0);
      } else {
        queue.add(message);
      }
      return;
    }
    queue = new ArrayDeque<>();
    queue.add(message);
    connecting.put(peer, queue);
    new Bootstrap()
        .group(loop)
        .channel(NioSocketChannel.class)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            pipeline(ch, config.clientContext().newHandler(ch.alloc(), peer.getHostString(), peer.getPort()), peer);
          }
        })
        .connect(peer)
        .addListener(f -> {
          if (!f.isSuccess()) failQueue(peer);
        });
  }

  private void write(Channel channel, byte[] message) {
    ByteBuf frame = channel.alloc().buffer(message.length + TpktFrameDecoder.HEADER);
    TpktFrameDecoder.frame(frame, message);
    Arrays.fill(message, (byte) 0);
    channel.writeAndFlush(frame).addListener(guard.writeOutcome);
  }

  private void failQueue(InetSocketAddress peer) {
    ArrayDeque<byte[]> queue = connecting.remove(peer);
    if (queue == null) return;
    for (byte[] m : queue) {
      guard.counters.sendFailures.increment();
      Arrays.fill(m, (byte) 0);
    }
  }

  private void pipeline(SocketChannel ch, io.netty.handler.ssl.SslHandler ssl, InetSocketAddress peer) {
    ch.pipeline().addLast(ssl, new TpktFrameDecoder(config.maxMessageSize(), guard.counters), new Delivery(peer));
  }

  /** After the handshake: registers the connection for its peer, flushes what waited, delivers frames. */
  private final class Delivery extends SimpleChannelInboundHandler<ByteBuf> {
    private final InetSocketAddress peer;

    Delivery(InetSocketAddress peer) {
      this.peer = peer;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event instanceof SslHandshakeCompletionEvent done) {
        if (done.isSuccess()) {
          ready.put(peer, ctx.channel());
          ArrayDeque<byte[]> queue = connecting.remove(peer);
          if (queue != null) queue.forEach(m -> write(ctx.channel(), m));
        } else {
          guard.counters.listenerFailures.increment();
          log.info("Iq TLS handshake with {} failed: {}", peer, done.cause().getClass().getName());
          failQueue(peer);
          ctx.close();
        }
      }
      ctx.fireUserEventTriggered(event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
      guard.deliver(peer, ByteBufUtil.getBytes(frame));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      ready.remove(peer, ctx.channel());
      failQueue(peer);
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      guard.counters.listenerFailures.increment();
      log.debug("Iq TLS connection with {} failed: {}", peer, cause.getClass().getName());
      ctx.close();
    }
  }
}
