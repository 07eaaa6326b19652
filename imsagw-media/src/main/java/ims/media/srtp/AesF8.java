package ims.media.srtp;

import java.security.GeneralSecurityException;
import java.util.function.Consumer;
import javax.crypto.ShortBufferException;

/**
 * AES in f8-mode (RFC 3711 section 4.1.2.2): IV' = E(k_e XOR m, IV) with m = k_s || 0x55..55, then
 * S(j) = E(k_e, IV' XOR j XOR S(j-1)). Inherently sequential; kept for completeness, not speed.
 */
final class AesF8 {
  private final AesBlock main = new AesBlock();
  private final AesBlock masked = new AesBlock();
  private final byte[] ivPrime = new byte[16];
  private final byte[] s = new byte[16];
  private final byte[] in = new byte[16];

  AesF8() throws GeneralSecurityException {}

  /** Keys with {@code key[0..keyLen)} and the session salt {@code salt[0..saltLen)}; {@code tmp} >= keyLen bytes. */
  void init(byte[] key, int keyLen, byte[] salt, int saltLen, byte[] tmp) throws GeneralSecurityException {
    main.init(key, 0, keyLen);
    for (int i = 0; i < keyLen; i++) {
      byte m = i < saltLen ? salt[i] : (byte) 0x55;
      tmp[i] = (byte) (key[i] ^ m);
    }
    masked.init(tmp, 0, keyLen);
    Bytes.wipe(tmp);
  }

  /** XORs the f8 keystream for the 16-byte {@code iv} into {@code data[off..off+len)}. */
  void xor(byte[] iv, byte[] data, int off, int len) throws ShortBufferException {
    masked.encrypt(iv, 0, ivPrime, 0);
    java.util.Arrays.fill(s, (byte) 0);
    for (int j = 0; len > 0; j++) {
      for (int i = 0; i < 16; i++) {
        in[i] = (byte) (ivPrime[i] ^ s[i]);
      }
      Bytes.setInt(in, 12, Bytes.getInt(in, 12) ^ j);
      main.encrypt(in, 0, s, 0);
      int n = Math.min(16, len);
      Bytes.xor(data, off, s, 0, n);
      off += n;
      len -= n;
    }
  }

  void forEachSecret(Consumer<byte[]> visitor) {
    visitor.accept(ivPrime);
    visitor.accept(s);
    visitor.accept(in);
  }

  void wipe() {
    Bytes.wipe(ivPrime);
    Bytes.wipe(s);
    Bytes.wipe(in);
    main.wipe();
    masked.wipe();
  }
}
