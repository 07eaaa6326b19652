package ims.benchmarks.srtp;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * SRTP protect, one packet per operation, in place on a heap buffer. As libsrtp's own {@code srtp_driver -t} and
 * {@code srtp_bench.c} do it: the same buffer is protected again and again (the previous ciphertext is the next
 * plaintext; AES-CM, GCM and HMAC cost the same whatever the bytes), the sequence number advanced each time so the
 * sender's index grows as on the wire. Nothing but the protect call and a two-byte header write is timed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SrtpProtectBenchmark {

  @Param({"ims", "jitsi"})
  public String impl;

  @Param({"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AES_256_CM_HMAC_SHA1_80", "AEAD_AES_128_GCM",
      "AEAD_AES_256_GCM"})
  public String suite;

  @Param({"160", "1200"})
  public int payload;

  private SrtpPeer peer;
  private byte[] buf;
  private int rtpLength;
  private int sequence;

  @Setup
  public void setUp() {
    peer = SrtpPeer.create(impl, BenchSuite.valueOf(suite));
    buf = RtpPackets.newBuffer(payload);
    rtpLength = RtpPackets.HEADER_LENGTH + payload;
    sequence = 1000;
    RtpPackets.write(buf, sequence, payload);
  }

  @TearDown
  public void tearDown() {
    peer.close();
  }

  @Benchmark
  public int protect() {
    RtpPackets.setSequence(buf, ++sequence);
    return peer.protect(buf, rtpLength);
  }
}
