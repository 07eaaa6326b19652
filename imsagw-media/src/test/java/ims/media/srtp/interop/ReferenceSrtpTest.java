package ims.media.srtp.interop;

import static org.assertj.core.api.Assertions.assertThat;

import ims.media.srtp.SrtpProfile;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The test-only reference is itself checked: RFC vectors for its KDF, libsrtp for its packet transform. */
@Timeout(30)
class ReferenceSrtpTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void givenRfc3711AppendixB3MasterKey_whenDerived_thenSessionKeysAreTheRfcValues() {
    ReferenceSrtp.SessionKeys keys = ReferenceSrtp.rtpSessionKeys(HEX.parseHex("e1f97a0d3e018be0d64fa32c06de4139"),
        HEX.parseHex("0ec675ad498afeebb6960b3aabe6"), 0);

    assertThat(HEX.formatHex(keys.encryptionKey())).isEqualTo("c61e7a93744f39ee10734afe3ff7a087");
    assertThat(HEX.formatHex(keys.salt())).isEqualTo("30cbbc08863d8c85d49db34a9ae1");
    assertThat(HEX.formatHex(keys.authKey())).isEqualTo("cebe321f6ff7716b6fd4ab49af256a156d38baa4");
  }

  @Test
  void givenRfc6188Section7_4Aes192MasterKey_whenDerived_thenSessionKeysAreTheRfcValues() {
    ReferenceSrtp.SessionKeys keys = ReferenceSrtp.rtpSessionKeys(Rfc6188.AES_192_MASTER_KEY, Rfc6188.AES_192_MASTER_SALT,
        0);

    assertThat(HEX.formatHex(keys.encryptionKey())).isEqualTo(Rfc6188.AES_192_CIPHER_KEY);
    assertThat(HEX.formatHex(keys.salt())).isEqualTo(Rfc6188.AES_192_CIPHER_SALT);
    assertThat(HEX.formatHex(keys.authKey())).isEqualTo(Rfc6188.AES_192_AUTH_KEY);
  }

  @ParameterizedTest
  @EnumSource(value = SrtpProfile.class, names = {"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32",
      "AES_256_CM_HMAC_SHA1_80"})
  void givenRandomKeyAndPackets_whenReferenceProtects_thenLibsrtpSendsTheSameBytes(SrtpProfile profile)
      throws IOException {
    var random = new Packets(17 + profile.ordinal());
    byte[] keyAndSalt = random.bytes(profile.masterKeyLength() + profile.masterSaltLength());
    byte[] masterKey = Arrays.copyOf(keyAndSalt, profile.masterKeyLength());
    byte[] masterSalt = Arrays.copyOfRange(keyAndSalt, profile.masterKeyLength(), keyAndSalt.length);
    ReferenceSrtp.SessionKeys keys = ReferenceSrtp.rtpSessionKeys(masterKey, masterSalt, 0);
    try (LibSrtpPeer peer = LibSrtpPeer.start()) {
      LibSrtpStream libsrtp = LibSrtpStream.open(peer, 0, profile, SrtpCrossCheckTest.SSRC, keyAndSalt);
      libsrtp.setRoc(3);
      for (int i = 0; i < 20; i++) {
        byte[] rtp = random.rtp(SrtpCrossCheckTest.SSRC, 65_530 + i); // crosses into ROC 4

        byte[] expected = libsrtp.protect(rtp).bytes();

        long roc = 65_530 + i > 0xffff ? 4 : 3;
        assertThat(HEX.formatHex(ReferenceSrtp.protectRtp(keys, profile.srtpTagLength(), rtp, roc)))
            .as("packet %d", i).isEqualTo(HEX.formatHex(expected));
      }
    }
  }
}
