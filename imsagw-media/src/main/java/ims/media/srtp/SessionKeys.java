package ims.media.srtp;

import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.util.function.Consumer;

/**
 * The session keys of one master key for one of SRTP or SRTCP (RFC 3711 section 4.3): the keyed cipher, the
 * keyed HMAC and the session salt, derived for one value of {@code r = index DIV kdr}.
 *
 * <p>Key bytes live only as long as it takes to key the JCE objects; the salt and the HMAC pads are kept and
 * wiped by {@link #wipe()}.
 */
final class SessionKeys {
  private final SrtpProfile profile;
  private final boolean rtcp;
  private final AesCtr ctr;
  private final AesF8 f8;
  private final AesGcm gcm;
  private final HmacSha1 mac;
  /** Session salt in the high bytes of a 16-byte block (bytes 14, 15 zero). */
  private final byte[] salt16 = new byte[16];
  private final byte[] f8Iv;
  /** {@code r} the keys were derived for, -1 before the first derivation. */
  long derivedFor = -1;

  SessionKeys(SrtpProfile profile, boolean rtcp) throws GeneralSecurityException {
    this.profile = profile;
    this.rtcp = rtcp;
    SrtpProfile.CipherKind kind = profile.cipher();
    this.ctr = kind == SrtpProfile.CipherKind.AES_CM ? AesCtr.create() : null;
    this.f8 = kind == SrtpProfile.CipherKind.AES_F8 ? new AesF8() : null;
    this.f8Iv = kind == SrtpProfile.CipherKind.AES_F8 ? new byte[16] : null;
    this.gcm = kind == SrtpProfile.CipherKind.AES_GCM ? new AesGcm(!rtcp) : null;
    this.mac = profile.authKeyLength() > 0 ? new HmacSha1() : null;
  }

  /** Derives all session keys for {@code r}; {@code tmp} and {@code tmp2} are 32-byte scratch, wiped after. */
  void derive(Kdf kdf, long r, byte[] tmp, byte[] tmp2) throws GeneralSecurityException {
    int base = rtcp ? Kdf.SRTCP_ENCRYPTION : Kdf.SRTP_ENCRYPTION;
    int keyLen = profile.masterKeyLength();
    int saltLen = profile.masterSaltLength();
    int authLen = profile.authKeyLength();
    try {
      kdf.derive(base, r, tmp, 0, keyLen);
      kdf.derive(base + 2, r, salt16, 0, saltLen);
      install(tmp, salt16, tmp2);
      if (authLen > 0) {
        kdf.derive(base + 1, r, tmp, 0, authLen);
        mac.init(tmp, 0, authLen);
      }
      derivedFor = r;
    } finally {
      Bytes.wipe(tmp);
      Bytes.wipe(tmp2);
    }
  }

  /**
   * Keys the cipher with {@code encKey} and sets the session salt (test vectors give these directly, RFC 7714
   * section 16). {@code scratch} is 32 bytes, wiped after.
   */
  void install(byte[] encKey, byte[] salt, byte[] scratch) throws GeneralSecurityException {
    int keyLen = profile.masterKeyLength();
    int saltLen = profile.masterSaltLength();
    if (salt != salt16) {
      java.util.Arrays.fill(salt16, (byte) 0);
      System.arraycopy(salt, 0, salt16, 0, saltLen);
    }
    switch (profile.cipher()) {
      case AES_CM -> ctr.init(encKey, 0, keyLen);
      case AES_F8 -> f8.init(encKey, keyLen, salt16, saltLen, scratch);
      case AES_GCM -> gcm.init(encKey, 0, keyLen);
      case NULL -> { }
    }
    Bytes.wipe(scratch);
  }

  /** Keys the HMAC directly (test vectors). */
  void installAuthKey(byte[] authKey) {
    mac.init(authKey, 0, authKey.length);
  }

  boolean isAead() {
    return gcm != null;
  }

