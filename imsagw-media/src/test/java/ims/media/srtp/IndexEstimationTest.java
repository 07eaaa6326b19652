package ims.media.srtp;

import static ims.media.srtp.TestPackets.SSRC;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RFC 3711 section 3.3.1 and Appendix A: ROC/SEQ estimation, rollover, reordering across the rollover. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IndexEstimationTest {

  private static RtpIndexTracker trackerAt(long highestIndex) {
    RtpIndexTracker t = new RtpIndexTracker(128);
    t.window.add(highestIndex);
    return t;
  }

  @Test
  void givenNoPacketYet_whenEstimating_thenIndexIsInitialRocAndSeq() {
    RtpIndexTracker t = new RtpIndexTracker(128);
    t.setRoc(3);
    assertThat(t.estimate(0x1234)).isEqualTo((3L << 16) | 0x1234);
  }

  @Test
  void givenHighestSeqBelowHalf_whenSeqIsFarAhead_thenPreviousRocIsGuessed() {
    // s_l = 100 < 32768 and SEQ - s_l = 65000 - 100 > 32768: v = ROC - 1
    assertThat(trackerAt((5L << 16) | 100).estimate(65000)).isEqualTo((4L << 16) | 65000);
  }

  @Test
  void givenHighestSeqBelowHalf_whenSeqIsClose_thenSameRoc() {
    assertThat(trackerAt((5L << 16) | 100).estimate(32868)).isEqualTo((5L << 16) | 32868);
    assertThat(trackerAt((5L << 16) | 100).estimate(50)).isEqualTo((5L << 16) | 50);
  }

  @Test
  void givenHighestSeqAboveHalf_whenSeqIsFarBehind_thenNextRocIsGuessed() {
    // s_l = 65535 >= 32768 and s_l - 32768 = 32767 > SEQ = 0: v = ROC + 1
    assertThat(trackerAt((5L << 16) | 65535).estimate(0)).isEqualTo(6L << 16);
    assertThat(trackerAt((5L << 16) | 40000).estimate(7231)).isEqualTo((6L << 16) | 7231);
    assertThat(trackerAt((5L << 16) | 40000).estimate(7232)).isEqualTo((5L << 16) | 7232);
  }

  @Test
  void givenRocZero_whenSeqIsFarAhead_thenRocStaysZeroInsteadOfWrapping() {
    assertThat(trackerAt(100).estimate(65000)).isEqualTo(65000);
  }

  @Test
  void givenSequenceWrapsInOrder_whenReceived_thenRocIncrementsAtZero() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(SrtpProfile.AES_CM_128_HMAC_SHA1_80))) {
      for (int seq : new int[] {65533, 65534, 65535, 0, 1}) {
        assertThat(pair.unprotect(pair.protect(seq))).as("seq %d", seq).isEqualTo(SrtpStatus.OK);
      }
      assertThat(pair.rx().rolloverCounter()).isEqualTo(1);
      assertThat(pair.rx().highestSrtpIndex()).isEqualTo(65536 + 1);
      assertThat(pair.tx().rolloverCounter()).isEqualTo(1);
    }
  }

  @Test
  void givenPacketsReorderedAcrossRollover_whenReceived_thenEachDecryptsWithItsOwnRoc() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(SrtpProfile.AES_CM_128_HMAC_SHA1_80))) {
      byte[][] sent = new byte[65536][];
      for (int seq : new int[] {65533, 65534, 65535, 0, 1, 2}) {
        sent[seq] = pair.protect(seq);
      }
      for (int seq : new int[] {65533, 0, 65535, 2, 65534, 1}) {
        byte[] copy = sent[seq].clone();
        int n = pair.rx().unprotectRtp(copy, 0, copy.length);
        assertThat(SrtpStatus.ofResult(n)).as("seq %d", seq).isEqualTo(SrtpStatus.OK);
        assertThat(copy[12] & 0xff).as("payload of seq %d", seq).isEqualTo(seq & 0xff);
      }
      assertThat(pair.rx().highestSrtpIndex()).isEqualTo(65536 + 2);
      assertThat(pair.rx().count(SrtpStatus.OK)).isEqualTo(6);
    }
  }

  @Test
  void givenLateOldRocPacketAfterRollover_whenReplayedAgain_thenReplayFail() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(SrtpProfile.AES_CM_128_HMAC_SHA1_80))) {
      byte[] late = null;
      for (int seq : new int[] {65534, 65535, 1, 2}) {
        byte[] p = pair.protect(seq);
        if (seq == 65535) {
          late = p;
        } else {
          assertThat(pair.unprotect(p)).isEqualTo(SrtpStatus.OK);
        }
      }
      assertThat(pair.unprotect(late)).isEqualTo(SrtpStatus.OK);
      assertThat(pair.unprotect(late)).isEqualTo(SrtpStatus.REPLAY_FAIL);
    }
  }

  @Test
  void givenInitialRocSetOnBothSides_whenFirstPacketSent_thenIndexUsesThatRoc() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(SrtpProfile.AES_CM_128_HMAC_SHA1_80))) {
      pair.tx().setRolloverCounter(0x12345);
      pair.rx().setRolloverCounter(0x12345);
      assertThat(pair.unprotect(pair.protect(40000))).isEqualTo(SrtpStatus.OK);
      assertThat(pair.rx().highestSrtpIndex()).isEqualTo((0x12345L << 16) | 40000);
    }
  }

  @Test
  void givenReceiverWithWrongInitialRoc_whenFirstPacketArrives_thenAuthFails() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(SrtpProfile.AES_CM_128_HMAC_SHA1_80))) {
      pair.tx().setRolloverCounter(2);
      assertThat(pair.unprotect(pair.protect(10))).isEqualTo(SrtpStatus.AUTH_FAIL);
      assertThat(pair.rx().highestSrtpIndex()).isEqualTo(-1);
    }
  }

  @Test
  void givenSsrcOfContext_whenAsked_thenItIsTheCreationSsrc() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(SrtpProfile.AES_CM_128_HMAC_SHA1_80))) {
      assertThat(pair.rx().ssrc()).isEqualTo(SSRC);
    }
  }
}
