package ims.iq.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Iq over UDP (H.248.1 Annex D.1): one message per datagram, no segmentation. The link guard runs
 * before anything else looks at a datagram: a sender that is not on the allow-list is dropped and
 * counted, never answered. Owns its socket and a one-thread event loop.
 */
public final class UdpTransport implements IqTransport {
  private static final Logger log = LoggerFactory.getLogger(UdpTransport.class);
  private static final int SOCKET_RECEIVE_BUFFER = 1 << 20;

  private final UdpTransportConfig config;
  private final EventLoopGroup group;
  private final Channel channel;
  private final TransportCounters counters = new TransportCounters();
  private volatile boolean closed;

  private UdpTransport(UdpTransportConfig config, InboundListener listener) {
    this.config = config;
    this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      this.channel = new Bootstrap()
          .group(group)
          .channel(NioDatagramChannel.class)
          // One byte more than we accept, so an oversize datagram shows up as such instead of truncated.
          .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(config.maxMessageSize() + 1))
          // Room for a burst (the kernel caps it at net.core.rmem_max); a flood still only costs drops.
          .option(ChannelOption.SO_RCVBUF, SOCKET_RECEIVE_BUFFER)
          .handler(new InboundHandler(listener))
          .bind(config.bind())
          .syncUninterruptibly()
          .channel();
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw e;
    }
  }

  /** Binds the socket (blocking) and starts delivering allowed messages to {@code listener}. */
  public static UdpTransport bind(UdpTransportConfig config, InboundListener listener) {
    return new UdpTransport(Objects.requireNonNull(config, "config"), Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) channel.localAddress();
  }

  @Override
  public ScheduledExecutorService executor() {
    return channel.eventLoop();
  }

  @Override
  public boolean allows(InetSocketAddress peer) {
    return config.security().allows(peer);
  }

  @Override
  public void send(InetSocketAddress peer, byte[] message) {
    if (!allows(peer)) throw new IllegalArgumentException("peer is not on the Iq allow-list: " + peer);
    if (message.length > config.maxMessageSize()) {
      throw new IllegalArgumentException("Iq message of " + message.length + " bytes exceeds the UDP limit "
          + config.maxMessageSize() + " (no segmentation on UDP)");
    }
    if (closed) {
      counters.sendFailures.increment();
      return;
    }
    // A copy: the caller may wipe its array (it can hold SRTP keys) as soon as this returns.
    channel.writeAndFlush(new DatagramPacket(Unpooled.copiedBuffer(message), peer)).addListener(f -> {
      if (f.isSuccess()) {
        counters.sent.increment();
      } else {
        counters.sendFailures.increment();
      }
    });
  }

  @Override
  public TransportStats stats() {
    return counters.snapshot();
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    var closing = channel.close();
    var shutdown = group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS);
    if (!channel.eventLoop().inEventLoop()) {
      closing.awaitUninterruptibly(2, TimeUnit.SECONDS);
      shutdown.awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }

  /** Guard, size cap, copy out, deliver. Nothing thrown from here reaches Netty's pipeline. */
  private final class InboundHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private final InboundListener listener;

    InboundHandler(InboundListener listener) {
      this.listener = listener;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
      counters.received.increment();
      InetSocketAddress sender = packet.sender();
      if (!config.security().allows(sender)) {
        counters.droppedNotAllowed.increment();
        return;
      }
      ByteBuf content = packet.content();
      if (content.readableBytes() > config.maxMessageSize()) {
        counters.droppedOversize.increment();
        return;
      }
      byte[] bytes = ByteBufUtil.getBytes(content);
      try {
        listener.onMessage(sender, bytes);
      } catch (RuntimeException e) {
        counters.listenerFailures.increment();
        log.warn("Iq inbound listener failed on a message from {}: {}", sender, e.getClass().getName());
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // A datagram socket survives ICMP port-unreachable and the like; count and carry on.
      counters.listenerFailures.increment();
      log.debug("Iq UDP channel exception: {}", cause.getClass().getName());
    }
  }
}
