package ims.media.srtp;

import static ims.media.srtp.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Known answers from RFC 3711 Appendix B (text of the RFC) and libsrtp's srtp_driver.c reference packet. */
class Rfc3711VectorsTest {
  private static final byte[] MASTER_KEY = bytes("E1F97A0D3E018BE0D64FA32C06DE4139");
  private static final byte[] MASTER_SALT = bytes("0EC675AD498AFEEBB6960B3AABE6");

  @Test
  void givenAppendixB3MasterKey_whenDerivingSrtpKeys_thenCipherKeySaltAndAuthKeyMatchTheRfc() throws Exception {
    Kdf kdf = new Kdf(MASTER_KEY, MASTER_SALT);
    byte[] cipherKey = new byte[16];
    byte[] cipherSalt = new byte[14];
    byte[] authKey = new byte[94];
    kdf.derive(Kdf.SRTP_ENCRYPTION, 0, cipherKey, 0, 16);
    kdf.derive(Kdf.SRTP_SALT, 0, cipherSalt, 0, 14);
    kdf.derive(Kdf.SRTP_AUTH, 0, authKey, 0, 94);
    assertThat(cipherKey).isEqualTo(bytes("C61E7A93744F39EE10734AFE3FF7A087"));
    assertThat(cipherSalt).isEqualTo(bytes("30CBBC08863D8C85D49DB34A9AE1"));
    assertThat(authKey).isEqualTo(bytes("""
        CEBE321F6FF7716B6FD4AB49AF256A15 6D38BAA48F0A0ACF3C34E2359E6CDBCE
        E049646C43D9327AD175578EF7227098 6371C10C9A369AC2F94A8C5FBCDDDC25
        6D6E919A48B610EF17C2041E47403576 6B68642C59BBFC2F34DB60DBDFB2"""));
  }

  /** Both AES-CM engines: the JDK's CounterMode driven directly ({@link JdkCtr}) and the public JCE Cipher. */
  @ParameterizedTest(name = "direct engine: {0}")
  @ValueSource(booleans = {true, false})
  void givenAppendixB2SessionKey_whenGeneratingKeystream_thenFirstAndLastBlocksMatchTheRfc(boolean direct)
      throws Exception {
    assertThat(JdkCtr.AVAILABLE).as("surefire opens com.sun.crypto.provider").isTrue();
    AesCtr ctr = AesCtr.create(direct);
    assertThat(ctr.isDirect()).isEqualTo(direct);
    ctr.init(bytes("2B7E151628AED2A6ABF7158809CF4F3C"), 0, 16);
    byte[] ks = new byte[1044512];
    long ivHi = Bytes.getLong(bytes("F0F1F2F3F4F5F6F7"), 0);
    long ivLo = Bytes.getLong(bytes("F8F9FAFBFCFD0000"), 0);
    ctr.xor(ivHi, ivLo, ks, 0, ks.length);
    assertThat(Hex.hex(ks, 0, 48)).isEqualToIgnoringCase(
        "E03EAD0935C95E80E166B16DD92B4EB4" + "D23513162B02D0F72A43A2FE4A5F97AB" + "41E95B3BB0A2E8DD477901E4FCA894C0");
    assertThat(Hex.hex(ks, 0xFEFF * 16, 48)).isEqualToIgnoringCase(
        "EC8CDF7398607CB0F2D21675EA9EA1E4" + "362B7C3C6773516318A077D7FC5073AE" + "6A2CC3787889374FBEB4C81B17BA6C44");
  }

  @Test
  void givenAppendixB1Inputs_whenF8Encrypting_thenCiphertextMatchesTheRfc() throws Exception {
    AesF8 f8 = new AesF8();
    byte[] key = bytes("234829008467be186c3de14aae72d62c");
    byte[] salt = bytes("32f2870d");
    f8.init(key, 16, salt, 4, new byte[32]);
    byte[] payload = bytes("70736575646f72616e646f6d6e657373 20697320746865206e65787420626573 74207468696e67");
    f8.xor(bytes("006e5cba50681de55c621599d462564a"), payload, 0, payload.length);
    assertThat(payload).isEqualTo(bytes(
        "019ce7a26e7854014a6366aa95d4eefd 1ad4172a14f9faf455b7f1d4b62bd08f 562c0eef7c4802"));
  }

  @Test
  void givenAppendixB1Packet_whenProtectedWithF8Session_thenPayloadIsTheRfcCiphertext() throws Exception {
    // The same vector through the RTP path: IV = 0x00 || header[1..11] || ROC.
    AesF8 f8 = new AesF8();
    f8.init(bytes("234829008467be186c3de14aae72d62c"), 16, bytes("32f2870d"), 4, new byte[32]);
    byte[] packet = bytes("806e5cba50681de55c621599 70736575646f72616e646f6d6e657373"
        + "20697320746865206e65787420626573 74207468696e67");
    byte[] iv = new byte[16];
    System.arraycopy(packet, 1, iv, 1, 11);
    Bytes.setInt(iv, 12, 0xd462564a);
    f8.xor(iv, packet, 12, packet.length - 12);
    assertThat(Hex.hex(packet, 12, packet.length - 12)).isEqualTo(
        "019ce7a26e7854014a6366aa95d4eefd1ad4172a14f9faf455b7f1d4b62bd08f562c0eef7c4802");
  }

  @Test
  void givenLibsrtpDriverReferencePacket_whenProtectedWithAesCm128HmacSha1_80_thenBytesMatchLibsrtp()
      throws Exception {
    try (MasterKey key = MasterKey.of(MASTER_KEY, MASTER_SALT);
        SrtpContextFactory factory = new SrtpContextFactory(
            SrtpParameters.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80, key));
        SrtpSendContext tx = factory.newSendContext(0xcafebabe);
        SrtpReceiveContext rx = factory.newReceiveContext(0xcafebabe)) {
      byte[] buf = new byte[64];
      byte[] plain = bytes("800f1234decafbadcafebabe abababababababababababababababab");
      System.arraycopy(plain, 0, buf, 0, plain.length);
      int n = tx.protectRtp(buf, 0, plain.length);
      assertThat(n).isEqualTo(38);
      assertThat(Hex.hex(buf, 0, n)).isEqualTo("800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402b78d6acc"
          + "99ea179b8dbb");
      assertThat(rx.unprotectRtp(buf, 0, n)).isEqualTo(plain.length);
      assertThat(Hex.hex(buf, 0, plain.length)).isEqualTo(Hex.hex(plain, 0, plain.length));
    }
  }
}
