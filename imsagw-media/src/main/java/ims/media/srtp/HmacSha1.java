package ims.media.srtp;

import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * HMAC-SHA1 (RFC 2104) writing into the caller's array, without allocation (the JCE's
 * {@code Mac.doFinal(byte[], int)} allocates two arrays per call).
 *
 * <p>Two engines: with {@link Sha1Midstate} (when the JDK lets us), the ipad/opad chaining states are computed once
 * per key and restored per packet; otherwise a public SHA-1 {@link MessageDigest} hashes both pads every time.
 */
final class HmacSha1 {
  static final int LENGTH = 20;
  private static final int BLOCK = 64;

  private final MessageDigest md;
  private final Sha1Midstate fast;
  private final byte[] ipad = new byte[BLOCK];
  private final byte[] opad = new byte[BLOCK];
  private final byte[] inner = new byte[LENGTH];
  private final int[] ipadState = new int[5];
  private final int[] opadState = new int[5];

  HmacSha1() throws GeneralSecurityException {
    this.fast = Sha1Midstate.AVAILABLE ? Sha1Midstate.create() : null;
    this.md = fast == null ? MessageDigest.getInstance("SHA-1") : null;
  }

  /** For the self-test of {@link Sha1Midstate}. */
  HmacSha1(Sha1Midstate engine) {
    this.fast = engine;
    this.md = null;
  }

  /** True when pad states are precomputed (see {@link Sha1Midstate}). */
  boolean usesMidstate() {
    return fast != null;
  }

  /** Keys the MAC with {@code key[off..off+len)}, {@code len <= 64}. */
  void init(byte[] key, int off, int len) {
    if (len > BLOCK) {
      throw new IllegalArgumentException("HMAC key longer than a block");
    }
    Arrays.fill(ipad, (byte) 0x36);
    Arrays.fill(opad, (byte) 0x5c);
    for (int i = 0; i < len; i++) {
      ipad[i] ^= key[off + i];
      opad[i] ^= key[off + i];
    }
    if (fast != null) {
      fast.reset();
      fast.update(ipad, 0, BLOCK);
      fast.saveAfterOneBlock(ipadState);
      fast.reset();
      fast.update(opad, 0, BLOCK);
      fast.saveAfterOneBlock(opadState);
      fast.reset();
      Bytes.wipe(ipad);                   // the states replace the pads
      Bytes.wipe(opad);
    } else {
      md.reset();
    }
  }

  void begin() {
    if (fast != null) {
      fast.restoreAfterOneBlock(ipadState);
    } else {
      md.update(ipad, 0, BLOCK);
    }
  }

  void update(byte[] b, int off, int len) {
    if (fast != null) {
      fast.update(b, off, len);
    } else {
      md.update(b, off, len);
    }
  }

  /** Finishes the MAC into {@code out[outOff..outOff+20)} and leaves the MAC ready for {@link #begin()}. */
  void finish(byte[] out, int outOff) throws DigestException {
    if (fast != null) {
      fast.digest(inner, 0);
      fast.restoreAfterOneBlock(opadState);
      fast.update(inner, 0, LENGTH);
      fast.digest(out, outOff);
      return;
    }
    md.digest(inner, 0, LENGTH);
    md.update(opad, 0, BLOCK);
    md.update(inner, 0, LENGTH);
    md.digest(out, outOff, LENGTH);
  }

  void forEachSecret(Consumer<byte[]> visitor) {
    visitor.accept(ipad);
    visitor.accept(opad);
    visitor.accept(inner);
  }

  boolean padStatesWiped() {
    for (int i = 0; i < 5; i++) {
      if (ipadState[i] != 0 || opadState[i] != 0) {
        return false;
      }
    }
    return true;
  }

  void wipe() {
    Bytes.wipe(ipad);
    Bytes.wipe(opad);
    Bytes.wipe(inner);
    Arrays.fill(ipadState, 0);
    Arrays.fill(opadState, 0);
    if (fast != null) {
      fast.reset();
    } else {
      md.reset();
    }
  }
}
