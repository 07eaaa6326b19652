package ims.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * After more than 2^15 consecutive lost packets the RFC 3711 estimate is one ROC off; the receiver recovers by
 * trying ROC +/- 1 once {@link SrtpReceiveContext#RECOVERY_AFTER_FAILURES} packets in a row failed.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LossBurstRecoveryTest {
  private static final SrtpProfile P = SrtpProfile.AES_CM_128_HMAC_SHA1_80;

  /** Sender at (roc, firstSeq), receiver sees it, then {@code lost} packets vanish; returns statuses after. */
  private static SrtpStatus[] afterBurst(SrtpProfile profile, long roc, int firstSeq, int lost, int count,
      TestPackets.Pair pair) {
    pair.tx().setRolloverCounter(roc);
    pair.rx().setRolloverCounter(roc);
    assertThat(pair.unprotect(pair.protect(firstSeq))).isEqualTo(SrtpStatus.OK);
    // the sender's own index must advance through the burst: protect and drop, in big strides of < 2^15
    int seq = firstSeq;
    int remaining = lost;
    while (remaining > 0) {
      int step = Math.min(remaining, 30000);
      seq = (seq + step) & 0xFFFF;
      pair.protect(seq);                    // lost on the way
      remaining -= step;
    }
    SrtpStatus[] out = new SrtpStatus[count];
    for (int i = 0; i < count; i++) {
      seq = (seq + 1) & 0xFFFF;
      out[i] = pair.unprotect(pair.protect(seq));
    }
    return out;
  }

  @Test
  void given40000LostPacketsAtRoc5_whenTrafficResumes_thenRecoveredAfterFourFailures() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(P))) {
      SrtpStatus[] s = afterBurst(P, 5, 100, 40000, 8, pair);
      // the estimate falls one ROC back: the packets look older than the window until recovery
      assertThat(s).containsExactly(SrtpStatus.REPLAY_OLD, SrtpStatus.REPLAY_OLD, SrtpStatus.REPLAY_OLD,
          SrtpStatus.OK, SrtpStatus.OK, SrtpStatus.OK, SrtpStatus.OK, SrtpStatus.OK);
      assertThat(pair.rx().rocRecoveries()).isEqualTo(1);
      assertThat(pair.rx().rolloverCounter()).isEqualTo(5);
      assertThat(pair.rx().highestSrtpIndex()).isEqualTo(pair.tx().rolloverCounter() << 16 | (100 + 40000 + 8));
    }
  }

  @Test
  void givenBurstAcrossTheRollover_whenTrafficResumes_thenNextRocIsFound() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(P))) {
      SrtpStatus[] s = afterBurst(P, 9, 60000, 40000, 6, pair);
      assertThat(s[3]).isEqualTo(SrtpStatus.OK);
      assertThat(s[5]).isEqualTo(SrtpStatus.OK);
      assertThat(pair.rx().rolloverCounter()).isEqualTo(10);
      assertThat(pair.rx().rocRecoveries()).isEqualTo(1);
    }
  }

  @Test
  void givenGcmStream_whenBurstOf50000_thenRecovered() throws Exception {
    SrtpProfile gcm = SrtpProfile.AEAD_AES_128_GCM;
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(gcm))) {
      SrtpStatus[] s = afterBurst(gcm, 2, 10, 50000, 5, pair);
      assertThat(s).endsWith(SrtpStatus.OK, SrtpStatus.OK);
      assertThat(pair.rx().rocRecoveries()).isEqualTo(1);
    }
  }

  @Test
  void givenForgedPacketsOnly_whenFlooding_thenNothingIsAcceptedAndStateIsUnchanged() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(P))) {
      assertThat(pair.unprotect(pair.protect(1))).isEqualTo(SrtpStatus.OK);
      for (int seq = 2; seq < 50; seq++) {
        byte[] forged = pair.protect(seq);
        forged[forged.length - 1] ^= 0x10;
        assertThat(pair.unprotect(forged)).isEqualTo(SrtpStatus.AUTH_FAIL);
      }
      assertThat(pair.rx().highestSrtpIndex()).isEqualTo(1);
      assertThat(pair.rx().rocRecoveries()).isZero();
      assertThat(pair.rx().count(SrtpStatus.AUTH_FAIL)).isEqualTo(48);
    }
  }
}
