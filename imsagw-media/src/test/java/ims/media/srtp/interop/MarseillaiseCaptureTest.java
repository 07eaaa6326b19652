package ims.media.srtp.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real capture: every one of its 11,888 SRTP packets authenticates and decrypts, and what comes out is
 * PCMA audio. libsrtp decrypts the same stream as the reference for the plaintext bytes.
 */
@Timeout(60)
class MarseillaiseCaptureTest {

  private static final int TAG_LENGTH = 10;
  private static List<byte[]> srtp;

  @BeforeAll
  static void readCapture() {
    srtp = MarseillaiseCapture.srtpPackets();
  }

  @Test
  void givenCiphertextPayloads_whenExpandedAsPcma_thenTheyLookLikeWhiteNoise() {
    // control for the audio check below: the encrypted stream must fail it
    var signal = new PcmaSignal();
    for (byte[] p : srtp) {
      int length = p.length - TAG_LENGTH;
      signal.addFrame(p, RtpLayout.payloadOffset(p, length), RtpLayout.payloadLength(p, length, false));
    }
    assertThat(Math.abs(signal.lag1Correlation())).as(signal.toString()).isLessThan(0.05);
  }

  @Test
  void givenPublishedKey_whenLibsrtpUnprotectsEveryPacket_thenAllAuthenticateAndCarryPcmaAudio() throws IOException {
    List<byte[]> plain = libsrtpPlaintext();

    assertThat(plain).hasSize(MarseillaiseCapture.PACKETS);
    assertIsAudio(plain);
  }

  static List<byte[]> libsrtpPlaintext() throws IOException {
    var plain = new ArrayList<byte[]>(srtp.size());
    try (LibSrtpPeer peer = LibSrtpPeer.start()) {
      peer.create(0, MarseillaiseCapture.SUITE, MarseillaiseCapture.SSRC, MarseillaiseCapture.keyAndSalt());
      for (int i = 0; i < srtp.size(); i++) {
        LibSrtpPeer.Answer answer = peer.unprotect(0, srtp.get(i));
        assertThat(answer.ok()).as("libsrtp unprotect of packet #%d: %s", i, answer).isTrue();
        plain.add(answer.bytes());
      }
    }
    return plain;
  }

  static void assertIsAudio(List<byte[]> rtpPackets) {
    var signal = new PcmaSignal();
    for (byte[] p : rtpPackets) {
      assertThat(p[1] & 0x7f).isEqualTo(8);
      signal.addFrame(p, RtpLayout.payloadOffset(p, p.length), RtpLayout.payloadLength(p, p.length, true));
    }
    assertThat(signal.samples()).as("160 samples per 20 ms packet").isEqualTo(160L * MarseillaiseCapture.PACKETS);
    assertThat(signal.rms()).as(signal.toString()).isGreaterThan(1000);
    assertThat(signal.silentFrames()).as(signal.toString()).isLessThan(signal.frames() / 20);
    assertThat(signal.lag1Correlation()).as(signal.toString()).isGreaterThan(0.5);
  }
}
