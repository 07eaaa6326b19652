package ims.iq.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SerialExecutorTest {
  @Test
  void givenAThreadPool_whenManyTasksAreSubmitted_thenTheyRunOneAtATimeInSubmissionOrder() throws Exception {
    var pool = Executors.newFixedThreadPool(4);
    try {
      var serial = new SerialExecutor(pool);
      List<Integer> seen = new CopyOnWriteArrayList<>();
      var done = new CountDownLatch(1_000);
      var concurrent = new java.util.concurrent.atomic.AtomicInteger();
      var overlaps = new java.util.concurrent.atomic.AtomicInteger();
      for (int i = 0; i < 1_000; i++) {
        int n = i;
        serial.execute(() -> {
          if (concurrent.incrementAndGet() > 1) overlaps.incrementAndGet();
          seen.add(n);
          concurrent.decrementAndGet();
          done.countDown();
        });
      }
      assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(overlaps).hasValue(0);
      assertThat(seen).isSorted().hasSize(1_000);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void givenATaskThatThrows_whenRun_thenLaterTasksStillRun() throws Exception {
    var serial = new SerialExecutor(Runnable::run);
    var ran = new CountDownLatch(1);
    serial.execute(() -> {
      throw new IllegalStateException("listener bug");
    });
    serial.execute(ran::countDown);
    assertThat(ran.await(1, TimeUnit.SECONDS)).isTrue();
  }
}
