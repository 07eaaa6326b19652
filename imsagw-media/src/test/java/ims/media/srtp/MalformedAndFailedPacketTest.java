package ims.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Malformed input gets a typed status and a counter; a failed packet changes neither its bytes nor the context. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MalformedAndFailedPacketTest {
  private static final SrtpProfile P = SrtpProfile.AES_CM_128_HMAC_SHA1_80;

  private static SrtpStatus unprotect(TestPackets.Pair pair, byte[] packet) {
    return SrtpStatus.ofResult(pair.rx().unprotectRtp(packet, 0, packet.length));
  }

  @Test
  void givenElevenBytes_whenUnprotected_thenTooShort() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(P))) {
      byte[] p = Arrays.copyOf(pair.protect(1), 11);
      assertThat(unprotect(pair, p)).isEqualTo(SrtpStatus.MALFORMED_TOO_SHORT);
      assertThat(pair.rx().count(SrtpStatus.MALFORMED_TOO_SHORT)).isEqualTo(1);
    }
  }

  @Test
  void givenVersion1_whenUnprotected_thenBadVersion() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(P))) {
      byte[] p = pair.protect(1);
      p[0] = (byte) 0x40;
      assertThat(unprotect(pair, p)).isEqualTo(SrtpStatus.MALFORMED_BAD_VERSION);
    }
  }

  @Test
  void givenHeaderOnlyWithoutRoomForTag_whenUnprotected_thenTagMissing() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(P))) {
      byte[] p = Arrays.copyOf(pair.protect(1), 21);
      assertThat(unprotect(pair, p)).isEqualTo(SrtpStatus.MALFORMED_TAG_MISSING);
    }
  }

  @Test
  void givenCsrcCountBeyondPacket_whenUnprotected_thenCsrcPastEnd() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(P))) {
      byte[] p = Arrays.copyOf(pair.protect(1), 12 + 8 + 10);
      p[0] = (byte) 0x8f;   // 15 CSRCs = 60 bytes, only 8 before the tag
      assertThat(unprotect(pair, p)).isEqualTo(SrtpStatus.MALFORMED_CSRC_PAST_END);
    }
  }

  @Test
  void givenExtensionLengthBeyondPacket_whenUnprotected_thenExtensionPastEnd() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(P))) {
      byte[] p = pair.protect(1);
      p[0] = (byte) 0x90;
      p[14] = (byte) 0xff;   // extension length 0xffxx words
      assertThat(unprotect(pair, p)).isEqualTo(SrtpStatus.MALFORMED_EXTENSION_PAST_END);
      byte[] q = Arrays.copyOf(pair.protect(2), 12 + 2 + 10);
      q[0] = (byte) 0x90;    // not even the 4-byte extension header fits
      assertThat(unprotect(pair, q)).isEqualTo(SrtpStatus.MALFORMED_EXTENSION_PAST_END);
    }
  }

  @Test
  void givenPaddingCountLargerThanPayload_whenProtected_thenPaddingPastEndAndBufferUnchanged() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(P))) {
      byte[] rtp = TestPackets.rtp(1, 8, 0);
      rtp[0] |= 0x20;
      rtp[rtp.length - 1] = 9;
      byte[] buf = TestPackets.withRoom(rtp, 10);
      byte[] before = buf.clone();
      assertThat(SrtpStatus.ofResult(pair.tx().protectRtp(buf, 0, rtp.length)))
          .isEqualTo(SrtpStatus.MALFORMED_PADDING_PAST_END);
      assertThat(buf).isEqualTo(before);
    }
  }

  @Test
  void givenAuthenticPacketWhosePaddingIsPastEnd_whenUnprotected_thenRejectedAndBytesAndStateUnchanged()
      throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(P))) {
      byte[] rtp = TestPackets.rtp(1, 8, 0);
      rtp[rtp.length - 1] = 9;                         // would be a pad count of 9 > 8 payload bytes
      byte[] buf = TestPackets.withRoom(rtp, 10);
      int n = pair.tx().protectRtp(buf, 0, rtp.length);
      byte[] srtp = Arrays.copyOf(buf, n);
      srtp[0] |= 0x20;                                 // set P, then re-authenticate as a sender would
      byte[] authKey = new byte[20];
      new Kdf(TestPackets.key(P, 0x22), TestPackets.salt(P, 0x44)).derive(Kdf.SRTP_AUTH, 0, authKey, 0, 20);
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authKey, "HmacSHA1"));
      mac.update(srtp, 0, rtp.length);
      mac.update(new byte[4]);                         // ROC 0
      System.arraycopy(mac.doFinal(), 0, srtp, rtp.length, 10);
      byte[] copy = srtp.clone();
      assertThat(SrtpStatus.ofResult(pair.rx().unprotectRtp(copy, 0, copy.length)))
          .isEqualTo(SrtpStatus.MALFORMED_PADDING_PAST_END);
      assertThat(copy).isEqualTo(srtp);
      assertThat(pair.rx().highestSrtpIndex()).isEqualTo(-1);
    }
  }

  @Test
  void givenTamperedPacket_whenAuthFails_thenBufferAndContextAreUnchanged() throws Exception {
    for (SrtpProfile profile : SrtpProfile.values()) {
      try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(profile))) {
        assertThat(pair.unprotect(pair.protect(100))).isEqualTo(SrtpStatus.OK);
        byte[] p = pair.protect(101);
        p[30] ^= 0x01;
        byte[] copy = p.clone();
        assertThat(SrtpStatus.ofResult(pair.rx().unprotectRtp(copy, 0, copy.length)))
            .as("%s", profile).isEqualTo(SrtpStatus.AUTH_FAIL);
        assertThat(copy).as("%s bytes", profile).isEqualTo(p);
        assertThat(pair.rx().highestSrtpIndex()).isEqualTo(100);
        assertThat(pair.rx().srtpPacketsUsed(0)).isEqualTo(1);
        assertThat(pair.rx().count(SrtpStatus.AUTH_FAIL)).isEqualTo(1);
      }
    }
  }

  @Test
  void givenFirstPacketFailsAuth_whenValidPacketFollows_thenItIsAccepted() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(P))) {
      byte[] forged;
      try (SrtpSendContext other = pair.factory().newSendContext(TestPackets.SSRC)) {
        byte[] buf = TestPackets.withRoom(TestPackets.rtp(40000, 20, 0), 10);
        forged = Arrays.copyOf(buf, other.protectRtp(buf, 0, 32));
      }
      forged[20] ^= 1;
      assertThat(pair.unprotect(forged)).isEqualTo(SrtpStatus.AUTH_FAIL);
      assertThat(pair.rx().highestSrtpIndex()).isEqualTo(-1);
      assertThat(pair.unprotect(pair.protect(7))).isEqualTo(SrtpStatus.OK);
      assertThat(pair.rx().highestSrtpIndex()).isEqualTo(7);
    }
  }

  @Test
  void givenPacketFromAnotherSsrc_whenUnprotected_thenWrongSsrc() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(P))) {
      byte[] p = pair.protect(1);
      p[11] ^= 1;
      assertThat(unprotect(pair, p)).isEqualTo(SrtpStatus.WRONG_SSRC);
    }
  }

  @Test
  void givenNoTailroom_whenProtected_thenBufferTooSmallAndBufferUnchanged() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(P))) {
      byte[] buf = TestPackets.withRoom(TestPackets.rtp(1, 20, 7), 9);
      byte[] before = buf.clone();
      assertThat(SrtpStatus.ofResult(pair.tx().protectRtp(buf, 0, 32))).isEqualTo(SrtpStatus.BUFFER_TOO_SMALL);
      assertThat(buf).isEqualTo(before);
      byte[] rtcp = TestPackets.withRoom(TestPackets.rtcp(2), 13);
      assertThat(SrtpStatus.ofResult(pair.tx().protectRtcp(rtcp, 0, 16))).isEqualTo(SrtpStatus.BUFFER_TOO_SMALL);
    }
  }

  @Test
  void givenShortOrBadSrtcp_whenUnprotected_thenTypedStatuses() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(P))) {
      assertThat(SrtpStatus.ofResult(pair.rx().unprotectRtcp(new byte[7], 0, 7)))
          .isEqualTo(SrtpStatus.MALFORMED_TOO_SHORT);
      byte[] v1 = TestPackets.rtcp(6);
      v1[0] = 0x40;
      assertThat(SrtpStatus.ofResult(pair.rx().unprotectRtcp(v1, 0, v1.length)))
          .isEqualTo(SrtpStatus.MALFORMED_BAD_VERSION);
      byte[] shortOne = TestPackets.rtcp(3);   // 20 bytes < 8 + 4 + 10
      assertThat(SrtpStatus.ofResult(pair.rx().unprotectRtcp(shortOne, 0, shortOne.length)))
          .isEqualTo(SrtpStatus.MALFORMED_TAG_MISSING);
    }
  }

  @Test
  void givenClosedContext_whenUsed_thenContextClosedStatus() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(P))) {
      byte[] p = pair.protect(1);
      pair.rx().close();
      pair.tx().close();
      assertThat(unprotect(pair, p)).isEqualTo(SrtpStatus.CONTEXT_CLOSED);
      byte[] buf = TestPackets.withRoom(TestPackets.rtp(2, 10, 0), 10);
      assertThat(SrtpStatus.ofResult(pair.tx().protectRtp(buf, 0, 22))).isEqualTo(SrtpStatus.CONTEXT_CLOSED);
    }
  }

  @Test
  void givenResultCodes_whenMappedBack_thenEachStatusRoundTrips() {
    for (SrtpStatus s : SrtpStatus.values()) {
      assertThat(SrtpStatus.ofResult(s.code())).isEqualTo(s);
    }
    assertThat(SrtpStatus.ofResult(172)).isEqualTo(SrtpStatus.OK);
    assertThat(SrtpStatus.MALFORMED_TAG_MISSING.isMalformed()).isTrue();
    assertThat(SrtpStatus.AUTH_FAIL.isMalformed()).isFalse();
  }
}
