package ims.benchmarks.srtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * SRTP's AES-CM payload encryption on the JDK, one packet per operation (a new 128-bit IV each time). A
 * prototype to size the options, not engine code.
 *
 * <ul>
 *   <li>{@code ecbCounterBlocks}: counter blocks written into a scratch array, one AES/ECB {@code update} over
 *       them, XOR into the payload (ims.media.srtp.AesCtr's approach): no allocation.
 *   <li>{@code ctrReinit}: the JCE's AES/CTR re-initialised with a new {@code IvParameterSpec} per packet, then
 *       {@code update} in place: the "bare JCA loop" (allocates in {@code Cipher.init}).
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AesCtrBenchmark {
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final int IN = 32;

  @Param({"160", "1200"})
  public int payload;

  @Param({"16"})
  public int keyLength;

  private byte[] packet;
  private SecretKeySpec key;
  private Cipher ecb;
  private Cipher ctr;
  private byte[] scratch;
  private final byte[] iv = new byte[16];
  private long index;

  @Setup
  public void setUp() throws GeneralSecurityException {
    packet = RtpPackets.newBuffer(payload);
    RtpPackets.write(packet, 1, payload);
    byte[] k = new byte[keyLength];
    for (int i = 0; i < k.length; i++) k[i] = (byte) (i * 7 + 3);
    key = new SecretKeySpec(k, "AES");
    ecb = Cipher.getInstance("AES/ECB/NoPadding");
    ecb.init(Cipher.ENCRYPT_MODE, key);
    ctr = Cipher.getInstance("AES/CTR/NoPadding");
    scratch = new byte[IN + ((payload + 15) & ~15)];
  }

  @Benchmark
  public byte[] ecbCounterBlocks() throws GeneralSecurityException {
    long hi = 0x0123456789abcdefL, lo = ++index << 16;
    int blocks = (payload + 15) >>> 4;
    for (int b = 0; b < blocks; b++) {
      LONG.set(scratch, IN + 16 * b, hi);
      LONG.set(scratch, IN + 16 * b + 8, lo + b);
    }
    ecb.update(scratch, IN, blocks * 16, scratch, 0);
    int off = RtpPackets.HEADER_LENGTH, i = 0;
    for (; i + 8 <= payload; i += 8) {
      LONG.set(packet, off + i, (long) LONG.get(packet, off + i) ^ (long) LONG.get(scratch, i));
    }
    for (; i < payload; i++) packet[off + i] ^= scratch[i];
    return packet;
  }

  @Benchmark
  public byte[] ctrReinit() throws GeneralSecurityException {
    LONG.set(iv, 0, 0x0123456789abcdefL);
    LONG.set(iv, 8, ++index << 16);
    ctr.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
    ctr.update(packet, RtpPackets.HEADER_LENGTH, payload, packet, RtpPackets.HEADER_LENGTH);
    return packet;
  }
}
