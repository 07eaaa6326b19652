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
 * per-thread allocation counter. It counts Netty's share too (a {@code DatagramPacket} and sender address per
 * datagram read, and ours per datagram written), so the bound is loose: it catches a per-packet array or boxing
 * creeping into the path, not Netty's envelopes. Leak detection is switched off while measuring: at the test suites'
 * paranoid level it records a stack trace per buffer, about 15 KB per packet.
 */
@Timeout(60)
class AllocationPerPacketTest {
  private static final int WARM_UP = 1_500;
  private static final int MEASURED = 2_500;
  /**
   * Measured on JDK 25 with Netty 4.2.18 (2026-11-22): about 370 bytes per packet on epoll (read slice, envelope,
   * sender address, the pooled copy for the trailer toward the UE) and 180 on NIO; ours is the write envelope. A
   * per-packet byte[] or boxing in the path would push it over this bound.
   */
  private static final long BOUND_BYTES_PER_PACKET = 1_024;

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
      assertThat(perPacket).isLessThan(BOUND_BYTES_PER_PACKET);
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
