package ims.media.srtp;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The JDK's GHASH ({@code com.sun.crypto.provider.GHASH}, whose block processing is a CLMUL/AVX intrinsic), used
 * without its allocating {@code digest()}: the 128-bit state is read and cleared in place.
 *
 * <p>Only available when {@code java.base} opens {@code com.sun.crypto.provider} to this code
 * ({@code --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED}) and a self-test against {@link Ghash}'s
 * own table implementation passes; otherwise {@link #AVAILABLE} is false and the tables are used.
 */
final class JdkGhash {
  static final boolean AVAILABLE;
  private static final MethodHandle NEW;
  private static final MethodHandle UPDATE;
  private static final VarHandle STATE;
  private static final VarHandle SUBKEY_TABLE;

  static {
    MethodHandle create = null;
    MethodHandle update = null;
    VarHandle state = null;
    VarHandle table = null;
    boolean ok;
    try {
      Class<?> ghash = Class.forName("com.sun.crypto.provider.GHASH");
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(ghash, MethodHandles.lookup());
      create = lookup.findConstructor(ghash, MethodType.methodType(void.class, byte[].class))
          .asType(MethodType.methodType(Object.class, byte[].class));
      update = lookup.findVirtual(ghash, "update", MethodType.methodType(int.class, byte[].class, int.class,
          int.class)).asType(MethodType.methodType(int.class, Object.class, byte[].class, int.class, int.class));
      state = lookup.findVarHandle(ghash, "state", long[].class);
      table = lookup.findVarHandle(ghash, "subkeyHtbl", long[].class);
      ok = true;
    } catch (Throwable notOpen) {
      ok = false;
    }
    NEW = create;
    UPDATE = update;
    STATE = state;
    SUBKEY_TABLE = table;
    AVAILABLE = ok && selfTest();
  }

  private JdkGhash() {}

  /** A JDK GHASH keyed with H = {@code h[off..off+16)}. */
  static Object create(byte[] h, int off) {
    byte[] copy = Arrays.copyOfRange(h, off, off + 16);
    try {
      return (Object) NEW.invokeExact(copy);
    } catch (Throwable e) {
      throw new IllegalStateException("JDK GHASH failed after its self-test passed", e);
    } finally {
      Bytes.wipe(copy);
    }
  }

  /** The live 2-long state (Y) of {@code ghash}, big-endian halves. */
  static long[] state(Object ghash) {
    return (long[]) STATE.get(ghash);
  }

  /** Absorbs {@code len} bytes, a multiple of 16. */
  static void update(Object ghash, byte[] b, int off, int len) {
    try {
      int unused = (int) UPDATE.invokeExact(ghash, b, off, len);
    } catch (Throwable e) {
      throw new IllegalStateException("JDK GHASH failed", e);
    }
  }

  /** Zeroes the powers of H and the state the JDK object holds. */
  static void wipe(Object ghash) {
    Arrays.fill((long[]) SUBKEY_TABLE.get(ghash), 0);
    Arrays.fill(state(ghash), 0);
  }

  /** Same GHASH from the JDK and from the table implementation, for an arbitrary H and 100 bytes of text. */
  private static boolean selfTest() {
    try {
      byte[] h = new byte[16];
      byte[] text = new byte[100];
      for (int i = 0; i < text.length; i++) {
        text[i] = (byte) (i * 31 + 7);
        h[i % 16] ^= (byte) (i * 13 + 1);
      }
      byte[] ours = new byte[16];
      Ghash tables = new Ghash(true, false);
      tables.init(h, 0);
      tables.update(text, 0, 13);
      tables.pad();
      tables.update(text, 13, 87);
      tables.finish(13, 87, ours, 0);
      byte[] theirs = new byte[16];
      Ghash jdk = new Ghash(true, true);
      jdk.init(h, 0);
      jdk.update(text, 0, 13);
      jdk.pad();
      jdk.update(text, 13, 87);
      jdk.finish(13, 87, theirs, 0);
      jdk.wipe();
      return Arrays.equals(ours, theirs);
    } catch (Throwable e) {
      return false;
    }
  }
}
