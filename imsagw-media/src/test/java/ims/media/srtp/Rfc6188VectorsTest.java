package ims.media.srtp;

import static ims.media.srtp.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * RFC 6188 section 7 (AES-256-CM keystream, AES_256_CM_PRF key derivation), and AES-192, for which the RFC
 * gives no vectors, against the JCE's own AES/CTR as an independent implementation of the same PRF.
 */
class Rfc6188VectorsTest {

  @Test
  void givenSection71Key_whenGeneratingAes256Keystream_thenBlocksMatchTheRfc() throws Exception {
    AesCtr ctr = AesCtr.create();
    ctr.init(bytes("57f82fe3613fd170a85ec93c40b1f0922ec4cb0dc025b58272147cc438944a98"), 0, 32);
    byte[] ks = new byte[48];
    ctr.xor(Bytes.getLong(bytes("F0F1F2F3F4F5F6F7"), 0), Bytes.getLong(bytes("F8F9FAFBFCFD0000"), 0), ks, 0, 48);
    assertThat(ks).isEqualTo(bytes(
        "92bdd28a93c3f52511c677d08b5515a4 9da71b2378a854f67050756ded165bac 63c4868b7096d88421b563b8c94c9a31"));
  }

  @Test
  void givenSection72MasterKey_whenDerivingWithAes256Prf_thenSessionKeysMatchTheRfc() throws Exception {
    Kdf kdf = new Kdf(bytes("f0f04914b513f2763a1b1fa130f10e2998f6f6e43e4309d1e622a0e332b9f1b6"),
        bytes("3b04803de51ee7c96423ab5b78d2"));
    byte[] ke = new byte[32];
    byte[] ka = new byte[20];
    byte[] ks = new byte[14];
    kdf.derive(Kdf.SRTP_ENCRYPTION, 0, ke, 0, 32);
    kdf.derive(Kdf.SRTP_AUTH, 0, ka, 0, 20);
    kdf.derive(Kdf.SRTP_SALT, 0, ks, 0, 14);
    assertThat(ke).isEqualTo(bytes("5ba1064e30ec51613cad926c5a28ef731ec7fb397f70a960653caf06554cd8c4"));
    assertThat(ka).isEqualTo(bytes("fd9c32d39ed5fbb5a9dc96b30818454d1313dc05"));
    assertThat(ks).isEqualTo(bytes("fa31791685ca444a9e07c6c64e93"));
  }

  @Test
  void givenAes192MasterKey_whenDeriving_thenOutputEqualsJceAesCtrOverTheRfc3711PrfInput() throws Exception {
    byte[] masterKey = bytes("73edc66c4fa15776fb57f9505c171365502d3d0ab9ec20b1");
    byte[] masterSalt = bytes("0EC675AD498AFEEBB6960B3AABE6");
    Kdf kdf = new Kdf(masterKey, masterSalt);
    for (int label = 0; label < 6; label++) {
      byte[] ours = new byte[24];
      kdf.derive(label, 0, ours, 0, 24);
      byte[] iv = Arrays.copyOf(masterSalt, 16);   // x * 2^16 with x = salt XOR (label || r=0)
      iv[7] ^= (byte) label;
      Cipher jce = Cipher.getInstance("AES/CTR/NoPadding");
      jce.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"), new IvParameterSpec(iv));
      assertThat(ours).as("label %d", label).isEqualTo(jce.doFinal(new byte[24]));
    }
  }

  @Test
  void givenAes192Session_whenProtecting_thenPayloadIsJceAesCtrAtTheRfc3711Iv() throws Exception {
    SrtpProfile profile = SrtpProfile.AES_192_CM_HMAC_SHA1_80;
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(profile))) {
      byte[] plain = TestPackets.rtp(0x1234, 100, 0x5a);
      pair.tx().setRolloverCounter(7);
      byte[] buf = TestPackets.withRoom(plain, 10);
      assertThat(pair.tx().protectRtp(buf, 0, plain.length)).isEqualTo(plain.length + 10);
      // independent: derive with JCE AES/CTR, encrypt with JCE AES/CTR
      byte[] key = TestPackets.key(profile, 0x22);
      byte[] salt = TestPackets.salt(profile, 0x44);
      byte[] sessionKey = jceCtr(key, prfIv(salt, 0x00), 24);
      byte[] sessionSalt = jceCtr(key, prfIv(salt, 0x02), 14);
      byte[] iv = Arrays.copyOf(sessionSalt, 16);
      for (int i = 0; i < 4; i++) {
        iv[4 + i] ^= plain[8 + i];                     // SSRC * 2^64
      }
      long index = (7L << 16) | 0x1234;
      for (int i = 0; i < 6; i++) {
        iv[8 + i] ^= (byte) (index >>> (40 - 8 * i));   // i * 2^16
      }
      byte[] expected = jceCtr(sessionKey, iv, 100);
      for (int i = 0; i < 100; i++) {
        expected[i] ^= plain[12 + i];
      }
      assertThat(Arrays.copyOfRange(buf, 12, 112)).isEqualTo(expected);
    }
  }

  static byte[] prfIv(byte[] salt, int label) {
    byte[] iv = Arrays.copyOf(salt, 16);
    iv[7] ^= (byte) label;
    return iv;
  }

  static byte[] jceCtr(byte[] key, byte[] iv, int len) throws Exception {
    Cipher jce = Cipher.getInstance("AES/CTR/NoPadding");
    jce.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
    return jce.doFinal(new byte[len]);
  }
}
