package ims.media.srtp;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;

/**
 * {@link AesCtr} on the public JCE's AES/CTR (AES-NI, several blocks in flight), re-seeded per packet without
 * allocation; the engine when {@link JdkCtr} is not available.
 *
 * <p>Why this shape: {@code Cipher.init} with a new {@code IvParameterSpec} and a {@code SecretKeySpec} allocates
 * about 112 bytes per packet (IV and key clones). Here the key object hands out a scratch copy that the JCE wipes
 * after use, and the IV spec hands out one live array that is rewritten before every {@code init}. The JCE keeps
 * the key schedule across inits because the key bytes compare equal. Input is staged in a scratch array because
 * the JCE copies the input of an in-place update.
 */
final class JceCtr implements AesCtr {
  private static final int CHUNK = 2048;

  private final Cipher cipher;
  private final ReusableKey key = new ReusableKey();
  private final LiveIv iv = new LiveIv();
  private final byte[] scratch = new byte[CHUNK];
  private int keyLength;

  JceCtr() throws GeneralSecurityException {
    cipher = Cipher.getInstance("AES/CTR/NoPadding");
  }

  @Override
  public void init(byte[] k, int off, int len) throws GeneralSecurityException {
    key.set(k, off, len);
    keyLength = len;
    start(0, 0);
  }

  /** Positions the keystream at the 128-bit counter block {@code (ivHi, ivLo)}. */
  @Override
  public void start(long ivHi, long ivLo) throws GeneralSecurityException {
    Bytes.setLong(iv.live, 0, ivHi);
    Bytes.setLong(iv.live, 8, ivLo);
    cipher.init(Cipher.ENCRYPT_MODE, key, iv);
  }

  /** XORs the next {@code len} keystream bytes into {@code data[off..off+len)}. */
  @Override
  public void apply(byte[] data, int off, int len) throws ShortBufferException {
    while (len > 0) {
      int n = Math.min(len, CHUNK);
      System.arraycopy(data, off, scratch, 0, n);
      cipher.update(scratch, 0, n, data, off);
      off += n;
      len -= n;
    }
  }

  /** The next keystream block itself, into {@code out[off..off+16)} (GCM's tag mask E(K, J0)). */
  @Override
  public void block(byte[] out, int off) throws ShortBufferException {
    Arrays.fill(scratch, 0, 16, (byte) 0);
    cipher.update(scratch, 0, 16, out, off);
  }

  /** Visits the key copy (for the wipe test). */
  @Override
  public void forEachSecret(java.util.function.Consumer<byte[]> visitor) {
    visitor.accept(key.bytes);
  }

  /** Wipes the key copy and makes the JCE drop the key schedule (it wipes the old one on a key change). */
  @Override
  public void wipe() {
    Bytes.wipe(scratch);
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
