package ims.benchmarks.srtp;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Constructor;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * SRTP's AEAD_AES_128_GCM seal and open on the JDK, one packet per operation (12-byte RTP header as AAD, a new
 * IV each time). A prototype to size a zero-allocation GCM, not engine code.
 *
 * <ul>
 *   <li>{@code jceSeal}/{@code jceOpen}: the JCE's AES/GCM/NoPadding, {@code init} with a new
 *       {@code GCMParameterSpec} per packet (what ims.media.srtp.AesGcm does): allocates about 1 KB per packet
 *       (the spec, IV copies and GaloisCounterMode's per-init engine objects).
 *   <li>{@code ownSeal}/{@code ownOpen}: GCM assembled from the JDK's intrinsics without re-initialising
 *       anything: J0 and the counter blocks encrypted by one AES/ECB {@code update} (as AES-CM), GHASH by the
 *       JDK's own {@code com.sun.crypto.provider.GHASH} (AVX/CLMUL intrinsic {@code processBlocks}), called
 *       through a method handle on an instance made once per key. No allocation per packet. Needs
 *       {@code --add-opens java.base/com.sun.crypto.provider}. The tag is checked (constant time) before the
 *       payload is decrypted.
 * </ul>
 *
 * Open benchmarks restore the sealed packet from a copy first (both variants pay the same copy).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {"--add-opens", "java.base/com.sun.crypto.provider=ALL-UNNAMED"})
public class AesGcmBenchmark {
  private static final int TAG = 16;
  private static final int HDR = RtpPackets.HEADER_LENGTH;

  @Param({"160", "1200"})
  public int payload;

  @Param({"16"})
  public int keyLength;

  private byte[] packet;
  private byte[] sealed;
  private byte[] work;
  private final byte[] iv = new byte[12];
  private SecretKeySpec key;
  private Cipher jce;
  private OwnGcm own;
  private long index;

  @Setup
  public void setUp() throws GeneralSecurityException, ReflectiveOperationException {
    byte[] k = new byte[keyLength];
    for (int i = 0; i < k.length; i++) k[i] = (byte) (i * 7 + 3);
    key = new SecretKeySpec(k, "AES");
    jce = Cipher.getInstance("AES/GCM/NoPadding");
    own = new OwnGcm(key, payload);
    packet = RtpPackets.newBuffer(payload);
    RtpPackets.write(packet, 1, payload);
    for (int i = 0; i < iv.length; i++) iv[i] = (byte) (0xa0 + i);

    // Known answer against the JCE: the same packet sealed both ways, then opened both ways.
    byte[] a = packet.clone(), b = packet.clone();
    jce.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
    jce.updateAAD(a, 0, HDR);
    jce.doFinal(a, HDR, payload, a, HDR);
    own.seal(b, HDR, payload, iv);
    if (!Arrays.equals(a, b)) throw new IllegalStateException("own GCM disagrees with the JCE");
    if (!own.open(b, HDR, payload + TAG, iv)) throw new IllegalStateException("own GCM rejects its own tag");
    if (!Arrays.equals(Arrays.copyOf(b, HDR + payload), Arrays.copyOf(packet, HDR + payload))) {
      throw new IllegalStateException("own GCM open did not restore the plaintext");
    }
    a[HDR] ^= 1;
    if (own.open(a, HDR, payload + TAG, iv)) throw new IllegalStateException("own GCM accepts a flipped bit");
    sealed = packet.clone();
    own.seal(sealed, HDR, payload, iv);
    work = sealed.clone();
  }

  private void nextIv() {
    VarHandle longs = OwnGcm.LONG;
    longs.set(iv, 4, ++index);
  }

  @Benchmark
  public byte[] jceSeal() throws GeneralSecurityException {
    nextIv();
    jce.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
    jce.updateAAD(packet, 0, HDR);
    jce.doFinal(packet, HDR, payload, packet, HDR);
    return packet;
  }

  @Benchmark
  public byte[] ownSeal() {
    nextIv();
    own.seal(packet, HDR, payload, iv);
    return packet;
  }

