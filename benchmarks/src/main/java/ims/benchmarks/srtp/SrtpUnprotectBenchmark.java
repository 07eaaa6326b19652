package ims.benchmarks.srtp;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * SRTP unprotect, reported per packet. A receiver must see fresh packets (a replayed index is rejected before any
 * crypto), so each invocation unprotects a ring of {@link #RING} packets in place that the untimed
 * {@code Level.Invocation} set-up has just protected with the next sequence numbers, exactly as on the wire:
 * every packet authenticates, decrypts and moves the replay window; no copy and no context creation is timed.
 * Unprotect leaves the plaintext in each slot, which the next set-up protects again without a copy.
 * {@code srtp_bench.c} times libsrtp the same way (same ring size, same packets).
 *
 * <p>An invocation is {@code RING} packets (tens of microseconds), far above the timer's resolution, so JMH's
 * per-invocation timestamps do not distort the score. With {@code -prof gc} the set-up's protect calls run on the
 * benchmark thread and count in B/op: for our engine both paths are meant to be 0 B/op; for jitsi the protect
 * benchmark shows how much of the figure is the set-up.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SrtpUnprotectBenchmark {
  static final int RING = 256;

  @Param({"ims", "jitsi"})
  public String impl;

  @Param({"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AES_256_CM_HMAC_SHA1_80", "AEAD_AES_128_GCM",
      "AEAD_AES_256_GCM"})
  public String suite;

  @Param({"160", "1200"})
  public int payload;

  private SrtpPeer peer;
  private byte[][] ring;
  private int[] lengths;
  private int rtpLength;
  private int sequence;

  @Setup(Level.Trial)
  public void setUp() {
    peer = SrtpPeer.create(impl, BenchSuite.valueOf(suite));
    rtpLength = RtpPackets.HEADER_LENGTH + payload;
    ring = new byte[RING][];
    lengths = new int[RING];
    for (int k = 0; k < RING; k++) {
      ring[k] = RtpPackets.newBuffer(payload);
      RtpPackets.write(ring[k], 0, payload);
    }
    sequence = 1000;
  }

  /** Untimed: the next {@code RING} packets of the stream, protected. */
  @Setup(Level.Invocation)
  public void protectRing() {
    for (int k = 0; k < RING; k++) {
      RtpPackets.setSequence(ring[k], ++sequence);
      lengths[k] = peer.protect(ring[k], rtpLength);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    peer.close();
  }

  @Benchmark
  @OperationsPerInvocation(RING)
  public int unprotect() {
    int total = 0;
    for (int k = 0; k < RING; k++) total += peer.unprotect(ring[k], lengths[k]);
    if (total != RING * rtpLength) throw new IllegalStateException("unprotect returned a wrong length");
    return total;
  }
}
