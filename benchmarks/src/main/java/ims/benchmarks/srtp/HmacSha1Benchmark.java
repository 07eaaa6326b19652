package ims.benchmarks.srtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
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
 * Where SRTP's HMAC-SHA1 time goes on the JDK, one SRTP authentication tag per operation (RTP header + payload +
 * 4-byte ROC, 20-byte key; the tag is the first 10 bytes of the 20 written). A prototype to size the fixes, not
 * engine code.
 *
 * <ul>
 *   <li>{@code jcaMac}: {@code javax.crypto.Mac} update + {@code doFinal(byte[], int)}. HmacCore re-feeds the
 *       ipad block after every reset and the opad block every time (two SHA-1 compressions per packet that
 *       OpenSSL's HMAC does not do), and allocates its inner digest ({@code md.digest()}).
 *   <li>{@code macClone}: a Mac keyed once, cloned per packet: the "precomputed" state the JCA offers, paid with
 *       a copy of the whole Mac each time.
 *   <li>{@code digestRefeed}: HMAC over a JCA SHA-1 {@code MessageDigest} into caller arrays (what
 *       ims.media.srtp.HmacSha1 does): no allocation, still 2 extra compressions.
 *   <li>{@code digestPrecomputed}: the same MessageDigest, with the SHA-1 state after the ipad and the opad
 *       block computed once and restored into the digest per packet (5 ints and the byte count), as OpenSSL
 *       and libsrtp do. Needs {@code --add-opens java.base/sun.security.provider} and
 *       {@code java.base/java.security}; keeps the JDK's SHA-NI intrinsic.
 *   <li>{@code bouncyCastle}: BC's HMac over SHA1Digest, which restores precomputed pad states itself
 *       (Memoable) but hashes in plain Java (no SHA-NI).
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {"--add-opens", "java.base/sun.security.provider=ALL-UNNAMED",
    "--add-opens", "java.base/java.security=ALL-UNNAMED"})
public class HmacSha1Benchmark {
  private static final int BLOCK = 64;
  private static final int SHA1 = 20;

  @Param({"160", "1200"})
  public int payload;

  private byte[] packet;
  private int length;
  private final byte[] roc = {0, 0, 0, 1};
  private final byte[] tag = new byte[SHA1];
  private final byte[] key = new byte[SHA1];

  private Mac mac;
  private MessageDigest refeedDigest;
  private final byte[] ipad = new byte[BLOCK];
  private final byte[] opad = new byte[BLOCK];
  private final byte[] inner = new byte[SHA1];
  private PrecomputedHmac precomputed;
  private HMac bc;

  @Setup
  public void setUp() throws GeneralSecurityException, CloneNotSupportedException {
    length = RtpPackets.HEADER_LENGTH + payload;
    packet = RtpPackets.newBuffer(payload);
    RtpPackets.write(packet, 1, payload);
    for (int i = 0; i < key.length; i++) key[i] = (byte) (i * 7 + 3);

    mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(key, "HmacSHA1"));

    refeedDigest = MessageDigest.getInstance("SHA-1");
    Arrays.fill(ipad, (byte) 0x36);
    Arrays.fill(opad, (byte) 0x5c);
    for (int i = 0; i < key.length; i++) {
      ipad[i] ^= key[i];
      opad[i] ^= key[i];
    }
    precomputed = new PrecomputedHmac(key);

    bc = new HMac(new SHA1Digest());
    bc.init(new KeyParameter(key));

