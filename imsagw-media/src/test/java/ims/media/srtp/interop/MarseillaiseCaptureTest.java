package ims.media.srtp.interop;

import static org.assertj.core.api.Assertions.assertThat;

import ims.media.srtp.SrtpProfile;
import ims.media.srtp.SrtpStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real capture: every one of its 11,888 SRTP packets authenticates and decrypts in the engine (byte[] and
 * direct ByteBuf slices), to exactly the bytes libsrtp decrypts them to, and what comes out is PCMA audio:
 * decoded with the G.711 expander it has speech/music energy and sample-to-sample correlation, which the
 * ciphertext (white noise) has not.
 */
@Timeout(60)
class MarseillaiseCaptureTest {

  private static final int TAG_LENGTH = 10;
  private static List<byte[]> srtp;
  private static List<byte[]> libsrtpPlain;

  @BeforeAll
  static void readAndDecryptCaptureWithLibsrtp() throws IOException {
    srtp = MarseillaiseCapture.srtpPackets();
    libsrtpPlain = libsrtpPlaintext();
  }

  @Test
  void givenPublishedKey_whenJavaUnprotectsEveryPacket_thenAllAuthenticateToLibsrtpsPlaintextAndCarryPcmaAudio() {
    var plain = new ArrayList<byte[]>(srtp.size());
    try (JavaSrtpStream java = JavaSrtpStream.open(SrtpProfile.AES_CM_128_HMAC_SHA1_80, MarseillaiseCapture.SSRC,
        MarseillaiseCapture.keyAndSalt())) {
      for (int i = 0; i < srtp.size(); i++) {
        JavaSrtpStream.Result result = java.unprotect(srtp.get(i));
        assertThat(result.accepted()).as("packet #%d: %s", i, result).isTrue();
        assertThat(result.bytes()).as("packet #%d", i).isEqualTo(libsrtpPlain.get(i));
        plain.add(result.bytes());
      }
      assertThat(java.receive().count(SrtpStatus.OK)).isEqualTo(MarseillaiseCapture.PACKETS);
    }
    assertIsAudio(plain);
  }

  @Test
  void givenPacketsAsSlicesOfOneDirectBuffer_whenJavaUnprotectsInPlace_thenEachSliceHoldsLibsrtpsPlaintext() {
    // as the gateway receives with recvmmsg: datagrams are slices of one large direct buffer, unprotect shrinks them.
    // Every 8th packet (1,486 of them): under the build's paranoid leak detection each slice costs a stack trace,
    // and the byte[] test above already takes all 11,888.
    ByteBuf batch = Unpooled.directBuffer(64 * 1024);
    try (JavaSrtpStream java = JavaSrtpStream.open(SrtpProfile.AES_CM_128_HMAC_SHA1_80, MarseillaiseCapture.SSRC,
        MarseillaiseCapture.keyAndSalt())) {
      for (int i = 0; i < srtp.size(); i += 8) {
        byte[] packet = srtp.get(i);
        batch.clear().writerIndex(7 * (i % 100)); // vary the offset inside the batch
        int start = batch.writerIndex();
        batch.writeBytes(packet);
        ByteBuf datagram = batch.slice(start, packet.length);

        SrtpStatus status = java.receive().unprotectRtp(datagram);

        assertThat(status).as("packet #%d", i).isEqualTo(SrtpStatus.OK);
        byte[] out = new byte[datagram.readableBytes()];
        datagram.getBytes(datagram.readerIndex(), out);
        assertThat(HexFormat.of().formatHex(out)).as("packet #%d", i)
            .isEqualTo(HexFormat.of().formatHex(libsrtpPlain.get(i)));
      }
    } finally {
      batch.release();
    }
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
  void givenPublishedKey_whenLibsrtpUnprotectsEveryPacket_thenAllAuthenticateAndCarryPcmaAudio() {
    assertThat(libsrtpPlain).hasSize(MarseillaiseCapture.PACKETS);
    assertIsAudio(libsrtpPlain);
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
