package ims.media.srtp;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * GHASH of GCM (NIST SP 800-38D section 6.4) in plain Java, without allocation. Multiplication by H uses
 * per-position tables: {@code 16} tables of 256 entries (one per byte of the block, 64 KiB per key) for SRTP, or
 * {@code 32} tables of 16 entries (one per nibble, 8 KiB) where compactness matters more than speed (SRTCP).
 * Each table entry is already reduced, so a block costs 16 (or 32) lookups and XORs. When the JVM lets us
 * ({@link JdkGhash}), the JDK's own CLMUL-intrinsic GHASH replaces the tables.
 *
 * <p>Streaming: {@link #update} may be called with any lengths; {@link #pad()} closes a section (AAD or
 * ciphertext) with zeros to a block boundary, as GCM pads A and C separately.
 */
final class Ghash {
  private final boolean wide;
  private final boolean useJdk;
  /** Interleaved (hi, lo) pairs: entry {@code e} is at {@code 2e, 2e + 1}; empty when the JDK's GHASH is used. */
  private final long[] table;
  /** The JDK's own GHASH (CLMUL intrinsic) for the current key, or null (see {@link JdkGhash}). */
  private Object jdk;
  private long[] jdkState;
  private final byte[] partial = new byte[16];
  private int partialLength;
  private long yHi;
  private long yLo;

  /** {@code wide}: 8-bit tables (fast, 64 KiB); otherwise 4-bit tables (8 KiB). The JDK's GHASH when available. */
  Ghash(boolean wide) {
    this(wide, JdkGhash.AVAILABLE);
  }

  Ghash(boolean wide, boolean useJdk) {
    this.wide = wide;
    this.useJdk = useJdk;
    this.table = useJdk ? new long[0] : new long[wide ? 2 * 16 * 256 : 2 * 32 * 16];
  }

  /** Sets H (16 bytes at {@code h[off..]}) and builds the tables. */
  void init(byte[] h, int off) {
    if (useJdk) {
      wipeJdk();
      jdk = JdkGhash.create(h, off);
      jdkState = JdkGhash.state(jdk);
      reset();
      return;
    }
    long vHi = Bytes.getLong(h, off);
    long vLo = Bytes.getLong(h, off + 8);
    long[] powHi = new long[128];
    long[] powLo = new long[128];
    for (int i = 0; i < 128; i++) {         // pow[i] = H * x^i in GCM's reflected bit order
      powHi[i] = vHi;
      powLo[i] = vLo;
      boolean carry = (vLo & 1) != 0;
      vLo = (vLo >>> 1) | (vHi << 63);
      vHi >>>= 1;
      if (carry) {
        vHi ^= 0xE100_0000_0000_0000L;
      }
    }
    int bits = wide ? 8 : 4;
    int positions = 128 / bits;
    int values = 1 << bits;
    for (int k = 0; k < positions; k++) {
      for (int n = 0; n < values; n++) {
        long hi = 0;
        long lo = 0;
        for (int j = 0; j < bits; j++) {
          if ((n & (1 << (bits - 1 - j))) != 0) {
            hi ^= powHi[bits * k + j];
            lo ^= powLo[bits * k + j];
          }
        }
        int e = values * k + n;
        table[2 * e] = hi;
        table[2 * e + 1] = lo;
      }
    }
    Arrays.fill(powHi, 0);
    Arrays.fill(powLo, 0);
    reset();
  }

  void reset() {
    yHi = 0;
    yLo = 0;
    partialLength = 0;
    if (jdkState != null) {
      jdkState[0] = 0;
      jdkState[1] = 0;
    }
  }

  void update(byte[] b, int off, int len) {
    if (partialLength > 0) {
      int n = Math.min(len, 16 - partialLength);
      System.arraycopy(b, off, partial, partialLength, n);
      partialLength += n;
      off += n;
      len -= n;
      if (partialLength < 16) {
        return;
      }
      block(partial, 0);
      partialLength = 0;
    }
    int whole = len & ~15;
    if (whole > 0) {
      if (jdk != null) {
        JdkGhash.update(jdk, b, off, whole);
      } else {
        for (int at = off; at < off + whole; at += 16) {
          block(Bytes.getLong(b, at), Bytes.getLong(b, at + 8));
        }
      }
      off += whole;
      len -= whole;
    }
    if (len > 0) {
      System.arraycopy(b, off, partial, 0, len);
      partialLength = len;
    }
  }

  /** Zero-pads the current section to a block boundary. */
  void pad() {
    if (partialLength > 0) {
      Arrays.fill(partial, partialLength, 16, (byte) 0);
      block(partial, 0);
      partialLength = 0;
    }
  }

