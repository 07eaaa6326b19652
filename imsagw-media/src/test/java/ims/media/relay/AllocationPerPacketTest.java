package ims.media.relay;

import static ims.media.relay.RelayFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

/**
 * Heap bytes allocated on the context's event loop per forwarded packet, both directions, measured with the JVM's
 * per-thread allocation counter. The relay's own code allocates nothing per packet: the packet is copied once into
 * the loop's scratch array, unprotected/protected there with the SRTP engine's array API, and sent from a reusable
 * datagram of the egress termination ({@link SendRing}). What is left is Netty's, per datagram, and cannot be
 * avoided from outside Netty while the sockets stay unconnected (a connected socket would let the kernel drop
 * strangers before we count them, and would end latching):
 * <ul>
 *   <li>receive: the {@code DatagramPacket} and the sender's {@code InetSocketAddress} (with its {@code InetAddress}
 *       and their holders; on NIO the JDK's {@code DatagramChannel.receive} makes the address); on epoll also the
 *       retained slice of the {@code recvmmsg} buffer;</li>
 *   <li>send (epoll): the recipient's address bytes, copied per datagram for {@code sendto}/{@code sendmmsg}
 *       ({@code Inet4Address.getAddress()} clones its array; 56 bytes for a single {@code sendto});</li>
 *   <li>without {@code sun.misc.Unsafe} (JDK 24+ unless {@code --sun-misc-unsafe-memory-access=allow}): one NIO
 *       {@code ByteBuffer} duplicate when our copy reads a receive slice (epoll only; whole buffers cache their
 *       view), and Netty's own buffer handling is heavier.</li>
 * </ul>
 * Measured on JDK 25 with Netty 4.2.18 (2026-11-22), surefire's flags (no Unsafe): NIO 152 bytes per packet, all of
 * it Netty's receive path (was 176 with an envelope of ours per packet); epoll 190 to 280 (the batching varies from
 * run to run; was 270 to 370 with our envelope, the pooled copy for the SRTP trailer toward the UE and the engine's
 * two NIO views per unprotect of a receive slice). With Unsafe allowed: NIO 88, epoll 216. Re-measured 2026-11-23
 * (after the direct AES-CM engine, which allocates nothing either): surefire's flags NIO 88, epoll 305; with
 * {@code --sun-misc-unsafe-memory-access=allow} (as {@code bin/ims-e2ae} runs the product on JDK 24+) NIO 24 (the
 * JDK's NIO datagram channel reuses the sender address of the previous datagram when it is the same: only Netty's
 * {@code DatagramPacket} is left) and epoll 160. The NIO bound sits 16 bytes above the measured figure, so any
 * object of ours per packet (an envelope, a boxed value, an iterator) fails the test; the epoll bound is looser
 * because its batching varies from run to run, but a copy or an array per packet still fails it. Leak detection is
 * switched off while measuring: at the test suites' paranoid level it records a stack trace per buffer access.
 */
@Timeout(60)
class AllocationPerPacketTest {
  private static final int WARM_UP = 1_500;
  private static final int MEASURED = 2_500;
  private static final long NIO_BOUND_BYTES_PER_PACKET = 104;
  private static final long EPOLL_BOUND_BYTES_PER_PACKET = 330;

  private static long allocatedOnLoop(RelayContext context) throws Exception {
    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    CompletableFuture<Long> f = new CompletableFuture<>();
    context.eventLoop().execute(() -> f.complete(bean.getCurrentThreadAllocatedBytes()));
    return await(f);
  }

  @ParameterizedTest(name = "epoll preferred: {0}")
  @ValueSource(booleans = {true, false})
  void givenSteadyTwoWayCall_whenPacketsAreRelayed_thenAllocationPerPacketStaysSmall(boolean epoll) throws Exception {
    ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    try {
      measure(epoll);
    } finally {
      ResourceLeakDetector.setLevel(level);
    }
  }

  private static void measure(boolean epoll) throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(2, epoll));
         var call = E2aeCall.open(relay, E2aeCall.srtpAccess());
         var ueTx = RelayFixture.ueSender(1)) {
      byte[][] srtp = new byte[WARM_UP + MEASURED][];
      for (int i = 0; i < srtp.length; i++) {
        byte[] rtp = Packets.rtp(i & 0xFFFF, 160 * i, 1, 160);
        byte[] buf = Packets.withRoom(rtp, 16);
        srtp[i] = Arrays.copyOf(buf, ueTx.protectRtp(buf, 0, rtp.length));
      }
      byte[] down = Packets.rtp(0, 0, 2, 160);
      relayBothWays(call, srtp, down, 0, WARM_UP);
      long before = allocatedOnLoop(call.context);
      relayBothWays(call, srtp, down, WARM_UP, WARM_UP + MEASURED);
      long after = allocatedOnLoop(call.context);
      double perPacket = (after - before) / (2.0 * MEASURED);
      System.out.printf("relay allocation (%s): %.1f bytes per forwarded packet%n",
          relay.usesEpoll() ? "epoll" : "nio", perPacket);
      assertThat(perPacket).isLessThan(relay.usesEpoll() ? EPOLL_BOUND_BYTES_PER_PACKET : NIO_BOUND_BYTES_PER_PACKET);
    }
  }

  /** One SRTP packet up and one RTP packet down per step, each awaited at the far end. */
  private static void relayBothWays(E2aeCall call, byte[][] srtp, byte[] down, int from, int to) throws Exception {
    for (int i = from; i < to; i++) {
      call.ue.send(srtp[i], call.access.localRtp());
      call.core.receive();
      down[2] = (byte) (i >> 8);
      down[3] = (byte) i;
      call.core.send(down, call.coreSide.localRtp());
      call.ue.receive();
    }
  }
}
