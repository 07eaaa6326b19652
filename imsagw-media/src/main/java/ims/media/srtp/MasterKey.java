package ims.media.srtp;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One SRTP master key with its master salt, optional MKI value and optional lifetime (RFC 4568 key-params,
 * RFC 3711 section 8.1).
 *
 * <p>Holds private copies of key and salt, wipes them on {@link #close()}, and never shows them:
 * {@link #toString()} is redacted and {@link #equals(Object)} compares in constant time. The MKI is not
 * secret (it travels in clear in every packet) and is shown in hex.
 *
 * <p>Not thread-safe; a closed key cannot be used to create contexts.
 */
public final class MasterKey implements AutoCloseable {
  /** {@link #lifetime()} when the a=crypto line gave none: the RFC 3711 limits (2^48 SRTP, 2^31 SRTCP) apply. */
  public static final long DEFAULT_LIFETIME = 0;
  /** RFC 4568 section 6.1: the MKI length field is 1 to 128 bytes. */
  public static final int MAX_MKI_LENGTH = 128;

  private final byte[] key;
  private final byte[] salt;
  private final byte[] mki;
  private final long lifetime;
  private boolean closed;

  private MasterKey(byte[] key, byte[] salt, byte[] mki, long lifetime) {
    if (key.length == 0 || salt.length == 0) {
      throw new IllegalArgumentException("empty master key or salt");
    }
    if (mki.length > MAX_MKI_LENGTH) {
      throw new IllegalArgumentException("MKI longer than " + MAX_MKI_LENGTH + " bytes: " + mki.length);
    }
    if (lifetime < 0) {
      throw new IllegalArgumentException("negative lifetime: " + lifetime);
    }
    this.key = key.clone();
    this.salt = salt.clone();
    this.mki = mki.clone();
    this.lifetime = lifetime;
  }

  /** A master key without MKI and with the default lifetime. */
  public static MasterKey of(byte[] key, byte[] salt) {
    return new MasterKey(key, salt, new byte[0], DEFAULT_LIFETIME);
  }

  /**
   * A master key with an MKI value (empty for none) and a lifetime in packets ({@link #DEFAULT_LIFETIME} for
   * none given).
   */
  public static MasterKey of(byte[] key, byte[] salt, byte[] mki, long lifetime) {
    return new MasterKey(key, salt, mki, lifetime);
  }

  /** Splits RFC 4568 key||salt material (the decoded {@code inline:} value) at {@code keyLength}. */
  public static MasterKey fromKeySalt(byte[] keyAndSalt, int keyLength, byte[] mki, long lifetime) {
    if (keyLength <= 0 || keyLength >= keyAndSalt.length) {
      throw new IllegalArgumentException("key length " + keyLength + " does not split " + keyAndSalt.length + " bytes");
    }
    byte[] k = Arrays.copyOfRange(keyAndSalt, 0, keyLength);
    byte[] s = Arrays.copyOfRange(keyAndSalt, keyLength, keyAndSalt.length);
    try {
      return new MasterKey(k, s, mki, lifetime);
    } finally {
      Arrays.fill(k, (byte) 0);
      Arrays.fill(s, (byte) 0);
    }
  }

  public int keyLength() {
    return key.length;
  }

  public int saltLength() {
    return salt.length;
  }

  /** A copy of the MKI value; empty when the key has none. */
  public byte[] mki() {
    return mki.clone();
  }

  public int mkiLength() {
    return mki.length;
  }

  /** Lifetime in packets, or {@link #DEFAULT_LIFETIME}. */
  public long lifetime() {
    return lifetime;
  }

  public boolean isClosed() {
    return closed;
  }

  /** Package-private: the live key array, for the context factory to copy. */
  byte[] keyBytes() {
    checkOpen();
    return key;
  }

  byte[] saltBytes() {
    checkOpen();
    return salt;
  }

  byte[] mkiBytes() {
    return mki;
  }

  /** A private copy with the same key material (the factory owns it and closes it). */
  MasterKey copy() {
    checkOpen();
    return new MasterKey(key, salt, mki, lifetime);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("master key is closed");
    }
  }

  /** Wipes key and salt. Idempotent. */
  @Override
  public void close() {
    if (!closed) {
      Arrays.fill(key, (byte) 0);
      Arrays.fill(salt, (byte) 0);
      closed = true;
    }
  }

  /** Constant-time over key and salt (for equal lengths). */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof MasterKey other)) {
      return false;
    }
    if (key.length != other.key.length || salt.length != other.salt.length || lifetime != other.lifetime) {
      return false;
    }
    int diff = 0;
    for (int i = 0; i < key.length; i++) {
      diff |= key[i] ^ other.key[i];
    }
    for (int i = 0; i < salt.length; i++) {
      diff |= salt[i] ^ other.salt[i];
    }
    return diff == 0 && Arrays.equals(mki, other.mki);
  }

  /** Depends on public attributes only, so it says nothing about the key. */
  @Override
  public int hashCode() {
    return 31 * (31 * key.length + salt.length) + Arrays.hashCode(mki);
  }

  @Override
  public String toString() {
    return "MasterKey[key=<redacted " + key.length + " bytes>, salt=<redacted " + salt.length + " bytes>, mki="
        + (mki.length == 0 ? "none" : HexFormat.of().formatHex(mki))
        + ", lifetime=" + (lifetime == DEFAULT_LIFETIME ? "default" : Long.toString(lifetime))
        + (closed ? ", closed" : "") + "]";
  }
}
