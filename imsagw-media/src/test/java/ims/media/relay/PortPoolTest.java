package ims.media.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PortPoolTest {

  private static PortPair allocated(PortPool pool) {
    PortAllocation a = pool.allocate();
    assertThat(a).isInstanceOf(PortAllocation.Allocated.class);
    return ((PortAllocation.Allocated) a).pair();
  }

  @Test
  void givenRange_whenAllocated_thenRtpIsEvenAndRtcpIsRtpPlusOne() {
    var pool = new PortPool("access", new PortRange(30_000, 30_009));
    for (int i = 0; i < 5; i++) {
      PortPair p = allocated(pool);
      assertThat(p.rtp() % 2).isZero();
      assertThat(p.rtcp()).isEqualTo(p.rtp() + 1);
      assertThat(p.rtp()).isBetween(30_000, 30_008);
    }
  }

  @Test
  void givenRangeOfFivePairs_whenSixAllocated_thenSixthIsExhaustedWithRealmAndSize() {
    var pool = new PortPool("core", new PortRange(40_000, 40_009));
    Set<Integer> ports = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      ports.add(allocated(pool).rtp());
    }
    assertThat(ports).containsExactlyInAnyOrder(40_000, 40_002, 40_004, 40_006, 40_008);
    assertThat(pool.allocate()).isEqualTo(new PortAllocation.Exhausted("core", 5));
    assertThat(pool.inUse()).isEqualTo(5);
  }

  @Test
  void givenExhaustedPool_whenOnePairReleased_thenExactlyThatPairIsHandedOutAgain() {
    var pool = new PortPool("access", new PortRange(30_000, 30_005));
    PortPair a = allocated(pool);
    allocated(pool);
    allocated(pool);
    pool.release(a);
    assertThat(allocated(pool)).isEqualTo(a);
    assertThat(pool.allocate()).isInstanceOf(PortAllocation.Exhausted.class);
  }

  @Test
  void givenReleasedPair_whenOthersAreFree_thenItIsReusedLast() {
    var pool = new PortPool("access", new PortRange(30_000, 30_007));
    PortPair first = allocated(pool);
    pool.release(first);
    assertThat(allocated(pool)).isEqualTo(new PortPair(30_002));
    assertThat(allocated(pool)).isEqualTo(new PortPair(30_004));
    assertThat(allocated(pool)).isEqualTo(new PortPair(30_006));
    assertThat(allocated(pool)).isEqualTo(first);
  }

  @Test
  void givenPairReleasedOnce_whenReleasedAgain_thenIllegalState() {
    var pool = new PortPool("access", new PortRange(30_000, 30_003));
    PortPair p = allocated(pool);
    pool.release(p);
    assertThatThrownBy(() -> pool.release(p)).isInstanceOf(IllegalStateException.class);
    assertThat(pool.inUse()).isZero();
  }

  @Test
  void givenPairOutsideRange_whenReleased_thenIllegalState() {
    var pool = new PortPool("access", new PortRange(30_000, 30_003));
    assertThatThrownBy(() -> pool.release(new PortPair(30_004))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> pool.release(new PortPair(29_998))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void givenOddLastPortMissing_whenRangeEndsOnEvenPort_thenTheLonelyPortIsNotUsed() {
    var pool = new PortPool("access", new PortRange(30_000, 30_004));
    assertThat(pool.range().pairs()).isEqualTo(2);
    allocated(pool);
    allocated(pool);
    assertThat(pool.allocate()).isInstanceOf(PortAllocation.Exhausted.class);
  }

  @Test
  void rejectsOddFirstPortAndRangesWithoutAPair() {
    assertThatThrownBy(() -> new PortRange(30_001, 30_009)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PortRange(30_000, 30_000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PortRange(80, 100)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PortPair(30_001)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @Timeout(20)
  void givenManyThreads_whenAllocatingAndReleasing_thenNoPairIsEverOutTwice() throws Exception {
    var pool = new PortPool("access", new PortRange(20_000, 20_199));
    Set<Integer> out = ConcurrentHashMap.newKeySet();
    List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService threads = Executors.newFixedThreadPool(4);
    var done = new CountDownLatch(4);
    for (int t = 0; t < 4; t++) {
      threads.execute(() -> {
        try {
          for (int i = 0; i < 5_000; i++) {
            if (pool.allocate() instanceof PortAllocation.Allocated a) {
              if (!out.add(a.pair().rtp())) {
                violations.add("handed out twice: " + a.pair());
              }
              out.remove(a.pair().rtp());
              pool.release(a.pair());
            }
          }
        } finally {
          done.countDown();
        }
      });
    }
    assertThat(done.await(15, TimeUnit.SECONDS)).isTrue();
    threads.shutdown();
    assertThat(violations).isEmpty();
    assertThat(pool.inUse()).isZero();
  }
}
