package ims.iq.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Iq over UDP (H.248.1 Annex D.1): one message per datagram, no segmentation. The link guard runs
 * before anything else looks at a datagram: a sender that is not on the allow-list is dropped and
 * counted, never answered. Owns its socket and a one-thread event loop.
 */
public final class UdpTransport extends GuardedTransport {
  private static final Logger log = LoggerFactory.getLogger(UdpTransport.class);
  private static final int SOCKET_RECEIVE_BUFFER = 1 << 20;

  private final TransportLoop loop = new TransportLoop();
  private final Channel channel;

  private UdpTransport(UdpTransportConfig config, InboundListener listener) {
    super(config, listener, log);
    this.channel = loop.bind(group -> new Bootstrap()
        .group(group)
        .channel(NioDatagramChannel.class)
        // One byte more than we accept, so an oversize datagram shows up as such instead of truncated.
        .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(config.maxMessageSize() + 1))
        // Room for a burst (the kernel caps it at net.core.rmem_max); a flood still only costs drops.
        .option(ChannelOption.SO_RCVBUF, SOCKET_RECEIVE_BUFFER)
        .handler(new InboundHandler()), config.bind());
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
  void sendAllowed(InetSocketAddress peer, byte[] message) {
    // A copy: the caller may wipe its array (it can hold SRTP keys) as soon as this returns.
    channel.writeAndFlush(new DatagramPacket(Unpooled.copiedBuffer(message), peer)).addListener(guard.writeOutcome);
  }

  @Override
  void release() {
    channel.close();
    loop.shutdown();
  }

  /** Guard, size cap, copy out, deliver. Nothing thrown from here reaches Netty's pipeline. */
  private final class InboundHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
      InetSocketAddress sender = packet.sender();
      if (!guard.admit(sender)) return;
      ByteBuf content = packet.content();
      if (content.readableBytes() > guard.maxMessageSize()) {
        guard.counters.droppedOversize.increment();
        return;
      }
      guard.deliver(sender, ByteBufUtil.getBytes(content));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // A datagram socket survives ICMP port-unreachable and the like; count and carry on.
      guard.counters.listenerFailures.increment();
      log.debug("Iq UDP channel exception: {}", cause.getClass().getName());
    }
  }
}
