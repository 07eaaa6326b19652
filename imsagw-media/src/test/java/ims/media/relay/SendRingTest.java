package ims.media.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * The reusable outgoing datagrams: a slot is free again once the write's reference is released (as Netty does after
 * sending), the ring grows only while every slot is in flight, is bounded, and follows a new recipient or a larger
 * packet by replacing a free slot.
 */
class SendRingTest {
  private static final PooledByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;
  private static final InetSocketAddress UE = new InetSocketAddress("127.0.0.1", 40_000);
  private static final InetSocketAddress MOVED = new InetSocketAddress("127.0.0.1", 40_002);

  @Test
  void givenSlotSentAndReleasedByTheTransport_whenAcquiredAgain_thenTheSameDatagramAndBufferComeBackEmpty() {
    var ring = new SendRing();
    DatagramPacket first = ring.acquire(ALLOC, UE, 182);
    first.content().writeBytes(new byte[182]);
    first.retain();                       // the write's reference
    first.release();                      // Netty, once sent
    DatagramPacket again = ring.acquire(ALLOC, UE, 182);
    assertThat(again).isSameAs(first);
    assertThat(again.content().readableBytes()).isZero();
    assertThat(again.content().refCnt()).isEqualTo(1);
    assertThat(ring.size()).isEqualTo(1);
    ring.close();
    assertThat(first.content().refCnt()).isZero();
  }

  @Test
  void givenEverySlotInFlight_whenMoreAreAsked_thenTheRingGrowsToItsBoundAndThenAnswersNull() {
    var ring = new SendRing();
    var inFlight = new ArrayList<DatagramPacket>();
    for (int i = 0; i < SendRing.MAX_SLOTS; i++) {
      DatagramPacket slot = ring.acquire(ALLOC, UE, 100);
      assertThat(slot).isNotNull().isNotIn(inFlight);
      inFlight.add(slot.retain());
    }
    assertThat(ring.acquire(ALLOC, UE, 100)).isNull();
    inFlight.get(7).release();           // one datagram sent
    assertThat(ring.acquire(ALLOC, UE, 100)).isSameAs(inFlight.get(7));
    ring.close();                         // the ring's references go; those in flight stay until sent
    assertThat(inFlight.get(0).content().refCnt()).isEqualTo(1);
    for (int i = 0; i < inFlight.size(); i++) {
      if (i != 7) {
        inFlight.get(i).release();
      }
    }
    assertThat(inFlight).allSatisfy(slot -> assertThat(slot.content().refCnt()).isZero());
  }

  @Test
  void givenFreeSlotForAnotherRecipientOrTooSmall_whenAcquired_thenItIsReplacedAndTheOldBufferFreed() {
    var ring = new SendRing();
    DatagramPacket toUe = ring.acquire(ALLOC, UE, 100);
    DatagramPacket moved = ring.acquire(ALLOC, MOVED, 100);
    assertThat(moved).isNotSameAs(toUe);
    assertThat(moved.recipient()).isEqualTo(MOVED);
    assertThat(toUe.content().refCnt()).isZero();
    DatagramPacket large = ring.acquire(ALLOC, MOVED, 1_400);
    assertThat(large.content().capacity()).isGreaterThanOrEqualTo(1_400);
    assertThat(moved.content().refCnt()).isZero();
    assertThat(ring.size()).isEqualTo(1);
    ring.close();
    assertThat(ring.acquire(ALLOC, UE, 100)).isNull();
  }
}
