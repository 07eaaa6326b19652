package ims.media.srtp.interop;

import static ims.media.srtp.interop.SrtpCrossCheckTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import ims.media.srtp.SrtpProfile;
import ims.media.srtp.SrtpReceiveContext;
import ims.media.srtp.SrtpStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two more comparisons with libsrtp 2.5: the Netty direct-buffer path of the engine gives libsrtp's bytes too;
 * and after a loss burst longer than 2^15 packets, where RFC 3711's index estimate goes one ROC wrong, libsrtp
 * drops every later packet while the engine, by design (issue 4), recovers after a few failures.
 */
@Timeout(30)
class ByteBufAndLossBurstCrossCheckTest {

  private static final int SSRC = 0x0b0b0b0b;

  @ParameterizedTest
  @MethodSource("ims.media.srtp.interop.Suites#interoperable")
  void givenDirectByteBuf_whenJavaProtectsAndUnprotectsInPlace_thenBytesAreLibsrtpsBothWays(SrtpProfile profile)
      throws IOException {
    var random = new Packets(profile.ordinal() + 4000);
    byte[] key = SrtpCrossCheckTest.keyFor(profile, random);
    ByteBuf buf = Unpooled.directBuffer(2048);
    try (LibSrtpPeer peer = LibSrtpPeer.start(); JavaSrtpStream java = JavaSrtpStream.open(profile, SSRC, key)) {
      LibSrtpStream libsrtp = LibSrtpStream.open(peer, 0, profile, SSRC, key);
      java.send().setNextSrtcpIndex(1);
      for (int i = 0; i < 8; i++) {
        byte[] rtp = random.rtp(SSRC, 30_000 + i);
        buf.clear().writerIndex(3).readerIndex(3).writeBytes(rtp); // not at offset 0
        assertThat(java.send().protectRtp(buf)).isEqualTo(SrtpStatus.OK);
        byte[] fromLibsrtp = libsrtp.protect(rtp).bytes();
        assertThat(hex(readable(buf))).as("%s SRTP %d", profile, i).isEqualTo(hex(fromLibsrtp));

        buf.clear().writerIndex(5).readerIndex(5).writeBytes(fromLibsrtp);
        assertThat(java.receive().unprotectRtp(buf)).isEqualTo(SrtpStatus.OK);
        assertThat(hex(readable(buf))).isEqualTo(hex(rtp));
      }
    } finally {
      buf.release();
    }
  }

  @Test
  void givenLossBurstOf40000Packets_whenTrafficResumes_thenLibsrtpDropsEverythingAndJavaRecovers()
      throws IOException {
    SrtpProfile profile = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
    var random = new Packets(4100);
    byte[] key = SrtpCrossCheckTest.keyFor(profile, random);
    try (LibSrtpPeer peer = LibSrtpPeer.start(); JavaSrtpStream java = JavaSrtpStream.open(profile, SSRC, key)) {
      LibSrtpStream libsrtp = LibSrtpStream.open(peer, 0, profile, SSRC, key);
      libsrtp.setRoc(3);
      java.setRoc(3);
      for (int seq = 100; seq < 105; seq++) { // received, then 40,000 packets lost (more than 2^15)
        byte[] srtp = libsrtp.protect(random.g711(SSRC, seq)).bytes();
        assertThat(java.unprotect(srtp).accepted()).isTrue();
        assertThat(libsrtp.unprotect(srtp).accepted()).isTrue();
      }
      // the sender went on at ROC 3; a fresh libsrtp sender pinned to ROC 3 stands in for it (the first one would
      // estimate the jump like a receiver and refuse it)
      LibSrtpStream sender = LibSrtpStream.open(peer, 2, profile, SSRC, key);
      sender.setRoc(3);
      int libsrtpAccepted = 0, javaAccepted = 0;
      for (int seq = 40_105; seq < 40_125; seq++) {
        byte[] rtp = random.g711(SSRC, seq);
        byte[] srtp = sender.protect(rtp).bytes();
        if (libsrtp.unprotect(srtp).accepted()) libsrtpAccepted++;
        JavaSrtpStream.Result back = java.unprotect(srtp);
        if (back.accepted()) {
          javaAccepted++;
          assertThat(hex(back.bytes())).isEqualTo(hex(rtp));
        }
      }
      assertThat(libsrtpAccepted).as("libsrtp after the burst").isZero();
      assertThat(javaAccepted).as("java after the burst")
          .isGreaterThanOrEqualTo(20 - SrtpReceiveContext.RECOVERY_AFTER_FAILURES);
      assertThat(java.receive().rocRecoveries()).isPositive();
      assertThat(java.receive().rolloverCounter()).isEqualTo(3);
    }
  }

  private static byte[] readable(ByteBuf buf) {
    byte[] out = new byte[buf.readableBytes()];
    buf.getBytes(buf.readerIndex(), out);
    return out;
  }

}
