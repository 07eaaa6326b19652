package ims.media.srtp;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The JDK's own AES counter mode ({@code com.sun.crypto.provider.CounterMode} over {@code AESCrypt}, whose block
 * loop is an AES-NI intrinsic), keyed once and re-positioned per packet by writing its counter block directly.
 *
 * <p>Why: {@code Cipher.init} per packet (what {@link JceCtr} does) re-runs the JCE's provider and
 * permission checks, hands the key out and compares it with the last one, and checks the IV; in the relay that was
 * about 15 % of the event loop's samples, more than the AES itself. Here a packet costs one counter write and the
 * intrinsic, in place (the public {@code Cipher.update} copies the input of an in-place call).
 *
 * <p>Only available when {@code java.base} opens {@code com.sun.crypto.provider} to this code
 * ({@code --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED}) and a self-test against the public
 * {@code AES/CTR/NoPadding} passes; otherwise {@link #AVAILABLE} is false and {@link JceCtr} re-initialises a
 * {@code Cipher} per packet. {@code -Dims.srtp.directCtr=false} forces that path too (a diagnostic, and a way out
 * should a JDK change the engine in a way the self-test does not catch).
 */
final class JdkCtr implements AesCtr {
  /** System property that switches the direct engine off ({@code false}); on by default. */
  static final String PROPERTY = "ims.srtp.directCtr";
  static final boolean AVAILABLE;
  private static final MethodHandle NEW_AES;
  private static final MethodHandle NEW_CTR;
  private static final MethodHandle INIT;
  private static final MethodHandle ENCRYPT;
  private static final VarHandle COUNTER;
  private static final VarHandle ENCRYPTED_COUNTER;
  private static final VarHandle USED;

  static {
    MethodHandle newAes = null;
    MethodHandle newCtr = null;
    MethodHandle init = null;
    MethodHandle encrypt = null;
    VarHandle counter = null;
    VarHandle encryptedCounter = null;
    VarHandle used = null;
    boolean ok;
    try {
      Class<?> aes = Class.forName("com.sun.crypto.provider.AESCrypt");
      Class<?> symmetric = Class.forName("com.sun.crypto.provider.SymmetricCipher");
      Class<?> ctr = Class.forName("com.sun.crypto.provider.CounterMode");
      MethodHandles.Lookup aesLookup = MethodHandles.privateLookupIn(aes, MethodHandles.lookup());
      MethodHandles.Lookup ctrLookup = MethodHandles.privateLookupIn(ctr, MethodHandles.lookup());
      newAes = aesLookup.findConstructor(aes, MethodType.methodType(void.class))
          .asType(MethodType.methodType(Object.class));
      newCtr = ctrLookup.findConstructor(ctr, MethodType.methodType(void.class, symmetric))
          .asType(MethodType.methodType(Object.class, Object.class));
      init = ctrLookup.findVirtual(ctr, "init",
              MethodType.methodType(void.class, boolean.class, String.class, byte[].class, byte[].class))
          .asType(MethodType.methodType(void.class, Object.class, boolean.class, String.class, byte[].class,
              byte[].class));
      encrypt = ctrLookup.findVirtual(ctr, "encrypt",
              MethodType.methodType(int.class, byte[].class, int.class, int.class, byte[].class, int.class))
          .asType(MethodType.methodType(int.class, Object.class, byte[].class, int.class, int.class, byte[].class,
              int.class));
      counter = ctrLookup.findVarHandle(ctr, "counter", byte[].class);
      encryptedCounter = ctrLookup.findVarHandle(ctr, "encryptedCounter", byte[].class);
      used = ctrLookup.findVarHandle(ctr, "used", int.class);
      ok = true;
    } catch (Throwable notOpen) {
      ok = false;
    }
    NEW_AES = newAes;
    NEW_CTR = newCtr;
    INIT = init;
    ENCRYPT = encrypt;
    COUNTER = counter;
    ENCRYPTED_COUNTER = encryptedCounter;
    USED = used;
    AVAILABLE = ok && !"false".equals(System.getProperty(PROPERTY)) && selfTest();
  }

  private final Object mode;
  /** The mode's live counter block (the next block to encrypt) and its last keystream block. */
  private final byte[] counter;
  private final byte[] keystream;
  private final byte[] initialIv = new byte[16];
  private int keyLength;

  private JdkCtr() throws Throwable {
    mode = (Object) NEW_CTR.invokeExact((Object) NEW_AES.invokeExact());
    counter = (byte[]) COUNTER.get(mode);
    keystream = (byte[]) ENCRYPTED_COUNTER.get(mode);
  }

  /** A new, unkeyed instance; only when {@link #AVAILABLE}. */
  static JdkCtr create() {
    try {
      return new JdkCtr();
    } catch (Throwable e) {
      throw new IllegalStateException("JDK AES/CTR access failed after its self-test passed", e);
    }
  }

  /** Keys the AES with {@code k[off..off+len)} (the JDK keeps its own copy and schedule; ours is wiped). */
  @Override
  public void init(byte[] k, int off, int len) throws GeneralSecurityException {
    byte[] copy = Arrays.copyOfRange(k, off, off + len);
    try {
      INIT.invokeExact(mode, false, "AES", copy, initialIv);
      keyLength = len;
    } catch (GeneralSecurityException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    } finally {
      Bytes.wipe(copy);
    }
  }

  /** Positions the keystream at the 128-bit counter block {@code (ivHi, ivLo)}. */
  @Override
  public void start(long ivHi, long ivLo) {
    Bytes.setLong(counter, 0, ivHi);
    Bytes.setLong(counter, 8, ivLo);
    USED.set(mode, 16);                  // the last keystream block is used up: the next byte encrypts the counter
  }

  /** XORs the next {@code len} keystream bytes into {@code data[off..off+len)}, in place. */
  @Override
  public void apply(byte[] data, int off, int len) {
    if (len == 0) {
      return;
    }
    try {
      int unused = (int) ENCRYPT.invokeExact(mode, data, off, len, data, off);
    } catch (Throwable e) {
      throw Invocations.unchecked(e);
    }
  }

  @Override
  public void block(byte[] out, int off) {
    Arrays.fill(out, off, off + 16, (byte) 0);
    apply(out, off, 16);
  }

  /** The JDK's key copy and the last keystream block (for the wipe test). */
  @Override
  public void forEachSecret(java.util.function.Consumer<byte[]> visitor) {
    visitor.accept(keystream);
    visitor.accept(counter);
  }

  /** Re-keys the JDK's AES with zeros (it erases the old schedule and key copy) and zeroes the counter state. */
  @Override
  public void wipe() {
    if (keyLength > 0) {
      byte[] zero = new byte[keyLength];
      try {
        INIT.invokeExact(mode, false, "AES", zero, initialIv);
      } catch (Throwable e) {
        // nothing more we can do for the JDK's copy
      }
    }
    Bytes.wipe(counter);
    Bytes.wipe(keystream);
  }

  /**
   * The same keystream as the public {@code AES/CTR/NoPadding} for RFC 3711 appendix B.2's key and counter, over a
   * length that is not a whole number of blocks, twice (the re-positioning must work repeatedly), plus a packet at
   * another counter.
   */
  private static boolean selfTest() {
    try {
      HexFormat hex = HexFormat.of();
      byte[] key = hex.parseHex("2b7e151628aed2a6abf7158809cf4f3c");
      byte[] iv = hex.parseHex("f0f1f2f3f4f5f6f7f8f9fafbfcfd0000");
      byte[] iv2 = hex.parseHex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfffe");
      JdkCtr ours = new JdkCtr();
      ours.init(key, 0, key.length);
      Cipher jce = Cipher.getInstance("AES/CTR/NoPadding");
      boolean same = true;
      for (byte[] counterBlock : new byte[][] {iv, iv2, iv}) {
        byte[] a = new byte[83];
        for (int i = 0; i < a.length; i++) {
          a[i] = (byte) (i * 7 + 3);
        }
        byte[] b = a.clone();
        ours.start(Bytes.getLong(counterBlock, 0), Bytes.getLong(counterBlock, 8));
        ours.apply(a, 0, a.length);
        jce.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(counterBlock));
        b = jce.doFinal(b);
        same &= Arrays.equals(a, b);
      }
      ours.wipe();
      return same;
    } catch (Throwable e) {
      return false;
    }
  }
}
