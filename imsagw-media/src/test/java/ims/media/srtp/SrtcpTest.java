package ims.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SRTCP: 31-bit index (first packet 0, RFC 3711 section 3.4) with the E flag, UNENCRYPTED_SRTCP. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SrtcpTest {

  private static int protect(SrtpSendContext tx, byte[] buf, int len) {
    int n = tx.protectRtcp(buf, 0, len);
    assertThat(n).as("%s", SrtpStatus.ofResult(n)).isPositive();
    return n;
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void givenEachProfile_whenRtcpRoundTrips_thenIndexCountsUpWithEFlagSetWhenEncrypted(SrtpProfile profile) throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(profile))) {
      for (int i = 0; i < 3; i++) {
        byte[] rtcp = TestPackets.rtcp(6);
        byte[] buf = TestPackets.withRoom(rtcp, 20);
        int n = protect(pair.tx(), buf, rtcp.length);
        int trailerTag = profile.isAead() ? 0 : profile.srtcpTagLength();
        int word = Bytes.getInt(buf, n - trailerTag - 4);
        // E=1 means "payload encrypted": never so for the NULL cipher (libsrtp refuses E=1 there).
        int e = profile.cipher() == SrtpProfile.CipherKind.NULL ? 0 : 0x8000_0000;
        assertThat(word).isEqualTo(e | i);
        if (profile.cipher() != SrtpProfile.CipherKind.NULL) {
          assertThat(Arrays.copyOfRange(buf, 8, rtcp.length)).isNotEqualTo(Arrays.copyOfRange(rtcp, 8, rtcp.length));
        }
        assertThat(pair.rx().unprotectRtcp(buf, 0, n)).isEqualTo(rtcp.length);
        assertThat(Arrays.copyOf(buf, rtcp.length)).isEqualTo(rtcp);
      }
      assertThat(pair.rx().highestSrtcpIndex()).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @EnumSource(value = SrtpProfile.class, names = {"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_256_GCM", "F8_128_HMAC_SHA1_80"})
  void givenUnencryptedSrtcp_whenProtected_thenEIsZeroPayloadClearAndStillAuthenticated(SrtpProfile profile)
      throws Exception {
    SrtpParameters params = TestPackets.params(profile, 0, 0, false, true, false, 128,
        MasterKey.of(TestPackets.key(profile, 3), TestPackets.salt(profile, 4)));
    try (TestPackets.Pair pair = TestPackets.Pair.of(params)) {
      byte[] rtcp = TestPackets.rtcp(6);
      byte[] buf = TestPackets.withRoom(rtcp, 20);
      int n = protect(pair.tx(), buf, rtcp.length);
      assertThat(Arrays.copyOf(buf, rtcp.length)).isEqualTo(rtcp);
      int wordAt = profile.isAead() ? n - 4 : n - profile.srtcpTagLength() - 4;
      assertThat(Bytes.getInt(buf, wordAt)).isEqualTo(0);
      byte[] tampered = Arrays.copyOf(buf, n);
      tampered[10] ^= 1;
      assertThat(SrtpStatus.ofResult(pair.rx().unprotectRtcp(tampered, 0, n))).isEqualTo(SrtpStatus.AUTH_FAIL);
      assertThat(pair.rx().unprotectRtcp(buf, 0, n)).isEqualTo(rtcp.length);
    }
  }

  @Test
  void givenSrtcpIndexAtMaximum_whenProtectingTwice_thenSecondIsKeyExpired() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(SrtpProfile.AES_CM_128_HMAC_SHA1_80))) {
      pair.tx().setNextSrtcpIndex(0x7FFF_FFFF);
      byte[] rtcp = TestPackets.rtcp(2);
      byte[] buf = TestPackets.withRoom(rtcp, 14);
      assertThat(pair.tx().protectRtcp(buf, 0, rtcp.length)).isEqualTo(rtcp.length + 14);
      byte[] buf2 = TestPackets.withRoom(rtcp, 14);
      assertThat(SrtpStatus.ofResult(pair.tx().protectRtcp(buf2, 0, rtcp.length)))
          .isEqualTo(SrtpStatus.KEY_EXPIRED);
    }
  }
}
