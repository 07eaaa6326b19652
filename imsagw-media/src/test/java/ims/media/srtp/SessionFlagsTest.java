package ims.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RFC 4568 session parameters UNENCRYPTED_SRTP, UNAUTHENTICATED_SRTP, and parameter validation. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SessionFlagsTest {
  private static final SrtpProfile P = SrtpProfile.AES_CM_128_HMAC_SHA1_80;

  private static MasterKey key() {
    return MasterKey.of(TestPackets.key(P, 1), TestPackets.salt(P, 2));
  }

  @Test
  void givenUnencryptedSrtp_whenProtected_thenPayloadIsClearButTagged() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(P, 0, 0, true, false, false, 128, key()))) {
      byte[] srtp = pair.protect(3);
      assertThat(srtp).hasSize(182);
      assertThat(Arrays.copyOf(srtp, 172)).isEqualTo(TestPackets.rtp(3, 160, 3));
      assertThat(pair.unprotect(srtp)).isEqualTo(SrtpStatus.OK);
      byte[] next = pair.protect(4);
      next[100] ^= 1;
      assertThat(pair.unprotect(next)).isEqualTo(SrtpStatus.AUTH_FAIL);
    }
  }

  @Test
  void givenUnauthenticatedSrtp_whenProtected_thenNoTagIsAddedAndSrtcpIsStillAuthenticated() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(P, 0, 0, false, false, true, 128, key()))) {
      byte[] srtp = pair.protect(3);
      assertThat(srtp).hasSize(172);
      assertThat(Arrays.copyOfRange(srtp, 12, 172)).isNotEqualTo(Arrays.copyOfRange(TestPackets.rtp(3, 160, 3), 12, 172));
      byte[] copy = srtp.clone();
      assertThat(pair.rx().unprotectRtp(copy, 0, copy.length)).isEqualTo(172);
      assertThat(copy).isEqualTo(TestPackets.rtp(3, 160, 3));
      byte[] rtcp = TestPackets.rtcp(3);
      byte[] buf = TestPackets.withRoom(rtcp, 14);
      assertThat(pair.tx().protectRtcp(buf, 0, rtcp.length)).isEqualTo(rtcp.length + 4 + 10);
    }
  }

  @Test
  void givenInvalidParameters_whenConstructed_thenRejectedWithoutKeyBytesInTheMessage() {
    MasterKey k = key();
    assertThatIllegalArgumentException().isThrownBy(() -> new SrtpParameters(SrtpProfile.AES_256_CM_HMAC_SHA1_80,
        List.of(k), 0, 0, false, false, false, 128)).withMessageContaining("needs 32+14");
    assertThatIllegalArgumentException().isThrownBy(() -> new SrtpParameters(P, List.of(k), 0, 0, false, false,
        false, 63)).withMessageContaining("replay window");
    assertThatIllegalArgumentException().isThrownBy(() -> new SrtpParameters(P, List.of(), 0, 0, false, false,
        false, 128));
    SrtpProfile gcm = SrtpProfile.AEAD_AES_128_GCM;
    MasterKey g = MasterKey.of(TestPackets.key(gcm, 1), TestPackets.salt(gcm, 2));
    assertThatIllegalArgumentException().isThrownBy(() -> new SrtpParameters(gcm, List.of(g), 0, 0, false, false,
        true, 128));
    k.close();
    assertThatIllegalArgumentException().isThrownBy(() -> SrtpParameters.of(P, k)).withMessageContaining("closed");
  }

  @Test
  void givenRocOutOfRange_whenSet_thenRejected() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(P))) {
      assertThatIllegalArgumentException().isThrownBy(() -> pair.tx().setRolloverCounter(1L << 32));
      assertThatIllegalArgumentException().isThrownBy(() -> pair.rx().setRolloverCounter(-1));
      assertThatIllegalArgumentException().isThrownBy(() -> pair.tx().setNextSrtcpIndex(-1));
    }
  }
}
