package ims.media.srtp;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;

/**
 * AES in counter mode (RFC 3711 section 4.1.1) on the JDK's AES/CTR (AES-NI, several blocks in flight), re-seeded
 * per packet without allocation: through {@link JdkCtr} (keyed once, counter written per packet) when
 * {@code java.base} opens {@code com.sun.crypto.provider}, else through the public JCE as below.
 *
 * <p>Why this shape: {@code Cipher.init} with a new {@code IvParameterSpec} and a {@code SecretKeySpec} allocates
 * about 112 bytes per packet (IV and key clones). Here the key object hands out a scratch copy that the JCE wipes
 * after use, and the IV spec hands out one live array that is rewritten before every {@code init}. The JCE keeps
 * the key schedule across inits because the key bytes compare equal. Input is staged in a scratch array because
 * the JCE copies the input of an in-place update.
 */
final class AesCtr {
  private static final int CHUNK = 2048;

  /** The direct engine, or null: then the public JCE objects below are used. */
  private final JdkCtr jdk;
  private final Cipher cipher;
  private final ReusableKey key;
  private final LiveIv iv;
  private final byte[] scratch;
  private int keyLength;

  AesCtr() throws GeneralSecurityException {
    this(JdkCtr.AVAILABLE);
  }

  /** {@code direct}: the {@link JdkCtr} engine (only when it is available), else the public JCE. */
  AesCtr(boolean direct) throws GeneralSecurityException {
    if (direct && !JdkCtr.AVAILABLE) {
      throw new IllegalStateException("java.base does not open com.sun.crypto.provider");
    }
    jdk = direct ? JdkCtr.create() : null;
    cipher = direct ? null : Cipher.getInstance("AES/CTR/NoPadding");
    key = direct ? null : new ReusableKey();
    iv = direct ? null : new LiveIv();
    scratch = new byte[direct ? 16 : CHUNK];
  }

  /** True when the direct {@link JdkCtr} engine is used. */
  boolean isDirect() {
    return jdk != null;
  }

  void init(byte[] k, int off, int len) throws GeneralSecurityException {
    keyLength = len;
    if (jdk != null) {
      jdk.init(k, off, len);
      return;
    }
    key.set(k, off, len);
    start(0, 0);
  }

  /** Positions the keystream at the 128-bit counter block {@code (ivHi, ivLo)}. */
  void start(long ivHi, long ivLo) throws GeneralSecurityException {
    if (jdk != null) {
      jdk.start(ivHi, ivLo);
      return;
    }
    Bytes.setLong(iv.live, 0, ivHi);
    Bytes.setLong(iv.live, 8, ivLo);
    cipher.init(Cipher.ENCRYPT_MODE, key, iv);
  }

  /** XORs the next {@code len} keystream bytes into {@code data[off..off+len)}. */
  void apply(byte[] data, int off, int len) throws ShortBufferException {
    if (jdk != null) {
      jdk.apply(data, off, len);
      return;
    }
    while (len > 0) {
      int n = Math.min(len, CHUNK);
      System.arraycopy(data, off, scratch, 0, n);
      cipher.update(scratch, 0, n, data, off);
      off += n;
      len -= n;
    }
  }

  /** XORs the keystream of the initial counter {@code (ivHi, ivLo)} into {@code data[off..off+len)}. */
  void xor(long ivHi, long ivLo, byte[] data, int off, int len) throws GeneralSecurityException {
    start(ivHi, ivLo);
    apply(data, off, len);
  }

  /** The next keystream block itself, into {@code out[off..off+16)} (GCM's tag mask E(K, J0)). */
  void block(byte[] out, int off) throws ShortBufferException {
    if (jdk != null) {
      Arrays.fill(out, off, off + 16, (byte) 0);
      jdk.apply(out, off, 16);
      return;
    }
    Arrays.fill(scratch, 0, 16, (byte) 0);
    cipher.update(scratch, 0, 16, out, off);
  }

  /** Visits the key copy (for the wipe test). */
  void forEachSecret(java.util.function.Consumer<byte[]> visitor) {
    if (jdk != null) {
      jdk.forEachSecret(visitor);
    } else {
      visitor.accept(key.bytes);
    }
  }

  /** Wipes the key copy and makes the JCE drop the key schedule (it wipes the old one on a key change). */
  void wipe() {
    Bytes.wipe(scratch);
    if (jdk != null) {
      jdk.wipe();
      return;
    }
    Bytes.wipe(iv.live);
    if (keyLength > 0) {
      key.set(new byte[keyLength], 0, keyLength);
      try {
        cipher.init(Cipher.ENCRYPT_MODE, key, iv);
      } catch (GeneralSecurityException e) {
        // nothing more we can do for the JCE's copy; ours is gone
      }
    }
    key.wipe();
  }

  /** RAW AES key whose {@code getEncoded()} returns a scratch copy, which the JCE zero-fills after use. */
  private static final class ReusableKey implements SecretKey {
    private static final long serialVersionUID = 1L;
    private transient byte[] bytes = new byte[0];
    private transient byte[] handedOut = new byte[0];

    void set(byte[] k, int off, int len) {
      Bytes.wipe(bytes);
      bytes = Arrays.copyOfRange(k, off, off + len);
      handedOut = new byte[len];
    }

    void wipe() {
      Bytes.wipe(bytes);
      Bytes.wipe(handedOut);
    }

    @Override
    public String getAlgorithm() {
      return "AES";
    }

    @Override
    public String getFormat() {
      return "RAW";
    }

    @Override
    public byte[] getEncoded() {
      System.arraycopy(bytes, 0, handedOut, 0, bytes.length);
      return handedOut;
    }

    @Override
    public String toString() {
      return "ReusableKey[<redacted>]";
    }
  }

  /** IV spec backed by one array that is rewritten before each init (the JCE reads it during init/reset). */
  private static final class LiveIv extends IvParameterSpec {
    final byte[] live = new byte[16];

    LiveIv() {
      super(new byte[16]);
    }

    @Override
    public byte[] getIV() {
      return live;
    }
  }
}
