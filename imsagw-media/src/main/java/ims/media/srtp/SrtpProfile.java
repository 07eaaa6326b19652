package ims.media.srtp;

/**
 * The SRTP protection profiles (crypto suites) this engine implements, one name per complete policy
 * (libsrtp's {@code srtp_crypto_policy_set_*}, RFC 4568 section 6.2 names).
 *
 * <p>Lengths are in bytes. The SRTCP tag of the {@code _32} suites is 80 bits (RFC 4568 section 6.2.1,
 * RFC 6188 section 3): only SRTP uses the short tag.
 */
public enum SrtpProfile {
  AES_CM_128_HMAC_SHA1_80(CipherKind.AES_CM, 16, 14, 20, 10, 10),
  AES_CM_128_HMAC_SHA1_32(CipherKind.AES_CM, 16, 14, 20, 4, 10),
  AES_192_CM_HMAC_SHA1_80(CipherKind.AES_CM, 24, 14, 20, 10, 10),
  AES_192_CM_HMAC_SHA1_32(CipherKind.AES_CM, 24, 14, 20, 4, 10),
  AES_256_CM_HMAC_SHA1_80(CipherKind.AES_CM, 32, 14, 20, 10, 10),
  AES_256_CM_HMAC_SHA1_32(CipherKind.AES_CM, 32, 14, 20, 4, 10),
  /** RFC 7714: 16-byte tag, 96-bit salt, no separate authentication key. */
  AEAD_AES_128_GCM(CipherKind.AES_GCM, 16, 12, 0, 16, 16),
  AEAD_AES_256_GCM(CipherKind.AES_GCM, 32, 12, 0, 16, 16),
  /** RFC 3711 section 4.1.2 (AES in f8-mode). */
  F8_128_HMAC_SHA1_80(CipherKind.AES_F8, 16, 14, 20, 10, 10),
  /** Authentication only: the NULL cipher of RFC 3711 section 4.1.3 with a 128-bit master key for the KDF. */
  NULL_HMAC_SHA1_80(CipherKind.NULL, 16, 14, 20, 10, 10),
  NULL_HMAC_SHA1_32(CipherKind.NULL, 16, 14, 20, 4, 10);

  /** The confidentiality transform of a profile. */
  public enum CipherKind { AES_CM, AES_GCM, AES_F8, NULL }

  private final CipherKind cipher;
  private final int masterKeyLength;
  private final int masterSaltLength;
  private final int authKeyLength;
  private final int srtpTagLength;
  private final int srtcpTagLength;

  SrtpProfile(CipherKind cipher, int masterKeyLength, int masterSaltLength, int authKeyLength,
      int srtpTagLength, int srtcpTagLength) {
    this.cipher = cipher;
    this.masterKeyLength = masterKeyLength;
    this.masterSaltLength = masterSaltLength;
    this.authKeyLength = authKeyLength;
    this.srtpTagLength = srtpTagLength;
    this.srtcpTagLength = srtcpTagLength;
  }

  public CipherKind cipher() {
    return cipher;
  }

  /** Master key length; also the session encryption key length (the NULL cipher derives none). */
  public int masterKeyLength() {
    return masterKeyLength;
  }

  /** Master salt length; also the session salt length. */
  public int masterSaltLength() {
    return masterSaltLength;
  }

  /** Session authentication key length: 20 for HMAC-SHA1, 0 for AEAD. */
  public int authKeyLength() {
    return authKeyLength;
  }

  public int srtpTagLength() {
    return srtpTagLength;
  }

  public int srtcpTagLength() {
    return srtcpTagLength;
  }

  public boolean isAead() {
    return cipher == CipherKind.AES_GCM;
  }
}
