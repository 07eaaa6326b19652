package ims.iq.transport;

import io.netty.bootstrap.AbstractBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The single event loop thread a transport owns: its socket(s), timers and listener calls all run
 * on it (the contract of {@link IqTransport#executor()}).
 */
final class TransportLoop {
  private static final long QUIET_MILLIS = 200;
  private static final long SHUTDOWN_WAIT_SECONDS = 5;

  final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

  /**
   * Binds the bootstrap that {@code configure} sets up on this thread to {@code address} (blocking);
   * if that fails, the thread is stopped before the failure propagates.
   */
  Channel bind(Function<EventLoopGroup, AbstractBootstrap<?, ?>> configure, SocketAddress address) {
    try {
      return configure.apply(group).bind(address).syncUninterruptibly().channel();
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw e;
    }
  }

  /** Stops the thread; waits for it unless called from it (which would wait for itself). */
  void shutdown() {
    var shutdown = group.shutdownGracefully(0, QUIET_MILLIS, TimeUnit.MILLISECONDS);
    if (!group.next().inEventLoop()) shutdown.awaitUninterruptibly(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
  }
}
