package ims.media.srtp.interop;

import static ims.media.srtp.interop.SrtpCrossCheckTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import ims.media.srtp.SrtpProfile;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tampered and truncated SRTP against libsrtp 2.5: a one-bit change in any header or tag byte and in a sample of
 * payload bytes, or a cut at any header or tag length and a sample of payload lengths, is refused by both; where the change is past the fixed header (payload or tag) both call it an
 * authentication failure; the engine leaves the refused buffer untouched, and afterwards both still accept
 * the genuine packet (nothing was committed).
 */
@Timeout(30)
class TamperCrossCheckTest {

  private static final int SSRC = 0x7a3bee75;

  @ParameterizedTest
  @MethodSource("ims.media.srtp.interop.Suites#interoperable")
  void givenOneBitFlippedAnywhere_whenUnprotected_thenBothRefuseAndStillAcceptTheGenuinePacket(SrtpProfile profile)
      throws IOException {
    var random = new Packets(profile.ordinal() * 7L + 99);
    byte[] key = SrtpCrossCheckTest.keyFor(profile, random);
    byte[] rtp = random.g711(SSRC, 4242);
    try (LibSrtpPeer peer = LibSrtpPeer.start(); JavaSrtpStream java = JavaSrtpStream.open(profile, SSRC, key)) {
      LibSrtpStream libsrtp = LibSrtpStream.open(peer, 0, profile, SSRC, key);
      byte[] genuine = libsrtp.protect(rtp).bytes();
      int tagStart = genuine.length - profile.srtpTagLength();
      for (int position = 0; position < genuine.length; position++) {
        if (position >= 12 && position < tagStart - 1 && position % 9 != 0) continue; // payload: a sample
        byte[] tampered = genuine.clone();
        tampered[position] ^= (byte) (1 << random.nextInt(8));

        JavaSrtpStream.Result javaResult = java.unprotect(tampered);
        JavaSrtpStream.Result libsrtpResult = libsrtp.unprotect(tampered);

        String what = profile + ", byte " + position + " of " + genuine.length + " changed";
        assertThat(javaResult.accepted()).as("%s: java %s", what, javaResult).isFalse();
        assertThat(libsrtpResult.accepted()).as("%s: libsrtp %s", what, libsrtpResult).isFalse();
        assertThat(hex(javaResult.bytes())).as("%s: java's buffer", what).isEqualTo(hex(tampered));
        if (position >= 12) {
          assertThat(javaResult.verdict()).as(what).isEqualTo(Verdict.AUTH_FAIL);
          assertThat(libsrtpResult.verdict()).as(what).isEqualTo(Verdict.AUTH_FAIL);
        }
      }
      assertThat(hex(java.unprotect(genuine).bytes())).isEqualTo(hex(rtp));
      assertThat(hex(libsrtp.unprotect(genuine).bytes())).isEqualTo(hex(rtp));
    }
  }

  @ParameterizedTest
  @MethodSource("ims.media.srtp.interop.Suites#interoperable")
  void givenPacketCutShort_whenUnprotected_thenBothRefuseEveryLength(SrtpProfile profile) throws IOException {
    var random = new Packets(profile.ordinal() * 5L + 98);
    byte[] key = SrtpCrossCheckTest.keyFor(profile, random);
    try (LibSrtpPeer peer = LibSrtpPeer.start(); JavaSrtpStream java = JavaSrtpStream.open(profile, SSRC, key)) {
      LibSrtpStream libsrtp = LibSrtpStream.open(peer, 0, profile, SSRC, key);
      byte[] genuine = libsrtp.protect(random.rtp(SSRC, 7)).bytes();
      int tagStart = genuine.length - profile.srtpTagLength();
      for (int length = 1; length < genuine.length; length++) {
        if (length > 16 && length < tagStart - 2 && length % 11 != 0) continue; // long payload: a sample
        byte[] cut = Arrays.copyOf(genuine, length);

        JavaSrtpStream.Result javaResult = java.unprotect(cut);
        JavaSrtpStream.Result libsrtpResult = libsrtp.unprotect(cut);

        assertThat(javaResult.accepted()).as("%s cut to %d: java %s", profile, length, javaResult).isFalse();
        assertThat(libsrtpResult.accepted()).as("%s cut to %d: libsrtp %s", profile, length, libsrtpResult)
            .isFalse();
      }
    }
  }
}
