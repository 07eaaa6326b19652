package ims.media.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in counter mode (RFC 3711 section 4.1.1) with a fresh IV per call and no allocation: the counter blocks
 * are laid out in a scratch array and encrypted by one AES/ECB call per chunk, then XORed into the data.
 *
 * <p>Why ECB and not the JCE's AES/CTR: CTR can only be re-seeded by {@code Cipher.init}, which allocates
 * (IvParameterSpec, IV and key clones) and costs about as much as the encryption of a voice packet. The ECB
 * input sits two blocks after its output in the scratch array, so CipherCore never copies it.
 */
final class AesCtr {
  private static final int CHUNK_BLOCKS = 64;
  /** CipherCore copies the input when the output trails it by less than its 2-block buffer. */
  private static final int IN = 32;

  private final Cipher ecb;
  private final byte[] scratch = new byte[IN + CHUNK_BLOCKS * 16];

  AesCtr() throws GeneralSecurityException {
    ecb = Cipher.getInstance("AES/ECB/NoPadding");
  }

  void init(byte[] key, int off, int len) throws GeneralSecurityException {
    ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, off, len, "AES"));
  }

  /**
   * XORs the keystream of the 128-bit initial counter {@code (ivHi, ivLo)} into {@code data[off..off+len)}.
   */
  void xor(long ivHi, long ivLo, byte[] data, int off, int len) throws ShortBufferException {
    long block = 0;
    while (len > 0) {
      int n = Math.min(len, CHUNK_BLOCKS * 16);
      int blocks = (n + 15) >>> 4;
      for (int b = 0; b < blocks; b++, block++) {
        long lo = ivLo + block;
        long hi = Long.compareUnsigned(lo, ivLo) < 0 ? ivHi + 1 : ivHi;
        Bytes.setLong(scratch, IN + 16 * b, hi);
        Bytes.setLong(scratch, IN + 16 * b + 8, lo);
      }
      ecb.update(scratch, IN, blocks * 16, scratch, 0);
      Bytes.xor(data, off, scratch, 0, n);
      off += n;
      len -= n;
    }
  }

  /**
   * Counter mode starting at {@code (ivHi, ivLo)}: the first keystream block goes to {@code mask[0..16)}, the
   * following ones are XORed into {@code data[off..off+len)} (GCM: E(K, J0) masks the tag, J0 + 1.. encrypt).
   */
  void xorAfterMask(long ivHi, long ivLo, byte[] mask, byte[] data, int off, int len) throws ShortBufferException {
    long block = 0;
    int skip = 16;
    do {
      int n = Math.min(len, CHUNK_BLOCKS * 16 - skip);
      int blocks = (skip + n + 15) >>> 4;
      for (int b = 0; b < blocks; b++, block++) {
        long lo = ivLo + block;
        long hi = Long.compareUnsigned(lo, ivLo) < 0 ? ivHi + 1 : ivHi;
        Bytes.setLong(scratch, IN + 16 * b, hi);
        Bytes.setLong(scratch, IN + 16 * b + 8, lo);
      }
      ecb.update(scratch, IN, blocks * 16, scratch, 0);
      if (skip > 0) {
        System.arraycopy(scratch, 0, mask, 0, 16);
      }
      Bytes.xor(data, off, scratch, skip, n);
      off += n;
      len -= n;
      skip = 0;
    } while (len > 0);
  }

  /** Encrypts one block {@code in[inOff..+16)} into {@code out[outOff..+16)} (for f8). */
  void encryptBlock(byte[] in, int inOff, byte[] out, int outOff) throws ShortBufferException {
    System.arraycopy(in, inOff, scratch, IN, 16);
    ecb.update(scratch, IN, 16, scratch, 0);
    System.arraycopy(scratch, 0, out, outOff, 16);
  }

  void wipe() {
    Bytes.wipe(scratch);
  }
}
