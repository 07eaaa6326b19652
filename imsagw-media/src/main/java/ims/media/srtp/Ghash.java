package ims.media.srtp;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * GHASH of GCM (NIST SP 800-38D section 6.4) in plain Java, without allocation: multiplication by H through 32
 * per-nibble-position tables of 16 entries (8 KiB per key), so a block costs 32 table lookups and no reduction.
 *
 * <p>Streaming: {@link #update} may be called with any lengths; {@link #pad()} closes a section (AAD or
 * ciphertext) with zeros to a block boundary, as GCM pads A and C separately.
 */
final class Ghash {
  /** tableHi/Lo[16 * k + n] = (nibble n at nibble position k of X) * H. */
  private final long[] tableHi = new long[32 * 16];
  private final long[] tableLo = new long[32 * 16];
  private final byte[] partial = new byte[16];
  private int partialLength;
  private long yHi;
  private long yLo;

  /** Sets H (16 bytes at {@code h[off..]}) and builds the tables. */
  void init(byte[] h, int off) {
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
    for (int k = 0; k < 32; k++) {
      for (int n = 0; n < 16; n++) {
        long hi = 0;
        long lo = 0;
        for (int j = 0; j < 4; j++) {
          if ((n & (8 >>> j)) != 0) {
            hi ^= powHi[4 * k + j];
            lo ^= powLo[4 * k + j];
          }
        }
        tableHi[16 * k + n] = hi;
        tableLo[16 * k + n] = lo;
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
      block(Bytes.getLong(partial, 0), Bytes.getLong(partial, 8));
      partialLength = 0;
    }
    for (; len >= 16; off += 16, len -= 16) {
      block(Bytes.getLong(b, off), Bytes.getLong(b, off + 8));
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
      block(Bytes.getLong(partial, 0), Bytes.getLong(partial, 8));
      partialLength = 0;
    }
  }

  /** Adds the length block (bit lengths of A and C) and writes GHASH to {@code out[off..off+16)}. */
  void finish(long aadBytes, long textBytes, byte[] out, int off) {
    pad();
    block(aadBytes << 3, textBytes << 3);
    Bytes.setLong(out, off, yHi);
    Bytes.setLong(out, off + 8, yLo);
  }

  private void block(long xHi, long xLo) {
    xHi ^= yHi;
    xLo ^= yLo;
    long zHi = 0;
    long zLo = 0;
    for (int k = 0; k < 16; k++) {
      int n = 16 * k + (int) ((xHi >>> (60 - 4 * k)) & 0xf);
      zHi ^= tableHi[n];
      zLo ^= tableLo[n];
    }
    for (int k = 0; k < 16; k++) {
      int n = 256 + 16 * k + (int) ((xLo >>> (60 - 4 * k)) & 0xf);
      zHi ^= tableHi[n];
      zLo ^= tableLo[n];
    }
    yHi = zHi;
    yLo = zLo;
  }

  void forEachSecret(Consumer<byte[]> visitor) {
    visitor.accept(partial);
  }

  /** True when the tables hold nothing (for the wipe test). */
  boolean isWiped() {
    for (int i = 0; i < tableHi.length; i++) {
      if (tableHi[i] != 0 || tableLo[i] != 0) {
        return false;
      }
    }
    return yHi == 0 && yLo == 0;
  }

  void wipe() {
    Arrays.fill(tableHi, 0);
    Arrays.fill(tableLo, 0);
    Arrays.fill(partial, (byte) 0);
    reset();
  }
}
