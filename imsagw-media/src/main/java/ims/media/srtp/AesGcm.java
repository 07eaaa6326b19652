package ims.media.srtp;

import java.security.GeneralSecurityException;
import java.util.function.Consumer;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-GCM with a 16-byte tag (RFC 7714) on the JCE's AES/GCM/NoPadding. */
final class AesGcm {
  static final int TAG = 16;
  private final Cipher cipher;
  private SecretKeySpec key;
  final byte[] iv = new byte[12];

  AesGcm() throws GeneralSecurityException {
    cipher = Cipher.getInstance("AES/GCM/NoPadding");
  }

  void init(byte[] k, int off, int len) {
    key = new SecretKeySpec(k, off, len, "AES");
  }

  /** Encrypts {@code b[ptOff..ptOff+ptLen)} in place and writes the tag right after it. */
  void seal(byte[] b, int aadOff, int aadLen, byte[] aad2, int aad2Off, int aad2Len, int ptOff, int ptLen)
      throws GeneralSecurityException {
    cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
    cipher.updateAAD(b, aadOff, aadLen);
    if (aad2Len > 0) {
      cipher.updateAAD(aad2, aad2Off, aad2Len);
    }
    cipher.doFinal(b, ptOff, ptLen, b, ptOff);
  }

  /** Verifies and decrypts {@code b[ctOff..ctOff+ctLen)} (tag included) in place; false if the tag fails. */
  boolean open(byte[] b, int aadOff, int aadLen, byte[] aad2, int aad2Off, int aad2Len, int ctOff, int ctLen)
      throws GeneralSecurityException {
    cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
    cipher.updateAAD(b, aadOff, aadLen);
    if (aad2Len > 0) {
      cipher.updateAAD(aad2, aad2Off, aad2Len);
    }
    try {
      cipher.doFinal(b, ctOff, ctLen, b, ctOff);
      return true;
    } catch (AEADBadTagException e) {
      return false;
    }
  }

  void forEachSecret(Consumer<byte[]> visitor) {
    visitor.accept(iv);
  }

  void wipe() {
    Bytes.wipe(iv);
    key = null;
  }
}
