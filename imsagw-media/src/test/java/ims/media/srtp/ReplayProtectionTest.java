package ims.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RFC 3711 section 3.3.2: replay window checked before authentication, updated only after it. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReplayProtectionTest {

  private static TestPackets.Pair pair(int window) throws Exception {
    SrtpProfile p = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
    return TestPackets.Pair.of(TestPackets.params(p, 0, 0, false, false, false, window,
        MasterKey.of(TestPackets.key(p, 1), TestPackets.salt(p, 2))));
  }

  @Test
  void givenReplayedPacket_whenUnprotected_thenReplayFailAndWindowUnchanged() throws Exception {
    try (TestPackets.Pair pair = pair(128)) {
      byte[] p = pair.protect(10);
      assertThat(pair.unprotect(p)).isEqualTo(SrtpStatus.OK);
      assertThat(pair.unprotect(p)).isEqualTo(SrtpStatus.REPLAY_FAIL);
      assertThat(pair.rx().count(SrtpStatus.REPLAY_FAIL)).isEqualTo(1);
      assertThat(pair.rx().highestSrtpIndex()).isEqualTo(10);
      assertThat(pair.unprotect(pair.protect(11))).isEqualTo(SrtpStatus.OK);
    }
  }

  @Test
  void givenDefaultWindow128_whenPacketIs128Behind_thenReplayOldAnd127BehindIsAccepted() throws Exception {
    try (TestPackets.Pair pair = pair(128)) {
      byte[] old = pair.protect(72);
      byte[] edge = pair.protect(73);
      assertThat(pair.unprotect(pair.protect(200))).isEqualTo(SrtpStatus.OK);
      assertThat(pair.unprotect(old)).isEqualTo(SrtpStatus.REPLAY_OLD);
      assertThat(pair.unprotect(edge)).isEqualTo(SrtpStatus.OK);
      assertThat(pair.rx().count(SrtpStatus.REPLAY_OLD)).isEqualTo(1);
    }
  }

  @Test
  void givenWindowSize1024_whenPacket1000Behind_thenAccepted() throws Exception {
    try (TestPackets.Pair pair = pair(1024)) {
      byte[] late = pair.protect(5);
      assertThat(pair.unprotect(pair.protect(1005))).isEqualTo(SrtpStatus.OK);
      assertThat(pair.unprotect(late)).isEqualTo(SrtpStatus.OK);
    }
  }

  @Test
  void givenMinimumWindow64_whenPacket64Behind_thenReplayOld() throws Exception {
    try (TestPackets.Pair pair = pair(64)) {
      byte[] late = pair.protect(5);
      assertThat(pair.unprotect(pair.protect(69))).isEqualTo(SrtpStatus.OK);
      assertThat(pair.unprotect(late)).isEqualTo(SrtpStatus.REPLAY_OLD);
    }
  }

  @Test
  void givenReplayWithTamperedTag_whenUnprotected_thenReplayIsReportedBeforeAuth() throws Exception {
    try (TestPackets.Pair pair = pair(128)) {
      byte[] p = pair.protect(10);
      assertThat(pair.unprotect(p)).isEqualTo(SrtpStatus.OK);
      p[p.length - 1] ^= 1;
      assertThat(pair.unprotect(p)).isEqualTo(SrtpStatus.REPLAY_FAIL);
      assertThat(pair.rx().count(SrtpStatus.AUTH_FAIL)).isZero();
    }
  }

  @Test
  void givenForgedPacketWithNewIndex_whenRejected_thenGenuinePacketWithThatIndexIsStillAccepted()
      throws Exception {
    try (TestPackets.Pair pair = pair(128)) {
      assertThat(pair.unprotect(pair.protect(10))).isEqualTo(SrtpStatus.OK);
      byte[] genuine = pair.protect(11);
      byte[] forged = genuine.clone();
      forged[20] ^= 0x40;
      assertThat(pair.unprotect(forged)).isEqualTo(SrtpStatus.AUTH_FAIL);
      assertThat(pair.rx().highestSrtpIndex()).isEqualTo(10);
      assertThat(pair.unprotect(genuine)).isEqualTo(SrtpStatus.OK);
    }
  }

  @Test
  void givenSenderAskedToReuseAnIndex_whenProtecting_thenRefusedAsReplay() throws Exception {
    try (TestPackets.Pair pair = pair(128)) {
      pair.protect(10);
      byte[] buf = TestPackets.withRoom(TestPackets.rtp(10, 20, 0), 10);
      assertThat(SrtpStatus.ofResult(pair.tx().protectRtp(buf, 0, 32))).isEqualTo(SrtpStatus.REPLAY_FAIL);
      assertThat(pair.tx().count(SrtpStatus.REPLAY_FAIL)).isEqualTo(1);
    }
  }

  @Test
  void givenReplayedSrtcpPacket_whenUnprotected_thenReplayFail() throws Exception {
    try (TestPackets.Pair pair = pair(128)) {
      byte[] rtcp = TestPackets.rtcp(6);
      byte[] buf = TestPackets.withRoom(rtcp, 14);
      int n = pair.tx().protectRtcp(buf, 0, rtcp.length);
      byte[] copy = java.util.Arrays.copyOf(buf, n);
      assertThat(pair.rx().unprotectRtcp(copy.clone(), 0, n)).isEqualTo(rtcp.length);
      assertThat(SrtpStatus.ofResult(pair.rx().unprotectRtcp(copy.clone(), 0, n)))
          .isEqualTo(SrtpStatus.REPLAY_FAIL);
    }
  }

  @Test
  void givenCircularWindow_whenIndicesAdvanceByLargeSteps_thenOnlySeenIndicesAreReplays() {
    ReplayWindow w = new ReplayWindow(128);
    w.add(1000);
    w.add(1100);
    assertThat(w.check(1000)).isEqualTo(SrtpStatus.REPLAY_FAIL);
    assertThat(w.check(1001)).isEqualTo(SrtpStatus.OK);
    w.add(1227);   // 1000 and 1099 fall out
    assertThat(w.check(1099)).isEqualTo(SrtpStatus.REPLAY_OLD);
    assertThat(w.check(1100)).isEqualTo(SrtpStatus.REPLAY_FAIL);
    assertThat(w.check(1101)).isEqualTo(SrtpStatus.OK);
    w.add(100_000);
    assertThat(w.check(1227)).isEqualTo(SrtpStatus.REPLAY_OLD);
    assertThat(w.check(99_999)).isEqualTo(SrtpStatus.OK);
    assertThat(w.check(100_000)).isEqualTo(SrtpStatus.REPLAY_FAIL);
  }
}
