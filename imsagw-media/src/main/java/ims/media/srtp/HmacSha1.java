package ims.media.srtp;

import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * HMAC-SHA1 (RFC 2104) over a JCE SHA-1 {@link MessageDigest}, writing into the caller's array: the JCE's
 * {@code Mac.doFinal(byte[], int)} allocates two arrays per call (HmacCore's inner digest), this does not.
 */
final class HmacSha1 {
  static final int LENGTH = 20;
  private static final int BLOCK = 64;

  private final MessageDigest md;
  private final byte[] ipad = new byte[BLOCK];
  private final byte[] opad = new byte[BLOCK];
  private final byte[] inner = new byte[LENGTH];

  HmacSha1() throws GeneralSecurityException {
    md = MessageDigest.getInstance("SHA-1");
  }

  /** Keys the MAC with {@code key[off..off+len)}, {@code len <= 64}. */
  void init(byte[] key, int off, int len) {
    if (len > BLOCK) {
      throw new IllegalArgumentException("HMAC key longer than a block");
    }
    Arrays.fill(ipad, (byte) 0x36);
    Arrays.fill(opad, (byte) 0x5c);
    for (int i = 0; i < len; i++) {
      ipad[i] ^= key[off + i];
      opad[i] ^= key[off + i];
    }
    md.reset();
  }

  void begin() {
    md.update(ipad, 0, BLOCK);
  }

  void update(byte[] b, int off, int len) {
    md.update(b, off, len);
  }

  /** Finishes the MAC into {@code out[outOff..outOff+20)} and leaves the MAC ready for {@link #begin()}. */
  void finish(byte[] out, int outOff) throws DigestException {
    md.digest(inner, 0, LENGTH);
    md.update(opad, 0, BLOCK);
    md.update(inner, 0, LENGTH);
    md.digest(out, outOff, LENGTH);
  }

  void forEachSecret(java.util.function.Consumer<byte[]> visitor) {
    visitor.accept(ipad);
    visitor.accept(opad);
    visitor.accept(inner);
  }

  void wipe() {
    Bytes.wipe(ipad);
    Bytes.wipe(opad);
    Bytes.wipe(inner);
    md.reset();
  }
}