    if (!Arrays.equals(jcaMac(), digestRefeed()) || !Arrays.equals(jcaMac(), digestPrecomputed())
        || !Arrays.equals(jcaMac(), bouncyCastle()) || !Arrays.equals(jcaMac(), macClone())) {
      throw new IllegalStateException("HMAC variants disagree");
    }
  }

  @Benchmark
  public byte[] jcaMac() throws GeneralSecurityException {
    mac.update(packet, 0, length);
    mac.update(roc, 0, 4);
    mac.doFinal(tag, 0);
    return tag;
  }

  @Benchmark
  public byte[] macClone() throws GeneralSecurityException, CloneNotSupportedException {
    Mac m = (Mac) mac.clone();
    m.update(packet, 0, length);
    m.update(roc, 0, 4);
    m.doFinal(tag, 0);
    return tag;
  }

  @Benchmark
  public byte[] digestRefeed() throws DigestException {
    MessageDigest md = refeedDigest;
    md.update(ipad, 0, BLOCK);
    md.update(packet, 0, length);
    md.update(roc, 0, 4);
    md.digest(inner, 0, SHA1);
    md.update(opad, 0, BLOCK);
    md.update(inner, 0, SHA1);
    md.digest(tag, 0, SHA1);
    return tag;
  }

  @Benchmark
  public byte[] digestPrecomputed() throws DigestException {
    precomputed.mac(packet, 0, length, roc, tag);
    return tag;
  }

  @Benchmark
  public byte[] bouncyCastle() {
    bc.update(packet, 0, length);
    bc.update(roc, 0, 4);
    bc.doFinal(tag, 0);
    return tag;
  }

  /**
   * HMAC-SHA1 with the pad states computed once: restores SHA-1's chaining value (sun.security.provider.SHA's
   * {@code state}) and DigestBase's {@code bytesProcessed} instead of hashing the 64-byte pad block again.
   */
  static final class PrecomputedHmac {
    private static final VarHandle DIGEST_SPI;
    private static final VarHandle STATE;
    private static final VarHandle BYTES_PROCESSED;
    private static final VarHandle BUF_OFS;

    static {
      try {
        Class<?> delegate = Class.forName("java.security.MessageDigest$Delegate");
        Class<?> digestBase = Class.forName("sun.security.provider.DigestBase");
        Class<?> sha = Class.forName("sun.security.provider.SHA");
        DIGEST_SPI = MethodHandles.privateLookupIn(delegate, MethodHandles.lookup())
            .findVarHandle(delegate, "digestSpi", java.security.MessageDigestSpi.class);
        var base = MethodHandles.privateLookupIn(digestBase, MethodHandles.lookup());
        BYTES_PROCESSED = base.findVarHandle(digestBase, "bytesProcessed", long.class);
        BUF_OFS = base.findVarHandle(digestBase, "bufOfs", int.class);
        STATE = MethodHandles.privateLookupIn(sha, MethodHandles.lookup()).findVarHandle(sha, "state", int[].class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final MessageDigest md;
    private final Object spi;
    private final int[] state;
    private final int[] innerStart = new int[5];
    private final int[] outerStart = new int[5];
    private final byte[] inner = new byte[SHA1];

    PrecomputedHmac(byte[] key) throws GeneralSecurityException {
      md = MessageDigest.getInstance("SHA-1");
      spi = DIGEST_SPI.get(md);
      state = (int[]) STATE.get(spi);
      byte[] pad = new byte[BLOCK];
      for (int round = 0; round < 2; round++) {
        Arrays.fill(pad, (byte) (round == 0 ? 0x36 : 0x5c));
        for (int i = 0; i < key.length; i++) pad[i] ^= key[i];
        md.reset();
        md.update(pad, 0, BLOCK);
        System.arraycopy(state, 0, round == 0 ? innerStart : outerStart, 0, 5);
      }
      md.reset();
      Arrays.fill(pad, (byte) 0);
    }

    private void startAfterPad(int[] chaining) {
      System.arraycopy(chaining, 0, state, 0, 5);
      BYTES_PROCESSED.set(spi, (long) BLOCK);
      BUF_OFS.set(spi, 0);
    }

    void mac(byte[] data, int off, int len, byte[] roc, byte[] out) throws DigestException {
      startAfterPad(innerStart);
      md.update(data, off, len);
      md.update(roc, 0, 4);
      md.digest(inner, 0, SHA1);
      startAfterPad(outerStart);
      md.update(inner, 0, SHA1);
      md.digest(out, 0, SHA1);
    }
  }
}
