package ims.sdes.attribute;

import java.util.Optional;

/**
 * The SRTP crypto suites this product supports, with the sizes of their master key and salt.
 *
 * <p>Sources: RFC 4568 section 6.2 (AES_CM_128 and F8_128), RFC 6188 section 7 (AES_192_CM and
 * AES_256_CM), RFC 7714 section 14.2 (AEAD_AES_128_GCM and AEAD_AES_256_GCM, 96-bit salt).
 * Names are matched exactly as registered with IANA; any other name is a {@link CryptoSuite.Unknown}.
 */
public enum SrtpSuite {
  AES_CM_128_HMAC_SHA1_80(16, 14, 10),
  AES_CM_128_HMAC_SHA1_32(16, 14, 4),
  F8_128_HMAC_SHA1_80(16, 14, 10),
  AES_192_CM_HMAC_SHA1_80(24, 14, 10),
  AES_192_CM_HMAC_SHA1_32(24, 14, 4),
  AES_256_CM_HMAC_SHA1_80(32, 14, 10),
  AES_256_CM_HMAC_SHA1_32(32, 14, 4),
  AEAD_AES_128_GCM(16, 12, 16),
  AEAD_AES_256_GCM(32, 12, 16);

  /** values() clones on every call; the parser looks names up once per a=crypto line. */
  private static final SrtpSuite[] ALL = values();

  private final int keyLength;
  private final int saltLength;
  private final int srtpAuthTagLength;

  SrtpSuite(int keyLength, int saltLength, int srtpAuthTagLength) {
    this.keyLength = keyLength;
    this.saltLength = saltLength;
    this.srtpAuthTagLength = srtpAuthTagLength;
  }

  /** The name as written in {@code a=crypto} (identical to the constant's name). */
  public String sdpName() {
    return name();
  }

  /** Master key length in bytes. */
  public int keyLength() {
    return keyLength;
  }

  /** Master salt length in bytes. */
  public int saltLength() {
    return saltLength;
  }

  /** Length in bytes of the concatenated key||salt carried by {@code inline:}. */
  public int keySaltLength() {
    return keyLength + saltLength;
  }

  /** Length in bytes of the authentication tag of an SRTP packet (AEAD: the GCM tag). */
  public int srtpAuthTagLength() {
    return srtpAuthTagLength;
  }

  /** True for the AEAD (AES-GCM) suites of RFC 7714. */
  public boolean isAead() {
    return this == AEAD_AES_128_GCM || this == AEAD_AES_256_GCM;
  }

  /** The suite with exactly this registered name (case-sensitive), if we support it. */
  public static Optional<SrtpSuite> fromSdpName(String name) {
    for (SrtpSuite suite : ALL) {
      if (suite.name().equals(name)) {
        return Optional.of(suite);
      }
    }
    return Optional.empty();
  }
}
