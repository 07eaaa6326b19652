package ims.media.srtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Big-endian field access and XOR on byte arrays, without allocation (package-private helpers of this package). */
final class Bytes {
  static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private Bytes() {}

  static long getLong(byte[] b, int off) {
    return (long) LONG.get(b, off);
  }

  static void setLong(byte[] b, int off, long v) {
    LONG.set(b, off, v);
  }

  static int getInt(byte[] b, int off) {
    return (int) INT.get(b, off);
  }

  static void setInt(byte[] b, int off, int v) {
    INT.set(b, off, v);
  }

  static int getShort(byte[] b, int off) {
    return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
  }

  /** data[off..off+len) ^= ks[ksOff..ksOff+len). */
  static void xor(byte[] data, int off, byte[] ks, int ksOff, int len) {
    int i = 0;
    for (; i + 8 <= len; i += 8) {
      LONG.set(data, off + i, (long) LONG.get(data, off + i) ^ (long) LONG.get(ks, ksOff + i));
    }
    for (; i < len; i++) {
      data[off + i] ^= ks[ksOff + i];
    }
  }

  /** Constant-time comparison: time depends on {@code len} only. */
  static boolean equalsConstantTime(byte[] a, int aOff, byte[] b, int bOff, int len) {
    int diff = 0;
    for (int i = 0; i < len; i++) {
      diff |= a[aOff + i] ^ b[bOff + i];
    }
    return diff == 0;
  }

  /** Zeroisation as a named primitive (libsrtp's octet_string_set_to_zero). */
  static void wipe(byte[] b) {
    if (b != null) {
      java.util.Arrays.fill(b, (byte) 0);
    }
  }
}
