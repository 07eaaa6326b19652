package ims.sdes.attribute;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The master key identifier of a key-param (RFC 4568 section 6.1): {@code mki-value ":" mki-length}.
 * The value is carried in every SRTP packet in {@code length} bytes, so it must fit in them.
 *
 * @param value the MKI value, {@code 0 <= value < 2^(8 * length)}
 * @param length the MKI field length in bytes, 1..128
 */
public record Mki(BigInteger value, int length) {

  public static final int MAX_LENGTH = 128;

  public Mki {
    Objects.requireNonNull(value, "value");
    if (length < 1 || length > MAX_LENGTH) {
      throw new IllegalArgumentException("MKI length must be 1.." + MAX_LENGTH + " bytes: " + length);
    }
    if (value.signum() < 0 || value.bitLength() > 8 * length) {
      throw new IllegalArgumentException("MKI value does not fit in " + length + " bytes");
    }
  }

  public static Mki of(long value, int length) {
    return new Mki(BigInteger.valueOf(value), length);
  }

  /** The MKI as carried in the packet: big-endian, exactly {@link #length()} bytes. */
  public byte[] toBytes() {
    byte[] out = new byte[length];
    byte[] magnitude = value.toByteArray(); // may carry one leading sign byte of zero
    int copy = Math.min(magnitude.length, length);
    System.arraycopy(magnitude, magnitude.length - copy, out, length - copy, copy);
    return out;
  }

  /** Canonical written form {@code value:length}. */
  public String format() {
    return value + ":" + length;
  }
}
