package ims.media.srtp;

import java.security.GeneralSecurityException;
import java.util.function.Consumer;

/**
 * The SRTP key derivation function: the AES-CM PRF of RFC 3711 section 4.3.3 keyed with the master key
 * (AES-128; AES-192/256 for RFC 6188's AES_192_CM_PRF / AES_256_CM_PRF).
 *
 * <p>A 96-bit AEAD master salt is multiplied by 2^16 into the 112-bit KDF salt (RFC 7714 erratum 4938,
 * as libsrtp does).
 */
final class Kdf {
  static final int SRTP_ENCRYPTION = 0x00;
  static final int SRTP_AUTH = 0x01;
  static final int SRTP_SALT = 0x02;
  static final int SRTCP_ENCRYPTION = 0x03;
  static final int SRTCP_AUTH = 0x04;
  static final int SRTCP_SALT = 0x05;

  private final AesCtr prf;
  /** Master salt in the high 14 (or 12) bytes of a 16-byte block. */
  private final byte[] salt16 = new byte[16];

  Kdf(byte[] masterKey, byte[] masterSalt) throws GeneralSecurityException {
    if (masterSalt.length > 14) {
      throw new IllegalArgumentException("master salt longer than 112 bits");
    }
    prf = AesCtr.create();
    prf.init(masterKey, 0, masterKey.length);
    System.arraycopy(masterSalt, 0, salt16, 0, masterSalt.length);
  }

  /**
   * Writes {@code len} bytes of the key for {@code label} and {@code r = index DIV kdr} to
   * {@code out[off..)}: AES-CM keystream at IV = (master_salt XOR (label || r)) * 2^16.
   */
  void derive(int label, long r, byte[] out, int off, int len) throws GeneralSecurityException {
    java.util.Arrays.fill(out, off, off + len, (byte) 0);
    long ivHi = Bytes.getLong(salt16, 0) ^ (label & 0xff);
    long ivLo = Bytes.getLong(salt16, 8) ^ ((r & 0xFFFF_FFFF_FFFFL) << 16);
    prf.xor(ivHi, ivLo, out, off, len);
  }

  void forEachSecret(Consumer<byte[]> visitor) {
    visitor.accept(salt16);
    prf.forEachSecret(visitor);          // the master key copy
  }

  void wipe() {
    Bytes.wipe(salt16);
    prf.wipe();
  }
}
