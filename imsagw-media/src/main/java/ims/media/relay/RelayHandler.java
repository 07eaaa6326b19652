package ims.media.relay;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;

/** One per socket of a termination (not {@code @Sharable}): hands each datagram to its termination. */
final class RelayHandler extends ChannelInboundHandlerAdapter {
  private final Termination termination;
  private final boolean rtcpSocket;

  RelayHandler(Termination termination, boolean rtcpSocket) {
    this.termination = termination;
    this.rtcpSocket = rtcpSocket;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof DatagramPacket packet) {
      termination.receive(packet, rtcpSocket);
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    Termination to = termination.peer;
    if (to != null) {
      to.flushPending();
    }
  }

  /** ICMP port unreachable and the like surface here on some transports: a datagram socket stays open. */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Nothing to do per error; the packet counters tell what reached us.
  }
}
