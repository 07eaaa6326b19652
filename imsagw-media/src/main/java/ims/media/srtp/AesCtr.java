package ims.media.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.ShortBufferException;

/**
 * AES in counter mode (RFC 3711 section 4.1.1), re-seeded per packet without allocation. Two engines:
 * {@link JdkCtr} (the JDK's CounterMode keyed once, the counter block written per packet) when {@code java.base}
 * opens {@code com.sun.crypto.provider} and its self-test passes, else {@link JceCtr} (the public JCE, one
 * {@code Cipher.init} per packet). Confined to one thread, like the contexts that hold it.
 */
sealed interface AesCtr permits JdkCtr, JceCtr {

  /** The engine this JVM allows: {@link JdkCtr} when {@link JdkCtr#AVAILABLE}, else {@link JceCtr}. */
  static AesCtr create() throws GeneralSecurityException {
    return create(JdkCtr.AVAILABLE);
  }

  /** {@code direct}: the {@link JdkCtr} engine (only when it is available), else the public JCE. */
  static AesCtr create(boolean direct) throws GeneralSecurityException {
    if (!direct) {
      return new JceCtr();
    }
    if (!JdkCtr.AVAILABLE) {
      throw new IllegalStateException("java.base does not open com.sun.crypto.provider");
    }
    return JdkCtr.create();
  }

  /** Keys the cipher with {@code k[off..off+len)} (16, 24 or 32 bytes). */
  void init(byte[] k, int off, int len) throws GeneralSecurityException;

  /** Positions the keystream at the 128-bit counter block {@code (ivHi, ivLo)}. */
  void start(long ivHi, long ivLo) throws GeneralSecurityException;

  /** XORs the next {@code len} keystream bytes into {@code data[off..off+len)}. */
  void apply(byte[] data, int off, int len) throws ShortBufferException;

  /** The next keystream block itself, into {@code out[off..off+16)} (GCM's tag mask E(K, J0)). */
  void block(byte[] out, int off) throws ShortBufferException;

  /** XORs the keystream of the initial counter {@code (ivHi, ivLo)} into {@code data[off..off+len)}. */
  default void xor(long ivHi, long ivLo, byte[] data, int off, int len) throws GeneralSecurityException {
    start(ivHi, ivLo);
    apply(data, off, len);
  }

  /** True for the direct {@link JdkCtr} engine. */
  default boolean isDirect() {
    return this instanceof JdkCtr;
  }

  /** Visits the key material it holds (for the wipe test). */
  void forEachSecret(java.util.function.Consumer<byte[]> visitor);

  /** Wipes its key copies and makes the JDK drop the key schedule. */
  void wipe();
}
