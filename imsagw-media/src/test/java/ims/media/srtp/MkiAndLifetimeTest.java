package ims.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Several master keys told apart by MKI; per-key lifetime counted, reported once, never exceeded. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MkiAndLifetimeTest {
  private static final SrtpProfile P = SrtpProfile.AES_CM_128_HMAC_SHA1_80;

  private static MasterKey key(int fill, byte[] mki, long lifetime) {
    return MasterKey.of(TestPackets.key(P, fill), TestPackets.salt(P, fill + 1), mki, lifetime);
  }

  @Test
  void givenTwoKeysWithLifetime3_whenSending_thenKeyOneIsUsedAfterThreePacketsAndExpiryIsReportedOnce()
      throws Exception {
    List<String> events = new ArrayList<>();
    SrtpParameters params = TestPackets.params(P, 2, 0, false, false, false, 128,
        key(1, new byte[] {0, 1}, 3), key(5, new byte[] {0, 2}, 1000));
    try (TestPackets.Pair pair = TestPackets.Pair.of(params,
        (ctx, index) -> events.add(ctx.getClass().getSimpleName() + ":" + index))) {
      for (int seq = 1; seq <= 5; seq++) {
        byte[] srtp = pair.protect(seq);
        assertThat(srtp.length).isEqualTo(172 + 2 + 10);
        byte[] expectedMki = seq <= 3 ? new byte[] {0, 1} : new byte[] {0, 2};
        assertThat(Arrays.copyOfRange(srtp, 172, 174)).as("MKI of seq %d", seq).isEqualTo(expectedMki);
        assertThat(pair.unprotect(srtp)).isEqualTo(SrtpStatus.OK);
      }
      assertThat(events).containsExactly("SrtpSendContext:0", "SrtpReceiveContext:0");
      assertThat(pair.tx().activeMasterKey()).isEqualTo(1);
      assertThat(pair.tx().isMasterKeyExpired(0)).isTrue();
      assertThat(pair.rx().srtpPacketsUsed(1)).isEqualTo(2);
    }
  }

  @Test
  void givenReceiverKeyExpired_whenAnotherPacketUnderThatKeyArrives_thenKeyExpired() throws Exception {
    SrtpParameters params = TestPackets.params(P, 1, 0, false, false, false, 128,
        key(1, new byte[] {7}, 2), key(3, new byte[] {8}, 100));
    try (SrtpContextFactory f = new SrtpContextFactory(params);
        SrtpSendContext tx = f.newSendContext(TestPackets.SSRC);
        SrtpSendContext tx2 = f.newSendContext(TestPackets.SSRC);
        SrtpReceiveContext rx = f.newReceiveContext(TestPackets.SSRC)) {
      for (int seq = 1; seq <= 2; seq++) {
        byte[] buf = TestPackets.withRoom(TestPackets.rtp(seq, 20, 0), 11);
        int n = tx.protectRtp(buf, 0, 32);
        assertThat(rx.unprotectRtp(buf, 0, n)).isEqualTo(32);
      }
      // a second sender that did not count: its third packet under key 0 must be refused by the receiver
      byte[] buf = TestPackets.withRoom(TestPackets.rtp(3, 20, 0), 11);
      int n = tx2.protectRtp(buf, 0, 32);
      assertThat(SrtpStatus.ofResult(rx.unprotectRtp(buf, 0, n))).isEqualTo(SrtpStatus.KEY_EXPIRED);
      assertThat(rx.count(SrtpStatus.KEY_EXPIRED)).isEqualTo(1);
    }
  }

  @Test
  void givenSingleKeyAtItsLifetime_whenProtecting_thenKeyExpiredAndPacketUntouched() throws Exception {
    SrtpParameters params = TestPackets.params(P, 0, 0, false, false, false, 128,
        MasterKey.of(TestPackets.key(P, 1), TestPackets.salt(P, 2), new byte[0], 2));
    try (TestPackets.Pair pair = TestPackets.Pair.of(params)) {
      pair.protect(1);
      pair.protect(2);
      byte[] buf = TestPackets.withRoom(TestPackets.rtp(3, 20, 0), 10);
      byte[] before = buf.clone();
      assertThat(SrtpStatus.ofResult(pair.tx().protectRtp(buf, 0, 32))).isEqualTo(SrtpStatus.KEY_EXPIRED);
      assertThat(buf).isEqualTo(before);
    }
  }

  @Test
  void givenUnknownMki_whenUnprotected_thenUnknownMki() throws Exception {
    SrtpParameters params = TestPackets.params(P, 4, 0, false, false, false, 128,
        key(1, new byte[] {1, 2, 3, 4}, 0));
    try (TestPackets.Pair pair = TestPackets.Pair.of(params)) {
      byte[] srtp = pair.protect(1);
      srtp[172 + 3] = 5;
      assertThat(pair.unprotect(srtp)).isEqualTo(SrtpStatus.UNKNOWN_MKI);
      assertThat(pair.rx().count(SrtpStatus.UNKNOWN_MKI)).isEqualTo(1);
    }
  }

  @Test
  void givenMkiOnSrtcpAndGcm_whenRoundTripped_thenMkiFollowsIndexAndTag() throws Exception {
    SrtpProfile gcm = SrtpProfile.AEAD_AES_128_GCM;
    SrtpParameters params = TestPackets.params(gcm, 2, 0, false, false, false, 128,
        MasterKey.of(TestPackets.key(gcm, 1), TestPackets.salt(gcm, 2), new byte[] {9, 9}, 0));
    try (TestPackets.Pair pair = TestPackets.Pair.of(params)) {
      byte[] srtp = pair.protect(1);
      assertThat(Arrays.copyOfRange(srtp, srtp.length - 2, srtp.length)).containsExactly(9, 9);
      assertThat(pair.unprotect(srtp)).isEqualTo(SrtpStatus.OK);
      byte[] rtcp = TestPackets.rtcp(4);
      byte[] buf = TestPackets.withRoom(rtcp, 22);
      int n = pair.tx().protectRtcp(buf, 0, rtcp.length);
      assertThat(n).isEqualTo(rtcp.length + 16 + 4 + 2);
      assertThat(Arrays.copyOfRange(buf, n - 2, n)).containsExactly(9, 9);
      assertThat(pair.rx().unprotectRtcp(buf, 0, n)).isEqualTo(rtcp.length);
      assertThat(Arrays.copyOf(buf, rtcp.length)).isEqualTo(rtcp);
    }
  }

  @Test
  void givenSeveralKeysWithoutMki_whenBuildingParameters_thenRejected() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() ->
        TestPackets.params(P, 0, 0, false, false, false, 128, key(1, new byte[0], 0), key(2, new byte[0], 0)));
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() ->
        TestPackets.params(P, 1, 0, false, false, false, 128, key(1, new byte[] {1}, 0), key(2, new byte[] {1}, 0)));
  }
}
