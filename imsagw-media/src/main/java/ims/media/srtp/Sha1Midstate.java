package ims.media.srtp;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.HexFormat;

/**
 * Access to the JDK's own SHA-1 ({@code sun.security.provider.SHA}, whose compression is a HotSpot intrinsic)
 * with its chaining state saved and restored, so HMAC can start from precomputed ipad/opad states (RFC 2104
 * section 4) instead of hashing the two pad blocks for every packet: 4 instead of 6 SHA-1 blocks for a voice
 * packet.
 *
 * <p>Only available when {@code java.base} opens {@code sun.security.provider} to this code
 * ({@code --add-opens java.base/sun.security.provider=ALL-UNNAMED}); a known-answer self-test (RFC 2202 test case
 * 2) runs before it is used. Otherwise {@link #AVAILABLE} is false and {@link HmacSha1} hashes the pads each time
 * through the public {@code MessageDigest} API.
 */
final class Sha1Midstate {
  static final boolean AVAILABLE;
  private static final MethodHandle NEW;
  private static final MethodHandle UPDATE;
  private static final MethodHandle DIGEST;
  private static final MethodHandle RESET;
  private static final VarHandle STATE;
  private static final VarHandle BYTES_PROCESSED;
  private static final VarHandle BUF_OFS;

  static {
    MethodHandle create = null;
    MethodHandle update = null;
    MethodHandle digest = null;
    MethodHandle reset = null;
    VarHandle state = null;
    VarHandle processed = null;
    VarHandle bufOfs = null;
    boolean ok = false;
    try {
      Class<?> sha = Class.forName("sun.security.provider.SHA");
      Class<?> base = sha.getSuperclass();
      MethodHandles.Lookup shaLookup = MethodHandles.privateLookupIn(sha, MethodHandles.lookup());
      MethodHandles.Lookup baseLookup = MethodHandles.privateLookupIn(base, MethodHandles.lookup());
      create = shaLookup.findConstructor(sha, MethodType.methodType(void.class))
          .asType(MethodType.methodType(Object.class));
      update = baseLookup.findVirtual(base, "engineUpdate",
              MethodType.methodType(void.class, byte[].class, int.class, int.class))
          .asType(MethodType.methodType(void.class, Object.class, byte[].class, int.class, int.class));
      digest = baseLookup.findVirtual(base, "engineDigest",
              MethodType.methodType(int.class, byte[].class, int.class, int.class))
          .asType(MethodType.methodType(int.class, Object.class, byte[].class, int.class, int.class));
      reset = baseLookup.findVirtual(base, "engineReset", MethodType.methodType(void.class))
          .asType(MethodType.methodType(void.class, Object.class));
      state = shaLookup.findVarHandle(sha, "state", int[].class);
      processed = baseLookup.findVarHandle(base, "bytesProcessed", long.class);
      bufOfs = baseLookup.findVarHandle(base, "bufOfs", int.class);
      ok = true;
    } catch (Throwable notOpen) {
      ok = false;
    }
    NEW = create;
    UPDATE = update;
    DIGEST = digest;
    RESET = reset;
    STATE = state;
    BYTES_PROCESSED = processed;
    BUF_OFS = bufOfs;
    AVAILABLE = ok && selfTest();
  }

  private final Object sha;
  private final int[] state;

  private Sha1Midstate() throws Throwable {
    sha = (Object) NEW.invokeExact();
    state = (int[]) STATE.get(sha);
  }

  /** A new SHA-1 instance; only when {@link #AVAILABLE}. */
  static Sha1Midstate create() {
    try {
      return new Sha1Midstate();
    } catch (Throwable e) {
      throw new IllegalStateException("SHA-1 midstate access failed after its self-test passed", e);
    }
  }

  void update(byte[] b, int off, int len) {
    try {
      UPDATE.invokeExact(sha, b, off, len);
    } catch (Throwable e) {
      throw Invocations.unchecked(e);
    }
  }

  /** Writes the digest to {@code out[off..off+20)}; the state must be restored or reset before further use. */
  void digest(byte[] out, int off) {
    try {
      int n = (int) DIGEST.invokeExact(sha, out, off, 20);
      assert n == 20;
    } catch (Throwable e) {
      throw Invocations.unchecked(e);
    }
  }

  void reset() {
    try {
      RESET.invokeExact(sha);
    } catch (Throwable e) {
      throw Invocations.unchecked(e);
    }
  }

  /** Saves the chaining state after exactly one 64-byte block was hashed. */
  void saveAfterOneBlock(int[] into) {
    System.arraycopy(state, 0, into, 0, 5);
  }

  /** Continues as if exactly one block (whose resulting state is {@code from}) had been hashed. */
  void restoreAfterOneBlock(int[] from) {
    System.arraycopy(from, 0, state, 0, 5);
    BYTES_PROCESSED.set(sha, 64L);
    BUF_OFS.set(sha, 0);
  }

  /** RFC 2202 section 3 test case 2: HMAC-SHA-1("Jefe", "what do ya want for nothing?"). */
  private static boolean selfTest() {
    try {
      HmacSha1 mac = new HmacSha1(new Sha1Midstate());
      byte[] key = "Jefe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      byte[] data = "what do ya want for nothing?".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      byte[] out = new byte[20];
      mac.init(key, 0, key.length);
      boolean same = true;
      for (int round = 0; round < 3; round++) {      // state restore must work repeatedly
        mac.begin();
        mac.update(data, 0, data.length);
        mac.finish(out, 0);
        same &= HexFormat.of().formatHex(out).equals("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
      }
      mac.wipe();
      return same;
    } catch (Throwable e) {
      return false;
    }
  }
}