  @Benchmark
  public byte[] jceOpen() throws GeneralSecurityException {
    System.arraycopy(sealed, 0, work, 0, HDR + payload + TAG);
    jce.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG * 8, ownIv()));
    jce.updateAAD(work, 0, HDR);
    jce.doFinal(work, HDR, payload + TAG, work, HDR);
    return work;
  }

  @Benchmark
  public byte[] ownOpen() {
    System.arraycopy(sealed, 0, work, 0, HDR + payload + TAG);
    if (!own.open(work, HDR, payload + TAG, ownIv())) throw new IllegalStateException("tag");
    return work;
  }

  /** The IV {@link #sealed} was made with (the set-up's first IV). */
  private byte[] ownIv() {
    return sealedIv;
  }

  private final byte[] sealedIv = new byte[12];
  {
    for (int i = 0; i < sealedIv.length; i++) sealedIv[i] = (byte) (0xa0 + i);
  }

  /** GCM (NIST SP 800-38D) for a 96-bit IV over one RTP packet: AAD = b[0, aadLen), data right after it. */
  static final class OwnGcm {
    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final Constructor<?> GHASH_NEW;
    private static final MethodHandle GHASH_UPDATE;
    private static final VarHandle GHASH_STATE;
    /** ECB input sits two blocks after its output (CipherCore then never copies it). */
    private static final int IN = 32;

    static {
      try {
        Class<?> ghash = Class.forName("com.sun.crypto.provider.GHASH");
        var lookup = MethodHandles.privateLookupIn(ghash, MethodHandles.lookup());
        GHASH_NEW = ghash.getDeclaredConstructor(byte[].class);
        GHASH_NEW.setAccessible(true);
        GHASH_UPDATE = lookup.findVirtual(ghash, "update", MethodType.methodType(int.class, byte[].class, int.class,
            int.class)).asType(MethodType.methodType(int.class, Object.class, byte[].class, int.class, int.class));
        GHASH_STATE = lookup.findVarHandle(ghash, "state", long[].class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final Cipher ecb;
    private final Object ghash;
    private final long[] state;
    private final byte[] scratch;
    private final byte[] block = new byte[16];
    private final byte[] tag = new byte[16];

    OwnGcm(SecretKeySpec key, int maxData) throws GeneralSecurityException, ReflectiveOperationException {
      ecb = Cipher.getInstance("AES/ECB/NoPadding");
      ecb.init(Cipher.ENCRYPT_MODE, key);
      byte[] h = ecb.doFinal(new byte[16]);
      ghash = GHASH_NEW.newInstance((Object) h);
      Arrays.fill(h, (byte) 0);
      state = (long[]) GHASH_STATE.get(ghash);
      scratch = new byte[IN + 16 + ((maxData + 15) & ~15)];
    }

    /** Encrypts {@code b[off, off+len)} in place, tag right after it; AAD is {@code b[0, off)}. */
    void seal(byte[] b, int off, int len, byte[] iv) {
      keystream(iv, len);
      xor(b, off, len);
      ghashTag(b, off, len);
      System.arraycopy(tag, 0, b, off + len, 16);
    }

    /** Checks the tag of {@code b[off, off+lenWithTag)} and decrypts in place; false (and b untouched) if bad. */
    boolean open(byte[] b, int off, int lenWithTag, byte[] iv) {
      int len = lenWithTag - 16;
      keystream(iv, len);
      ghashTag(b, off, len);
      int diff = 0;
      for (int i = 0; i < 16; i++) diff |= tag[i] ^ b[off + len + i];
      if (diff != 0) return false;
      xor(b, off, len);
      return true;
    }

    /** scratch[0,16) = E(J0), scratch[16, 16+len) = keystream from inc32(J0). */
    private void keystream(byte[] iv, int len) {
      int blocks = 1 + ((len + 15) >>> 4);
      long ivHi = (long) LONG.get(iv, 0);
      int ivLo = (int) INT.get(iv, 8);
      for (int i = 0; i < blocks; i++) {
        LONG.set(scratch, IN + 16 * i, ivHi);
        INT.set(scratch, IN + 16 * i + 8, ivLo);
        INT.set(scratch, IN + 16 * i + 12, 1 + i);
      }
      try {
        ecb.update(scratch, IN, blocks * 16, scratch, 0);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    private void xor(byte[] b, int off, int len) {
      int i = 0;
      for (; i + 8 <= len; i += 8) {
        LONG.set(b, off + i, (long) LONG.get(b, off + i) ^ (long) LONG.get(scratch, 16 + i));
      }
      for (; i < len; i++) b[off + i] ^= scratch[16 + i];
    }

    /** tag = E(J0) XOR GHASH(AAD = b[0, off), C = b[off, off+len)). */
    private void ghashTag(byte[] b, int off, int len) {
      state[0] = 0;
      state[1] = 0;
      absorb(b, 0, off);
      absorb(b, off, len);
      LONG.set(block, 0, (long) off * 8);
      LONG.set(block, 8, (long) len * 8);
      update(block, 0, 16);
      LONG.set(tag, 0, state[0] ^ (long) LONG.get(scratch, 0));
      LONG.set(tag, 8, state[1] ^ (long) LONG.get(scratch, 8));
    }

    private void absorb(byte[] b, int off, int len) {
      int whole = len & ~15;
      if (whole > 0) update(b, off, whole);
      int rest = len - whole;
      if (rest > 0) {
        Arrays.fill(block, (byte) 0);
        System.arraycopy(b, off + whole, block, 0, rest);
        update(block, 0, 16);
      }
    }

    private void update(byte[] b, int off, int len) {
      try {
        int unused = (int) GHASH_UPDATE.invokeExact(ghash, b, off, len);
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      }
    }
  }
}
