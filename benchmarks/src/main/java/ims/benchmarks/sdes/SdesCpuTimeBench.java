package ims.benchmarks.sdes;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The {@link SdesTransformBenchmark} work measured in thread CPU time rather than wall time: the figure
 * "operations per second on one core" stays meaningful when other processes share the machine (JMH's
 * throughput then drops with the share of the core this thread gets). Warm-up, then {@code rounds} rounds
 * of {@code ops} operations; prints each round, the median, and the bytes allocated per operation (this
 * thread's allocation counter over one more round, so the figure is exact whatever the load).
 *
 * <p>Run: {@code java -cp benchmarks/target-<dir>/benchmarks.jar ims.benchmarks.sdes.SdesCpuTimeBench [rounds] [ops]},
 * or {@code benchmarks/run-sdes.sh} to compare with an earlier commit, runs alternated.
 */
public final class SdesCpuTimeBench {
  private SdesCpuTimeBench() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int ops = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    SdesTransformBenchmark bench = new SdesTransformBenchmark();
    bench.check();
    long sink = 0;
    for (int i = 0; i < 3 * ops; i++) { // warm-up: C2 compiles the whole path
      sink += bench.parseAndOriginatingOffer().length();
    }
    double[] perSecond = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long cpu0 = mx.getCurrentThreadCpuTime();
      long wall0 = System.nanoTime();
      for (int i = 0; i < ops; i++) {
        sink += bench.parseAndOriginatingOffer().length();
      }
      long cpu = mx.getCurrentThreadCpuTime() - cpu0;
      long wall = System.nanoTime() - wall0;
      perSecond[r] = ops * 1e9 / cpu;
      System.out.printf("round %d: %,.0f ops per CPU-second (%.2f us CPU/op; wall %.2f us/op)%n",
          r + 1, perSecond[r], cpu / 1e3 / ops, wall / 1e3 / ops);
    }
    String allocation = "n/a (this JVM has no per-thread allocation counter)";
    if (mx instanceof com.sun.management.ThreadMXBean counting && counting.isThreadAllocatedMemorySupported()) {
      long before = counting.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < ops; i++) {
        sink += bench.parseAndOriginatingOffer().length();
      }
      allocation = String.format("%,.0f B", (counting.getCurrentThreadAllocatedBytes() - before) / (double) ops);
    }
    Arrays.sort(perSecond);
    System.out.printf("median: %,.0f parse+transform+format per CPU-second, allocated per op: %s (sink %d)%n",
        perSecond[rounds / 2], allocation, sink % 10);
  }
}
