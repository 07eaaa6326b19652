package ims.media.srtp.interop;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A third SRTP implementation, test-only and deliberately naive: the AES-CM key derivation (RFC 3711 4.3.1 and
 * 4.3.3, RFC 6188 for AES-192/256) and the AES-CM and AES-f8 RTP transforms with HMAC-SHA1 (RFC 3711 4.1, 4.2),
 * written from the RFC text on the JCE's AES and HmacSHA1, with explicit session keys. It is checked against
 * RFC 3711 B.1 and B.3, RFC 6188 7.4 and libsrtp before anything is judged by it; it then settles what libsrtp
 * cannot: the AES-192 disagreement, a key derivation rate above 0, and f8 (not in libsrtp 2).
 */
final class ReferenceSrtp {

  static final int LABEL_RTP_ENCRYPTION = 0, LABEL_RTP_AUTH = 1, LABEL_RTP_SALT = 2;

  /** Session keys of one direction (test keys only: published vectors or random). */
  static final class SessionKeys {
    private final byte[] encryptionKey;
    private final byte[] salt;
    private final byte[] authKey;

    SessionKeys(byte[] encryptionKey, byte[] salt, byte[] authKey) {
      this.encryptionKey = encryptionKey.clone();
      this.salt = salt.clone();
      this.authKey = authKey.clone();
    }

    byte[] encryptionKey() {
      return encryptionKey.clone();
    }

    byte[] salt() {
      return salt.clone();
    }

    byte[] authKey() {
      return authKey.clone();
    }

    @Override
    public String toString() {
      return "SessionKeys[redacted]";
    }
  }

  private ReferenceSrtp() {}

  /**
   * RFC 3711 4.3.1: key_id = label || r (r = index DIV kdr, 48 bits for SRTP), x = key_id XOR master salt,
   * output = AES-CM keystream under {@code prfKey} from IV = x * 2^16, cut to {@code length}.
   */
  static byte[] derive(byte[] prfKey, byte[] masterSalt, int label, long r, int length) {
    byte[] iv = Arrays.copyOf(masterSalt, 16); // x * 2^16: the 14-byte x, then two zero bytes
    iv[7] ^= (byte) label;
    for (int i = 0; i < 6; i++) iv[8 + i] ^= (byte) (r >>> (40 - 8 * i));
    return aesCtr(prfKey, iv, new byte[length]);
  }

  /** The SRTP session keys for {@code r}: encryption key as long as the master key, 20-byte auth key, 14-byte salt. */
  static SessionKeys rtpSessionKeys(byte[] masterKey, byte[] masterSalt, long r) {
    return new SessionKeys(derive(masterKey, masterSalt, LABEL_RTP_ENCRYPTION, r, masterKey.length),
        derive(masterKey, masterSalt, LABEL_RTP_SALT, r, 14), derive(masterKey, masterSalt, LABEL_RTP_AUTH, r, 20));
  }

  /**
   * RFC 3711 4.1.1 and 4.2: payload XOR AES-CM keystream from IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR
   * (i * 2^16); tag = HMAC-SHA1(k_a, header || encrypted payload || ROC) cut to {@code tagLength}.
   */
  static byte[] protectRtp(SessionKeys keys, int tagLength, byte[] rtp, long roc) {
    int header = RtpLayout.payloadOffset(rtp, rtp.length);
    long index = (roc << 16) | RtpLayout.sequenceNumber(rtp);
    byte[] iv = Arrays.copyOf(keys.salt(), 16);
    for (int i = 0; i < 4; i++) iv[4 + i] ^= rtp[8 + i];
    for (int i = 0; i < 6; i++) iv[8 + i] ^= (byte) (index >>> (40 - 8 * i));
    byte[] payload = aesCtr(keys.encryptionKey(), iv, Arrays.copyOfRange(rtp, header, rtp.length));
    ByteBuffer out = ByteBuffer.allocate(rtp.length + tagLength);
    out.put(rtp, 0, header).put(payload);
    byte[] authenticated = ByteBuffer.allocate(rtp.length + 4).put(out.array(), 0, rtp.length).putInt((int) roc)
        .array();
    out.put(hmacSha1(keys.authKey(), authenticated), 0, tagLength);
    return out.array();
  }

  /**
   * RFC 3711 4.1.2 AES-f8 RTP transform: IV = 0x00 || M,PT || SEQ || TS || SSRC || ROC, then the same HMAC-SHA1
   * tag as AES-CM. The session salt is k_s (14 bytes) for the key mask.
   */
  static byte[] protectRtpF8(SessionKeys keys, int tagLength, byte[] rtp, long roc) {
    int header = RtpLayout.payloadOffset(rtp, rtp.length);
    byte[] iv = new byte[16];
    System.arraycopy(rtp, 1, iv, 1, 11);
    ByteBuffer.wrap(iv).putInt(12, (int) roc);
    byte[] payload = f8(keys.encryptionKey(), keys.salt(), iv, Arrays.copyOfRange(rtp, header, rtp.length));
    ByteBuffer out = ByteBuffer.allocate(rtp.length + tagLength);
    out.put(rtp, 0, header).put(payload);
    byte[] authenticated = ByteBuffer.allocate(rtp.length + 4).put(out.array(), 0, rtp.length).putInt((int) roc)
        .array();
    out.put(hmacSha1(keys.authKey(), authenticated), 0, tagLength);
    return out.array();
  }

  /**
   * RFC 3711 4.1.2.1: m = k_s || 0x55..55, IV' = E(k_e XOR m, IV); S(-1) = 0,
   * S(j) = E(k_e, IV' XOR j XOR S(j-1)); the keystream is S(0) || S(1) || ...
   */
  static byte[] f8(byte[] key, byte[] saltKey, byte[] iv, byte[] input) {
    byte[] mask = new byte[key.length];
    Arrays.fill(mask, (byte) 0x55);
    System.arraycopy(saltKey, 0, mask, 0, Math.min(saltKey.length, mask.length));
    byte[] maskedKey = new byte[key.length];
    for (int i = 0; i < key.length; i++) maskedKey[i] = (byte) (key[i] ^ mask[i]);
    byte[] ivPrime = aesBlock(maskedKey, iv);
    byte[] out = input.clone();
    byte[] s = new byte[16];
    for (int j = 0; 16 * j < out.length; j++) {
      byte[] in = ivPrime.clone();
      for (int i = 0; i < 16; i++) in[i] ^= s[i];
      for (int i = 0; i < 4; i++) in[12 + i] ^= (byte) (j >>> (24 - 8 * i));
      s = aesBlock(key, in);
      for (int i = 0; i < 16 && 16 * j + i < out.length; i++) out[16 * j + i] ^= s[i];
    }
    return out;
  }

  static byte[] aesBlock(byte[] key, byte[] block) {
    try {
      Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
      return aes.doFinal(block);
    } catch (GeneralSecurityException e) {
      throw new AssertionError("JCE without AES/ECB", e);
    }
  }

  static byte[] aesCtr(byte[] key, byte[] iv, byte[] input) {
    try {
      Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
      return aes.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new AssertionError("JCE without AES/CTR", e);
    }
  }

  static byte[] hmacSha1(byte[] key, byte[] input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      return mac.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new AssertionError("JCE without HmacSHA1", e);
    }
  }
}
