package ims.media.srtp.interop;

import static ims.media.srtp.interop.SrtpCrossCheckTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import ims.media.srtp.SrtpProfile;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SRTCP against libsrtp 2.5: byte-identical packets for the same key, SSRC and SRTCP index, each side reads the
 * other's, replayed and tampered SRTCP rejected by both, and UNENCRYPTED_SRTCP (E = 0) alike, AES-GCM included
 * (RFC 7714 9.2: the whole packet becomes AAD).
 *
 * <p>libsrtp numbers its first SRTCP packet 1 (it increments before use); RFC 3711 3.4 says the index starts at 0,
 * which the engine does. Byte comparisons therefore start the engine at index 1 through its
 * {@code setNextSrtcpIndex} hook; {@link #givenFreshSenders_whenFirstSrtcpSent_thenJavaUsesIndex0AndLibsrtpIndex1}
 * records the difference.
 *
 * <p>NULL cipher: libsrtp sends SRTCP with E = 0 (the NULL cipher gives no confidentiality) and, on receipt,
 * refuses any SRTCP whose E flag differs from its own confidentiality setting (srtp_err_status_cant_check, 14).
 * An engine that writes E = 1 for NULL-cipher SRTCP therefore has every SRTCP packet dropped by libsrtp peers; the
 * byte comparison of the NULL suites below shows exactly that difference (E||index 8000000n instead of 0000000n,
 * hence a different tag) until the engine clears E for the NULL cipher.
 */
@Timeout(30)
class SrtcpCrossCheckTest {

  private static final int SSRC = 0x7e57ab1e;

  @ParameterizedTest
  @MethodSource("ims.media.srtp.interop.Suites#interoperable")
  void givenSameKeySsrcAndSrtcpIndex_whenBothProtect_thenSrtcpIsByteIdenticalAndEachUnprotectsTheOther(
      SrtpProfile profile) throws IOException {
    assertSrtcpInterop(profile, 0, 40);
  }

  @ParameterizedTest
  @MethodSource("ims.media.srtp.interop.Suites#interoperable")
  void givenUnencryptedSrtcp_whenBothProtect_thenEFlagIsZeroAndPacketsAreByteIdentical(SrtpProfile profile)
      throws IOException {
    assertSrtcpInterop(profile, LibSrtpPeer.UNENCRYPTED_SRTCP, 10);
  }

  @ParameterizedTest
  @MethodSource("ims.media.srtp.interop.Suites#interoperable")
  void givenReplayedOrTamperedSrtcp_whenUnprotected_thenBothRejectAndStillAcceptTheNextPacket(SrtpProfile profile)
      throws IOException {
    var random = new Packets(profile.ordinal() + 500);
    byte[] key = SrtpCrossCheckTest.keyFor(profile, random);
    try (LibSrtpPeer peer = LibSrtpPeer.start(); JavaSrtpStream java = JavaSrtpStream.open(profile, SSRC, key)) {
      LibSrtpStream libsrtp = LibSrtpStream.open(peer, 0, profile, SSRC, key);
      java.send().setNextSrtcpIndex(1);
      byte[] first = libsrtp.protectRtcp(random.rtcp(SSRC)).bytes();
      assertThat(java.unprotectRtcp(first).accepted()).isTrue();
      assertThat(libsrtp.unprotectRtcp(first).accepted()).isTrue();

      assertThat(java.unprotectRtcp(first).verdict()).as("java replay").isEqualTo(Verdict.REPLAY_FAIL);
      assertThat(libsrtp.unprotectRtcp(first).verdict()).as("libsrtp replay").isEqualTo(Verdict.REPLAY_FAIL);

      byte[] rtcp = random.rtcp(SSRC);
      byte[] second = libsrtp.protectRtcp(rtcp).bytes();
      for (int position : new int[] {1, 9, second.length / 2, second.length - 15, second.length - 11,
          second.length - 1}) {
        byte[] tampered = second.clone();
        tampered[position] ^= (byte) (1 << random.nextInt(8));
        JavaSrtpStream.Result javaResult = java.unprotectRtcp(tampered);
        JavaSrtpStream.Result libsrtpResult = libsrtp.unprotectRtcp(tampered);
        assertThat(javaResult.verdict()).as("java, byte %d flipped", position).isEqualTo(Verdict.AUTH_FAIL);
        assertThat(libsrtpResult.verdict()).as("libsrtp, byte %d flipped", position).isEqualTo(Verdict.AUTH_FAIL);
        assertThat(hex(javaResult.bytes())).as("java leaves a failing buffer as it was").isEqualTo(hex(tampered));
      }
      assertThat(hex(java.unprotectRtcp(second).bytes())).isEqualTo(hex(rtcp));
      assertThat(hex(libsrtp.unprotectRtcp(second).bytes())).isEqualTo(hex(rtcp));
    }
  }

  @ParameterizedTest
  @MethodSource("ims.media.srtp.interop.Suites#interoperable")
  void givenReorderedDuplicatedAndLateSrtcp_whenBothUnprotect_thenVerdictsAgreeForEveryDelivery(SrtpProfile profile)
      throws IOException {
    // libsrtp's SRTCP window is fixed at 128 (srtp_rdb_t); the engine's is the WSH, 128 by default
    var random = new Packets(profile.ordinal() + 800);
    byte[] key = SrtpCrossCheckTest.keyFor(profile, random);
    try (LibSrtpPeer peer = LibSrtpPeer.start(); JavaSrtpStream java = JavaSrtpStream.open(profile, SSRC, key)) {
      LibSrtpStream libsrtp = LibSrtpStream.open(peer, 0, profile, SSRC, key);
      List<byte[]> plain = new java.util.ArrayList<>();
      List<byte[]> sent = new java.util.ArrayList<>();
      for (int i = 0; i < 300; i++) {
        byte[] rtcp = random.rtcp(SSRC);
        plain.add(rtcp);
        sent.add(libsrtp.protectRtcp(rtcp).bytes());
      }
      var verdicts = new java.util.HashSet<Verdict>();
      for (int n : ReplayAndReorderCrossCheckTest.schedule(sent.size(), random)) {
        JavaSrtpStream.Result javaResult = java.unprotectRtcp(sent.get(n));
        JavaSrtpStream.Result libsrtpResult = libsrtp.unprotectRtcp(sent.get(n));

        assertThat(javaResult.verdict()).as("%s SRTCP index %d: java %s, libsrtp %s", profile, n + 1, javaResult,
            libsrtpResult).isEqualTo(libsrtpResult.verdict());
        if (javaResult.accepted()) assertThat(hex(javaResult.bytes())).isEqualTo(hex(plain.get(n)));
        verdicts.add(javaResult.verdict());
      }
      assertThat(verdicts).contains(Verdict.ACCEPTED, Verdict.REPLAY_FAIL, Verdict.REPLAY_OLD);
    }
  }

  @Test
  void givenFreshSenders_whenFirstSrtcpSent_thenJavaUsesIndex0AndLibsrtpIndex1() throws IOException {
    SrtpProfile profile = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
    var random = new Packets(600);
    byte[] key = SrtpCrossCheckTest.keyFor(profile, random);
    byte[] rtcp = random.rtcp(SSRC);
    try (LibSrtpPeer peer = LibSrtpPeer.start(); JavaSrtpStream java = JavaSrtpStream.open(profile, SSRC, key)) {
      LibSrtpStream libsrtp = LibSrtpStream.open(peer, 0, profile, SSRC, key);

      byte[] fromJava = java.protectRtcp(rtcp).bytes();
      byte[] fromLibsrtp = libsrtp.protectRtcp(rtcp).bytes();

      assertThat(hex(fromJava).substring(2 * rtcp.length, 2 * rtcp.length + 8)).isEqualTo("80000000");
      assertThat(hex(fromLibsrtp).substring(2 * rtcp.length, 2 * rtcp.length + 8)).isEqualTo("80000001");
      assertThat(libsrtp.unprotectRtcp(fromJava).accepted()).as("libsrtp takes index 0").isTrue();
    }
  }

  private static void assertSrtcpInterop(SrtpProfile profile, int flags, int packets) throws IOException {
    var random = new Packets(profile.ordinal() * 31L + flags);
    byte[] key = SrtpCrossCheckTest.keyFor(profile, random);
    List<LibSrtpPeer.Key> keys = List.of(LibSrtpPeer.Key.of(key));
    try (LibSrtpPeer peer = LibSrtpPeer.start();
        JavaSrtpStream java = JavaSrtpStream.open(profile, SSRC, 0, flags, keys)) {
      LibSrtpStream libsrtp = LibSrtpStream.open(peer, 0, profile, SSRC, 0, flags, keys);
      java.send().setNextSrtcpIndex(1);
      for (int i = 0; i < packets; i++) {
        byte[] rtcp = random.rtcp(SSRC);
        String what = profile + " SRTCP #" + (i + 1) + " flags " + flags;

        JavaSrtpStream.Result fromJava = java.protectRtcp(rtcp);
        JavaSrtpStream.Result fromLibsrtp = libsrtp.protectRtcp(rtcp);

        assertThat(fromJava.accepted()).as("%s: java %s", what, fromJava).isTrue();
        assertThat(fromLibsrtp.accepted()).as("%s: libsrtp %s", what, fromLibsrtp).isTrue();
        assertThat(hex(fromJava.bytes())).as("%s: RTCP %s", what, hex(rtcp)).isEqualTo(hex(fromLibsrtp.bytes()));
        JavaSrtpStream.Result javaReads = java.unprotectRtcp(fromLibsrtp.bytes());
        JavaSrtpStream.Result libsrtpReads = libsrtp.unprotectRtcp(fromJava.bytes());
        assertThat(javaReads.accepted()).as("%s: java unprotect %s", what, javaReads).isTrue();
        assertThat(libsrtpReads.accepted()).as("%s: libsrtp unprotect %s", what, libsrtpReads).isTrue();
        assertThat(hex(javaReads.bytes())).isEqualTo(hex(rtcp));
        assertThat(hex(libsrtpReads.bytes())).isEqualTo(hex(rtcp));
      }
    }
  }
}
