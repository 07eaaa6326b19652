package ims.media.srtp.interop;

import static org.assertj.core.api.Assertions.assertThat;

import ims.media.srtp.SrtpProfile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * AES-192 is the one suite where Debian's libsrtp 2.5.0 and the engine disagree, and this pins down who is
 * wrong. libsrtp sizes its KDF input as 46 bytes for any key longer than 16 bytes, so for AES-192 it runs the
 * AES-256 KDF over master key || first 8 salt bytes, with the last 6 salt bytes and 8 zero bytes as salt
 * (cisco/libsrtp#763, fixed by PR #765 in August 2025, after 2.5.0). The engine follows RFC 6188.
 */
@Timeout(30)
class LibsrtpAes192KdfTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final int SSRC = 0x0badcafe;

  /** The session keys libsrtp 2.5.0 derives for AES-192 (its issue #763), modelled with the reference KDF. */
  static ReferenceSrtp.SessionKeys libsrtp25Aes192SessionKeys(byte[] masterKey, byte[] masterSalt) {
    byte[] prfKey = ByteBuffer.allocate(32).put(masterKey).put(masterSalt, 0, 8).array();
    byte[] prfSalt = Arrays.copyOf(Arrays.copyOfRange(masterSalt, 8, 14), 14);
    return new ReferenceSrtp.SessionKeys(ReferenceSrtp.derive(prfKey, prfSalt, ReferenceSrtp.LABEL_RTP_ENCRYPTION, 0, 24),
        ReferenceSrtp.derive(prfKey, prfSalt, ReferenceSrtp.LABEL_RTP_SALT, 0, 14),
        ReferenceSrtp.derive(prfKey, prfSalt, ReferenceSrtp.LABEL_RTP_AUTH, 0, 20));
  }

  @Test
  void givenRfc6188Vector_whenModelledLibsrtp25KdfDerives_thenItGivesTheWrongKeysReportedInIssue763() {
    ReferenceSrtp.SessionKeys wrong =
        libsrtp25Aes192SessionKeys(Rfc6188.AES_192_MASTER_KEY, Rfc6188.AES_192_MASTER_SALT);

    // the values quoted in cisco/libsrtp#763 for the RFC 6188 7.4 input
    assertThat(HEX.formatHex(wrong.encryptionKey())).isEqualTo("7af9f9f2cb705d213cce5fa377b290a0183389701878e7d7");
    assertThat(HEX.formatHex(wrong.salt())).isEqualTo("2166ce644b08c8f855708bc2189e");
  }

  @ParameterizedTest
  @EnumSource(value = SrtpProfile.class, names = {"AES_192_CM_HMAC_SHA1_80", "AES_192_CM_HMAC_SHA1_32"})
  void givenRfc6188Section7_4MasterKey_whenJavaProtects_thenPacketIsTheTransformUnderTheRfcSessionKeys(
      SrtpProfile profile) {
    var keys = new ReferenceSrtp.SessionKeys(HEX.parseHex(Rfc6188.AES_192_CIPHER_KEY),
        HEX.parseHex(Rfc6188.AES_192_CIPHER_SALT), HEX.parseHex(Rfc6188.AES_192_AUTH_KEY));
    var random = new Packets(192);
    try (JavaSrtpStream java = JavaSrtpStream.open(profile, SSRC, rfcKeyAndSalt())) {
      java.setRoc(9);
      for (int i = 0; i < 20; i++) {
        byte[] rtp = random.rtp(SSRC, 1000 + i);

        JavaSrtpStream.Result fromJava = java.protect(rtp);

        assertThat(fromJava.accepted()).isTrue();
        assertThat(HEX.formatHex(fromJava.bytes())).as("packet %d", i)
            .isEqualTo(HEX.formatHex(ReferenceSrtp.protectRtp(keys, profile.srtpTagLength(), rtp, 9)));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = SrtpProfile.class, names = {"AES_192_CM_HMAC_SHA1_80", "AES_192_CM_HMAC_SHA1_32"})
  void givenSameMasterKey_whenLibsrtp25Protects_thenPacketIsTheTransformUnderIssue763Keys(SrtpProfile profile)
      throws IOException {
    ReferenceSrtp.SessionKeys wrong =
        libsrtp25Aes192SessionKeys(Rfc6188.AES_192_MASTER_KEY, Rfc6188.AES_192_MASTER_SALT);
    var random = new Packets(193);
    try (LibSrtpPeer peer = LibSrtpPeer.start()) {
      LibSrtpStream libsrtp = LibSrtpStream.open(peer, 0, profile, SSRC, rfcKeyAndSalt());
      libsrtp.setRoc(9);
      for (int i = 0; i < 20; i++) {
        byte[] rtp = random.rtp(SSRC, 1000 + i);

        JavaSrtpStream.Result fromLibsrtp = libsrtp.protect(rtp);

        assertThat(HEX.formatHex(fromLibsrtp.bytes())).as("packet %d", i)
            .isEqualTo(HEX.formatHex(ReferenceSrtp.protectRtp(wrong, profile.srtpTagLength(), rtp, 9)));
      }
    }
  }

  @Test
  void givenAes192_whenJavaAndLibsrtp25ExchangePackets_thenEachRejectsTheOthersWithAuthFail() throws IOException {
    SrtpProfile profile = SrtpProfile.AES_192_CM_HMAC_SHA1_80;
    var random = new Packets(194);
    byte[] rtp = random.rtp(SSRC, 77);
    try (LibSrtpPeer peer = LibSrtpPeer.start();
        JavaSrtpStream java = JavaSrtpStream.open(profile, SSRC, rfcKeyAndSalt())) {
      LibSrtpStream libsrtp = LibSrtpStream.open(peer, 0, profile, SSRC, rfcKeyAndSalt());

      assertThat(java.unprotect(libsrtp.protect(rtp).bytes()).verdict()).isEqualTo(Verdict.AUTH_FAIL);
      assertThat(libsrtp.unprotect(java.protect(rtp).bytes()).verdict()).isEqualTo(Verdict.AUTH_FAIL);
    }
  }

  private static byte[] rfcKeyAndSalt() {
    return ByteBuffer.allocate(38).put(Rfc6188.AES_192_MASTER_KEY).put(Rfc6188.AES_192_MASTER_SALT).array();
  }
}
