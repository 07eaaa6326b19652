package ims.media.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/** Single-block AES encryption (f8 needs E(k, x) on chained inputs), without allocation per block. */
final class AesBlock {
  /** CipherCore copies the input when the output trails it by less than its 2-block buffer. */
  private static final int IN = 32;
  private final Cipher ecb;
  private final byte[] scratch = new byte[IN + 16];
  private int keyLength;

  AesBlock() throws GeneralSecurityException {
    ecb = Cipher.getInstance("AES/ECB/NoPadding");
  }

  void init(byte[] key, int off, int len) throws GeneralSecurityException {
    ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, off, len, "AES"));
    keyLength = len;
  }

  /** Encrypts {@code in[inOff..+16)} into {@code out[outOff..+16)}; the two may overlap. */
  void encrypt(byte[] in, int inOff, byte[] out, int outOff) throws ShortBufferException {
    System.arraycopy(in, inOff, scratch, IN, 16);
    ecb.update(scratch, IN, 16, scratch, 0);
    System.arraycopy(scratch, 0, out, outOff, 16);
  }

  void wipe() {
    Bytes.wipe(scratch);
    if (keyLength > 0) {
      try {
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[keyLength], "AES"));
      } catch (GeneralSecurityException e) {
        // the JCE keeps its copy; ours is gone
      }
    }
  }
}
