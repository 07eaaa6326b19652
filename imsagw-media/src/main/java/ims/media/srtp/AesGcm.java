package ims.media.srtp;

import java.security.GeneralSecurityException;
import java.util.function.Consumer;

/**
 * AES-GCM with a 96-bit IV and a 16-byte tag (RFC 7714), built from {@link AesCtr} and {@link Ghash} so that it
 * allocates nothing per packet (the JCE's AES/GCM allocates about 1 KiB per packet: spec, IV copies, engine) and verifies the tag before it
 * decrypts anything (the JCE's in-place decrypt writes plaintext even when the tag fails).
 */
final class AesGcm {
  static final int TAG = 16;
  private final AesCtr ctr = AesCtr.create();
  private final Ghash ghash;
  final byte[] iv = new byte[12];
  private final byte[] mask = new byte[16];
  private final byte[] computed = new byte[16];

  /** {@code fast}: 64 KiB GHASH tables (SRTP); otherwise 8 KiB (SRTCP, rare packets). */
  AesGcm(boolean fast) throws GeneralSecurityException {
    this.ghash = new Ghash(fast);
  }

  void init(byte[] k, int off, int len) throws GeneralSecurityException {
    ctr.init(k, off, len);
    byte[] h = new byte[16];
    ctr.xor(0, 0, h, 0, 16);          // H = E(K, 0^128)
    ghash.init(h, 0);
    Bytes.wipe(h);
  }

  private long ivHi() {
    return Bytes.getLong(iv, 0);
  }

  /** J0 = IV || 0x00000001 (section 7.1 of SP 800-38D for a 96-bit IV). */
  private long j0Lo() {
    return ((long) Bytes.getInt(iv, 8) << 32) | 1;
  }

  private void hash(byte[] b, int aadOff, int aadLen, byte[] aad2, int aad2Off, int aad2Len, int textOff,
      int textLen) {
    ghash.reset();
    ghash.update(b, aadOff, aadLen);
    if (aad2Len > 0) {
      ghash.update(aad2, aad2Off, aad2Len);
    }
    ghash.pad();
    ghash.update(b, textOff, textLen);
    ghash.finish(aadLen + aad2Len, textLen, computed, 0);
  }

  /** Encrypts {@code b[ptOff..ptOff+ptLen)} in place and writes the tag right after it. */
  void seal(byte[] b, int aadOff, int aadLen, byte[] aad2, int aad2Off, int aad2Len, int ptOff, int ptLen)
      throws GeneralSecurityException {
    ctr.start(ivHi(), j0Lo());
    ctr.block(mask, 0);                // E(K, J0), then J0 + 1 .. for the text
    ctr.apply(b, ptOff, ptLen);
    hash(b, aadOff, aadLen, aad2, aad2Off, aad2Len, ptOff, ptLen);
    for (int i = 0; i < TAG; i++) {
      b[ptOff + ptLen + i] = (byte) (computed[i] ^ mask[i]);
    }
  }

  /**
   * Verifies the tag of {@code b[ctOff..ctOff+ctLen)} (ciphertext then tag) in constant time and only then
   * decrypts in place; false, with the buffer untouched, if the tag fails.
   */
  boolean open(byte[] b, int aadOff, int aadLen, byte[] aad2, int aad2Off, int aad2Len, int ctOff, int ctLen)
      throws GeneralSecurityException {
    int textLen = ctLen - TAG;
    hash(b, aadOff, aadLen, aad2, aad2Off, aad2Len, ctOff, textLen);
    ctr.start(ivHi(), j0Lo());
    ctr.block(mask, 0);
    int diff = 0;
    for (int i = 0; i < TAG; i++) {
      diff |= (computed[i] ^ mask[i]) ^ b[ctOff + textLen + i];
    }
    if (diff != 0) {
      return false;
    }
    ctr.apply(b, ctOff, textLen);      // continues at J0 + 1
    return true;
  }

  /** Re-applies the keystream of the current IV to {@code b[off..off+len)} (undoes a decryption). */
  void recrypt(byte[] b, int off, int len) throws GeneralSecurityException {
    ctr.xor(ivHi(), j0Lo() + 1, b, off, len);
  }

  void forEachSecret(Consumer<byte[]> visitor) {
    visitor.accept(iv);
    visitor.accept(mask);
    visitor.accept(computed);
    ghash.forEachSecret(visitor);
    ctr.forEachSecret(visitor);
  }

  boolean tablesWiped() {
    return ghash.isWiped();
  }

  void wipe() {
    Bytes.wipe(iv);
    Bytes.wipe(mask);
    Bytes.wipe(computed);
    ghash.wipe();
    ctr.wipe();
  }
}
