package ims.media.srtp.interop;

import static ims.media.srtp.interop.SrtpCrossCheckTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import ims.media.srtp.SrtpProfile;
import java.io.IOException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RTP padding (RFC 3550 5.1: with P set, the last octet counts the padding octets, itself included) is inside the
 * encrypted payload, so it can only be checked after decryption. libsrtp does not look at it; the engine refuses
 * a count of 0 or one past the payload, as issue 4 asks, and must then keep its state as if the packet never came.
 */
@Timeout(30)
class PaddingCrossCheckTest {

  private static final int SSRC = 0x0000beef;

  @ParameterizedTest
  @ValueSource(ints = {0, 200})
  void givenAuthenticPacketWithImpossiblePaddingCount_whenUnprotected_thenLibsrtpPassesItJavaDropsItAndForgetsIt(
      int paddingCount) throws IOException {
    SrtpProfile profile = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
    var random = new Packets(paddingCount + 31);
    byte[] key = SrtpCrossCheckTest.keyFor(profile, random);
    byte[] bad = random.g711(SSRC, 10);
    bad[0] |= 0x20; // P
    bad[bad.length - 1] = (byte) paddingCount; // 0, or more than the 160-byte payload
    byte[] good = random.g711(SSRC, 10);
    try (LibSrtpPeer peer = LibSrtpPeer.start(); JavaSrtpStream java = JavaSrtpStream.open(profile, SSRC, key)) {
      LibSrtpStream libsrtp = LibSrtpStream.open(peer, 0, profile, SSRC, key);
      LibSrtpStream otherSender = LibSrtpStream.open(peer, 2, profile, SSRC, key); // same index, other payload
      byte[] badSrtp = libsrtp.protect(bad).bytes();
      byte[] goodSrtp = otherSender.protect(good).bytes();

      JavaSrtpStream.Result javaResult = java.unprotect(badSrtp);
      JavaSrtpStream.Result libsrtpResult = libsrtp.unprotect(badSrtp);

      assertThat(libsrtpResult.accepted()).as("libsrtp %s", libsrtpResult).isTrue();
      assertThat(javaResult.verdict()).as("java %s", javaResult).isEqualTo(Verdict.MALFORMED);
      assertThat(hex(javaResult.bytes())).as("java's buffer after refusing").isEqualTo(hex(badSrtp));
      // index 10 was not committed: the genuine packet with that index still gets in
      assertThat(hex(java.unprotect(goodSrtp).bytes())).isEqualTo(hex(good));
    }
  }
}
