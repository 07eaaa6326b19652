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
 * 4.3.3, RFC 6188 for AES-192/256) and the AES-CM + HMAC-SHA1 RTP transform (RFC 3711 4.1.1, 4.2), written from
 * the RFC text with the JCE's AES/CTR and HmacSHA1, with explicit session keys. It is checked against the RFC
 * 3711 B.3 and RFC 6188 7.4 vectors and against libsrtp before anything is judged by it; it then settles cases
 * libsrtp cannot: the AES-192 disagreement and a key derivation rate above 0.
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
