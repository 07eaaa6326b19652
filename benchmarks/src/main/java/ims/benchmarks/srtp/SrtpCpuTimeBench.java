package ims.benchmarks.srtp;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JMH benchmarks' protect and unprotect loops ({@link SrtpProtectBenchmark}, {@link SrtpUnprotectBenchmark}),
 * timed in this thread's CPU time instead of wall time, exactly as {@code srtp_bench -cpu} times libsrtp. On a
 * machine shared with other work, wall time also counts the slices other processes take; CPU time leaves them
 * out (their cache pollution stays in), so the ratio to libsrtp stays meaningful. It does not count GC work done
 * by other threads: an implementation that allocates looks better here than under JMH.
 *
 * <p>One JVM per implementation and suite (the script starts one each), so call sites see one implementation,
 * as in JMH's forks. Output: CSV lines {@code impl,suite,op,payload,ns_per_packet,error_ns,iterations}, the
 * format of srtp_bench.
 *
 * <p>Usage: {@code java -cp benchmarks.jar ims.benchmarks.srtp.SrtpCpuTimeBench -impl ims -suite
 * AES_CM_128_HMAC_SHA1_80 [-sizes 160,1200] [-ops protect,unprotect] [-wi 3] [-w 2] [-i 5] [-r 2]}
 */
public final class SrtpCpuTimeBench {
  private static final int RING = SrtpUnprotectBenchmark.RING;
  private static final int PROTECT_BATCH = 256;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final SrtpPeer peer;
  private final int payload;
  private final int rtpLength;
  private final byte[][] ring = new byte[RING][];
  private final int[] lengths = new int[RING];
  private int sequence = 1000;
  /** Keeps the JIT from discarding results. */
  private long sink;

  private SrtpCpuTimeBench(SrtpPeer peer, int payload) {
    this.peer = peer;
    this.payload = payload;
    this.rtpLength = RtpPackets.HEADER_LENGTH + payload;
    for (int k = 0; k < RING; k++) {
      ring[k] = RtpPackets.newBuffer(payload);
      RtpPackets.write(ring[k], 0, payload);
    }
  }

  public static void main(String[] args) {
    String impl = "ims", suite = "AES_CM_128_HMAC_SHA1_80", sizes = "160,1200", ops = "protect,unprotect";
    int warmups = 3, iterations = 5;
    double warmupSeconds = 2, iterationSeconds = 2;
    for (int i = 0; i + 1 < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "-impl" -> impl = value;
        case "-suite" -> suite = value;
        case "-sizes" -> sizes = value;
        case "-ops" -> ops = value;
        case "-wi" -> warmups = Integer.parseInt(value);
        case "-w" -> warmupSeconds = Double.parseDouble(value);
        case "-i" -> iterations = Integer.parseInt(value);
        case "-r" -> iterationSeconds = Double.parseDouble(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (!THREADS.isCurrentThreadCpuTimeSupported()) throw new IllegalStateException("no thread CPU time here");
    BenchSuite benchSuite = BenchSuite.valueOf(suite);
    for (String size : sizes.split(",")) {
      int payload = Integer.parseInt(size.trim());
      for (boolean unprotect : new boolean[] {false, true}) {
        if (!List.of(ops.split(",")).contains(unprotect ? "unprotect" : "protect")) continue;
        try (SrtpPeer peer = SrtpPeer.create(impl, benchSuite)) {
          var bench = new SrtpCpuTimeBench(peer, payload);
          List<Double> scores = new ArrayList<>();
          for (int n = 0; n < warmups + iterations; n++) {
            long budget = (long) ((n < warmups ? warmupSeconds : iterationSeconds) * 1e9);
            double score = unprotect ? bench.unprotectIteration(budget) : bench.protectIteration(budget);
            if (n >= warmups) scores.add(score);
          }
          System.out.println(line(impl, suite, unprotect ? "unprotect" : "protect", payload, scores));
          if (bench.sink == 42) System.err.print("");
        }
      }
    }
  }

  private double protectIteration(long budgetNanos) {
    byte[] buf = ring[0];
    long start = System.nanoTime(), timed = 0, packets = 0;
    while (System.nanoTime() - start < budgetNanos) {
      long t0 = THREADS.getCurrentThreadCpuTime();
      long total = 0;
      for (int i = 0; i < PROTECT_BATCH; i++) {
        RtpPackets.setSequence(buf, ++sequence);
        total += peer.protect(buf, rtpLength);
      }
      timed += THREADS.getCurrentThreadCpuTime() - t0;
      packets += PROTECT_BATCH;
      sink += total;
    }
    return (double) timed / packets;
  }

  private double unprotectIteration(long budgetNanos) {
    long start = System.nanoTime(), timed = 0, packets = 0;
    while (System.nanoTime() - start < budgetNanos) {
      for (int k = 0; k < RING; k++) {
        RtpPackets.setSequence(ring[k], ++sequence);
        lengths[k] = peer.protect(ring[k], rtpLength);
      }
      long t0 = THREADS.getCurrentThreadCpuTime();
      long total = 0;
      for (int k = 0; k < RING; k++) total += peer.unprotect(ring[k], lengths[k]);
      timed += THREADS.getCurrentThreadCpuTime() - t0;
      packets += RING;
      if (total != (long) RING * rtpLength) throw new IllegalStateException("unprotect returned a wrong length");
      sink += total;
    }
    return (double) timed / packets;
  }

  /** Mean and JMH-style 99.9% half-width (Student t) over the measurement iterations. */
  static String line(String impl, String suite, String op, int payload, List<Double> scores) {
    int n = scores.size();
    double mean = scores.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    double variance = scores.stream().mapToDouble(s -> (s - mean) * (s - mean)).sum() / Math.max(1, n - 1);
    double error = n > 1 ? t999(n - 1) * Math.sqrt(variance / n) : Double.NaN;
    return String.format(Locale.ROOT, "%s,%s,%s,%d,%.2f,%.2f,%d", impl, suite, op, payload, mean, error, n);
  }

  /** Two-sided 99.9% Student t quantiles, as in srtp_bench.c. */
  static double t999(int df) {
    double[] t = {Double.NaN, 636.619, 31.599, 12.924, 8.610, 6.869, 5.959, 5.408, 5.041, 4.781, 4.587, 4.437,
        4.318, 4.221, 4.140, 4.073, 4.015, 3.965, 3.922, 3.883, 3.850};
    if (df < t.length) return t[df];
    return df <= 30 ? 3.646 : 3.291;
  }
}