  /** Adds the length block (bit lengths of A and C) and writes GHASH to {@code out[off..off+16)}. */
  void finish(long aadBytes, long textBytes, byte[] out, int off) {
    pad();
    Bytes.setLong(partial, 0, aadBytes << 3);
    Bytes.setLong(partial, 8, textBytes << 3);
    block(partial, 0);
    Bytes.setLong(out, off, jdk != null ? jdkState[0] : yHi);
    Bytes.setLong(out, off + 8, jdk != null ? jdkState[1] : yLo);
  }

  private void block(byte[] b, int off) {
    if (jdk != null) {
      JdkGhash.update(jdk, b, off, 16);
    } else {
      block(Bytes.getLong(b, off), Bytes.getLong(b, off + 8));
    }
  }

  private void block(long xHi, long xLo) {
    xHi ^= yHi;
    xLo ^= yLo;
    if (wide) {
      blockWide(xHi, xLo);
    } else {
      blockNarrow(xHi, xLo);
    }
  }

  private void blockWide(long xHi, long xLo) {
    long[] t = table;
    int e;
    // unrolled: constant shifts and table offsets (entry index = 256 * byte position + byte value)
    e = 2 * (0 + ((int) (xHi >>> 56) & 0xff));
    long zHi = t[e];
    long zLo = t[e + 1];
    e = 2 * (256 + ((int) (xHi >>> 48) & 0xff));
    zHi ^= t[e];
    zLo ^= t[e + 1];
    e = 2 * (512 + ((int) (xHi >>> 40) & 0xff));
    zHi ^= t[e];
    zLo ^= t[e + 1];
    e = 2 * (768 + ((int) (xHi >>> 32) & 0xff));
    zHi ^= t[e];
    zLo ^= t[e + 1];
    e = 2 * (1024 + ((int) (xHi >>> 24) & 0xff));
    zHi ^= t[e];
    zLo ^= t[e + 1];
    e = 2 * (1280 + ((int) (xHi >>> 16) & 0xff));
    zHi ^= t[e];
    zLo ^= t[e + 1];
    e = 2 * (1536 + ((int) (xHi >>> 8) & 0xff));
    zHi ^= t[e];
    zLo ^= t[e + 1];
    e = 2 * (1792 + ((int) xHi & 0xff));
    zHi ^= t[e];
    zLo ^= t[e + 1];
    e = 2 * (2048 + ((int) (xLo >>> 56) & 0xff));
    zHi ^= t[e];
    zLo ^= t[e + 1];
    e = 2 * (2304 + ((int) (xLo >>> 48) & 0xff));
    zHi ^= t[e];
    zLo ^= t[e + 1];
    e = 2 * (2560 + ((int) (xLo >>> 40) & 0xff));
    zHi ^= t[e];
    zLo ^= t[e + 1];
    e = 2 * (2816 + ((int) (xLo >>> 32) & 0xff));
    zHi ^= t[e];
    zLo ^= t[e + 1];
    e = 2 * (3072 + ((int) (xLo >>> 24) & 0xff));
    zHi ^= t[e];
    zLo ^= t[e + 1];
    e = 2 * (3328 + ((int) (xLo >>> 16) & 0xff));
    zHi ^= t[e];
    zLo ^= t[e + 1];
    e = 2 * (3584 + ((int) (xLo >>> 8) & 0xff));
    zHi ^= t[e];
    zLo ^= t[e + 1];
    e = 2 * (3840 + ((int) xLo & 0xff));
    zHi ^= t[e];
    zLo ^= t[e + 1];
    yHi = zHi;
    yLo = zLo;
  }

  private void blockNarrow(long xHi, long xLo) {
    long[] t = table;
    long zHi = 0;
    long zLo = 0;
    for (int k = 0; k < 16; k++) {
      int e = 2 * (16 * k + (int) ((xHi >>> (60 - 4 * k)) & 0xf));
      zHi ^= t[e];
      zLo ^= t[e + 1];
    }
    for (int k = 0; k < 16; k++) {
      int e = 2 * (16 * (16 + k) + (int) ((xLo >>> (60 - 4 * k)) & 0xf));
      zHi ^= t[e];
      zLo ^= t[e + 1];
    }
    yHi = zHi;
    yLo = zLo;
  }

  void forEachSecret(Consumer<byte[]> visitor) {
    visitor.accept(partial);
  }

  /** True when the tables hold nothing (for the wipe test). */
  boolean isWiped() {
    if (jdk != null) {
      return false;
    }
    for (long v : table) {
      if (v != 0) {
        return false;
      }
    }
    return yHi == 0 && yLo == 0;
  }

  private void wipeJdk() {
    if (jdk != null) {
      JdkGhash.wipe(jdk);
      jdk = null;
      jdkState = null;
    }
  }

  void wipe() {
    wipeJdk();
    Arrays.fill(table, 0);
    Arrays.fill(partial, (byte) 0);
    reset();
  }
}