  /** Encrypts/decrypts the RTP payload {@code b[off+hdr..off+end)} (AES-CM, f8 or NULL). */
  void cryptRtp(byte[] b, int off, int hdr, int end, int ssrc, long index) throws GeneralSecurityException {
    switch (profile.cipher()) {
      case AES_CM -> ctr.xor(Bytes.getLong(salt16, 0) ^ (ssrc & 0xFFFF_FFFFL),
          Bytes.getLong(salt16, 8) ^ (index << 16), b, off + hdr, end - hdr);
      case AES_F8 -> {
        // IV = 0x00 || M || PT || SEQ || TS || SSRC || ROC
        f8Iv[0] = 0;
        System.arraycopy(b, off + 1, f8Iv, 1, 11);
        Bytes.setInt(f8Iv, 12, (int) (index >>> 16));
        f8.xor(f8Iv, b, off + hdr, end - hdr);
      }
      case NULL, AES_GCM -> { }
    }
  }

  /** Encrypts/decrypts the RTCP payload {@code b[off+8..off+end)}; {@code eWord} is E || SRTCP index. */
  void cryptRtcp(byte[] b, int off, int end, int ssrc, int eWord) throws GeneralSecurityException {
    long index = eWord & 0x7FFF_FFFFL;
    switch (profile.cipher()) {
      case AES_CM -> ctr.xor(Bytes.getLong(salt16, 0) ^ (ssrc & 0xFFFF_FFFFL),
          Bytes.getLong(salt16, 8) ^ (index << 16), b, off + 8, end - 8);
      case AES_F8 -> {
        // IV = 0..0 (32 bits) || E || SRTCP index || V || P || RC || PT || length || SSRC
        Bytes.setInt(f8Iv, 0, 0);
        Bytes.setInt(f8Iv, 4, eWord);
        System.arraycopy(b, off, f8Iv, 8, 8);
        f8.xor(f8Iv, b, off + 8, end - 8);
      }
      case NULL, AES_GCM -> { }
    }
  }

  /**
   * HMAC-SHA1 over {@code b[off..off+len)} followed by {@code trailer[0..trailerLen)} (the ROC for SRTP),
   * into {@code out[0..20)}.
   */
  void authenticate(byte[] b, int off, int len, byte[] trailer, int trailerLen, byte[] out) throws DigestException {
    mac.begin();
    mac.update(b, off, len);
    if (trailerLen > 0) {
      mac.update(trailer, 0, trailerLen);
    }
    mac.finish(out, 0);
  }

  /** Sets the RFC 7714 section 8.1 / 9.1 GCM IV: (0x0000 || SSRC || index as 48 bits) XOR salt. */
  AesGcm gcm(int ssrc, long index) {
    byte[] iv = gcm.iv;
    Bytes.setInt(iv, 0, (ssrc >>> 16) ^ Bytes.getInt(salt16, 0));
    Bytes.setInt(iv, 4, ((ssrc << 16) | (int) ((index >>> 32) & 0xFFFF)) ^ Bytes.getInt(salt16, 4));
    Bytes.setInt(iv, 8, (int) index ^ Bytes.getInt(salt16, 8));
    return gcm;
  }

  void forEachSecret(Consumer<byte[]> visitor) {
    visitor.accept(salt16);
    if (ctr != null) {
      ctr.forEachSecret(visitor);
    }
    if (f8 != null) {
      f8.forEachSecret(visitor);
    }
    if (gcm != null) {
      gcm.forEachSecret(visitor);
    }
    if (mac != null) {
      mac.forEachSecret(visitor);
    }
  }

  /** True when no derived table (GHASH) holds key-dependent values. */
  boolean tablesWiped() {
    return (gcm == null || gcm.tablesWiped()) && (mac == null || mac.padStatesWiped());
  }

  void wipe() {
    Bytes.wipe(salt16);
    Bytes.wipe(f8Iv);
    if (ctr != null) {
      ctr.wipe();
    }
    if (f8 != null) {
      f8.wipe();
    }
    if (gcm != null) {
      gcm.wipe();
    }
    if (mac != null) {
      mac.wipe();
    }
    derivedFor = -1;
  }
}
