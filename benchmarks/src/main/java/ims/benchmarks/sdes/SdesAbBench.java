package ims.benchmarks.sdes;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Two builds of the {@link SdesTransformBenchmark} work compared in ONE JVM: each benchmarks jar is loaded by
 * its own class loader (so each side has its own classes, profiles and compiled code), and rounds alternate
 * A B B A ... a second apart, in thread CPU time. On a shared machine this cancels most of what separate,
 * minutes-apart JVM runs cannot: load changes between runs, CPU frequency, which core the thread got.
 * Prints the per-pair ratio B/A (median and quartiles) and each side's median.
 *
 * <p>Run: {@code java -cp benchmarks/target-<dir>/benchmarks.jar ims.benchmarks.sdes.SdesAbBench <jarA> <jarB>
 * [rounds] [ops]}, e.g. with the two jars {@code benchmarks/run-sdes.sh <base>} built.
 */
public final class SdesAbBench {
  private SdesAbBench() {}

  public static void main(String[] args) throws Throwable {
    if (args.length < 2) {
      System.err.println("usage: SdesAbBench <jarA> <jarB> [rounds=40] [ops=100000]");
      System.exit(2);
    }
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 40;
    int ops = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
    MethodHandle[] op = {load(args[0]), load(args[1])};
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long sink = 0;
    for (int w = 0; w < 6; w++) { // warm-up: both sides compiled before the first measured round
      sink += run(op[0], ops) + run(op[1], ops);
    }
    double[][] perSecond = new double[2][rounds];
    double[] ratio = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < 2; k++) {
        int side = r % 2 == 0 ? k : 1 - k; // A B, then B A: neither side always runs first
        long cpu0 = mx.getCurrentThreadCpuTime();
        sink += run(op[side], ops);
        perSecond[side][r] = ops * 1e9 / (mx.getCurrentThreadCpuTime() - cpu0);
      }
      ratio[r] = perSecond[1][r] / perSecond[0][r];
    }
    Arrays.sort(perSecond[0]);
    Arrays.sort(perSecond[1]);
    Arrays.sort(ratio);
    System.out.printf("A %s: median %,.0f per CPU-second%nB %s: median %,.0f per CPU-second%n"
            + "B/A per pair: median %.3f (quartiles %.3f-%.3f), %d rounds of %,d (sink %d)%n",
        args[0], perSecond[0][rounds / 2], args[1], perSecond[1][rounds / 2],
        ratio[rounds / 2], ratio[rounds / 4], ratio[3 * rounds / 4], rounds, ops, sink % 10);
  }

  /** {@code parseAndOriginatingOffer} of a fresh benchmark instance from {@code jar}'s own classes. */
  private static MethodHandle load(String jar) throws Throwable {
    URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()},
        ClassLoader.getPlatformClassLoader());
    Class<?> type = loader.loadClass(SdesTransformBenchmark.class.getName());
    Object bench = type.getConstructor().newInstance();
    type.getMethod("check").invoke(bench);
    return MethodHandles.publicLookup()
        .findVirtual(type, "parseAndOriginatingOffer", MethodType.methodType(String.class))
        .bindTo(bench)
        .asType(MethodType.methodType(String.class));
  }

  private static long run(MethodHandle op, int ops) throws Throwable {
    long sink = 0;
    for (int i = 0; i < ops; i++) {
      sink += ((String) op.invokeExact()).length();
    }
    return sink;
  }
}
