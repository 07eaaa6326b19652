package ims.media.srtp.interop;

import static org.assertj.core.api.Assertions.assertThat;

import ims.media.srtp.SrtpProfile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SRTP (RTP direction) against libsrtp 2.5 for every suite both implement correctly ({@link Suites}): same key,
 * SSRC, SEQ and ROC give byte-identical SRTP packets, and each side unprotects the other's packets to the
 * original RTP bytes; the index estimate agrees across the SEQ 65535 -> 0 rollover. At the end of the 48-bit
 * index space the two differ on purpose: libsrtp wraps to index 0 and reuses its keystream, the engine refuses.
 */
@Timeout(30)
class SrtpCrossCheckTest {

  static final int SSRC = 0x1234abcd;

  static byte[] keyFor(SrtpProfile profile, Packets random) {
    return random.bytes(profile.masterKeyLength() + profile.masterSaltLength());
  }

  @ParameterizedTest
  @MethodSource("ims.media.srtp.interop.Suites#interoperable")
  void givenSameKeySsrcSeqAndRoc_whenBothProtect_thenSrtpIsByteIdenticalAndEachUnprotectsTheOther(
      SrtpProfile profile) throws IOException {
    var random = new Packets(profile.ordinal() * 7919L + 1);
    byte[] key = keyFor(profile, random);
    long roc = Integer.toUnsignedLong(random.nextInt());
    int firstSeq = random.nextInt(30_000);
    try (LibSrtpPeer peer = LibSrtpPeer.start(); JavaSrtpStream java = JavaSrtpStream.open(profile, SSRC, key)) {
      LibSrtpStream libsrtp = LibSrtpStream.open(peer, 0, profile, SSRC, key);
      libsrtp.setRoc(roc);
      java.setRoc(roc);
      for (int i = 0; i < 60; i++) {
        byte[] rtp = random.rtp(SSRC, firstSeq + i);
        assertRoundTrips(profile, java, libsrtp, rtp, "packet " + i);
      }
      assertThat(java.send().rolloverCounter()).isEqualTo(roc);
      assertThat(java.receive().rolloverCounter()).isEqualTo(roc);
    }
  }

  @ParameterizedTest
  @MethodSource("ims.media.srtp.interop.Suites#interoperable")
  void givenSeqCrossing65535To0_whenBothProtectAndUnprotect_thenRocAdvancesAlikeAndBytesStayIdentical(
      SrtpProfile profile) throws IOException {
    var random = new Packets(profile.ordinal() * 104729L + 2);
    byte[] key = keyFor(profile, random);
    long roc = 41;
    try (LibSrtpPeer peer = LibSrtpPeer.start(); JavaSrtpStream java = JavaSrtpStream.open(profile, SSRC, key)) {
      LibSrtpStream libsrtp = LibSrtpStream.open(peer, 0, profile, SSRC, key);
      libsrtp.setRoc(roc);
      java.setRoc(roc);
      for (int i = 0; i < 40; i++) {
        int seq = (65_516 + i) & 0xffff;
        assertRoundTrips(profile, java, libsrtp, random.rtp(SSRC, seq), "seq " + seq);
      }
      assertThat(libsrtp.senderRoc()).isEqualTo(roc + 1);
      assertThat(libsrtp.receiverRoc()).isEqualTo(roc + 1);
      assertThat(java.send().rolloverCounter()).isEqualTo(roc + 1);
      assertThat(java.receive().rolloverCounter()).isEqualTo(roc + 1);
    }
  }

  @ParameterizedTest
  @MethodSource("ims.media.srtp.interop.Suites#interoperable")
  void givenLastIndexOf48BitSpace_whenSeqWrapsPastIt_thenJavaRefusesWhereLibsrtpReusesIndexZero(SrtpProfile profile)
      throws IOException {
    var random = new Packets(profile.ordinal() + 3);
    byte[] key = keyFor(profile, random);
    try (LibSrtpPeer peer = LibSrtpPeer.start(); JavaSrtpStream java = JavaSrtpStream.open(profile, SSRC, key)) {
      LibSrtpStream libsrtp = LibSrtpStream.open(peer, 0, profile, SSRC, key);
      libsrtp.setRoc(0xffff_ffffL);
      java.setRoc(0xffff_ffffL);
      for (int seq = 65_530; seq <= 0xffff; seq++) {
        assertRoundTrips(profile, java, libsrtp, random.rtp(SSRC, seq), "seq " + seq + " at ROC 2^32-1");
      }
      byte[] wrapped = random.rtp(SSRC, 0);

      JavaSrtpStream.Result fromJava = java.protect(wrapped);
      JavaSrtpStream.Result fromLibsrtp = libsrtp.protect(wrapped);

      // RFC 3711 3.3.1/9.2: the index must not wrap under one master key
      assertThat(fromJava.accepted()).as("java past index 2^48-1: %s", fromJava).isFalse();
      // libsrtp 2.5 wraps: its packet equals the one a fresh session sends at index 0 (keystream/nonce reuse)
      assertThat(fromLibsrtp.accepted()).as("libsrtp past index 2^48-1: %s", fromLibsrtp).isTrue();
      LibSrtpStream fresh = LibSrtpStream.open(peer, 2, profile, SSRC, key);
      assertThat(hex(fromLibsrtp.bytes())).isEqualTo(hex(fresh.protect(wrapped).bytes()));
    }
  }

  @ParameterizedTest
  @MethodSource("sessionParameterCases")
  void givenUnencryptedOrUnauthenticatedSrtp_whenBothProtect_thenSrtpIsByteIdenticalAndEachUnprotectsTheOther(
      SrtpProfile profile, int flags) throws IOException {
    var random = new Packets(profile.ordinal() * 11L + flags);
    byte[] key = keyFor(profile, random);
    List<LibSrtpPeer.Key> keys = List.of(LibSrtpPeer.Key.of(key));
    try (LibSrtpPeer peer = LibSrtpPeer.start();
        JavaSrtpStream java = JavaSrtpStream.open(profile, SSRC, 0, flags, keys)) {
      LibSrtpStream libsrtp = LibSrtpStream.open(peer, 0, profile, SSRC, 0, flags, keys);
      for (int i = 0; i < 12; i++) {
        assertRoundTrips(profile, java, libsrtp, random.rtp(SSRC, 65_530 + i), "flags " + flags + " packet " + i);
      }
    }
  }

  static List<Arguments> sessionParameterCases() {
    var cases = new ArrayList<Arguments>();
    for (SrtpProfile p : Suites.interoperableWithHmac().toList()) {
      for (int flags : new int[] {LibSrtpPeer.UNENCRYPTED_SRTP, LibSrtpPeer.UNAUTHENTICATED_SRTP,
          LibSrtpPeer.UNENCRYPTED_SRTP | LibSrtpPeer.UNAUTHENTICATED_SRTP}) {
        cases.add(Arguments.of(p, flags));
      }
    }
    return cases;
  }

  /** Both protect {@code rtp}: identical output; each side unprotects the other's packet back to {@code rtp}. */
  static void assertRoundTrips(SrtpProfile profile, JavaSrtpStream java, LibSrtpStream libsrtp, byte[] rtp,
      String what) {
    JavaSrtpStream.Result fromJava = java.protect(rtp);
    JavaSrtpStream.Result fromLibsrtp = libsrtp.protect(rtp);
    assertThat(fromJava.accepted()).as("%s %s: java protect %s", profile, what, fromJava).isTrue();
    assertThat(fromLibsrtp.accepted()).as("%s %s: libsrtp protect %s", profile, what, fromLibsrtp).isTrue();
    assertThat(hex(fromJava.bytes())).as("%s %s: SRTP from java vs libsrtp, RTP %s", profile, what, hex(rtp))
        .isEqualTo(hex(fromLibsrtp.bytes()));

    JavaSrtpStream.Result javaReadsLibsrtp = java.unprotect(fromLibsrtp.bytes());
    JavaSrtpStream.Result libsrtpReadsJava = libsrtp.unprotect(fromJava.bytes());
    assertThat(javaReadsLibsrtp.accepted()).as("%s %s: java unprotect %s", profile, what, javaReadsLibsrtp)
        .isTrue();
    assertThat(libsrtpReadsJava.accepted()).as("%s %s: libsrtp unprotect %s", profile, what, libsrtpReadsJava)
        .isTrue();
    assertThat(hex(javaReadsLibsrtp.bytes())).as("%s %s: java's RTP", profile, what).isEqualTo(hex(rtp));
    assertThat(hex(libsrtpReadsJava.bytes())).as("%s %s: libsrtp's RTP", profile, what).isEqualTo(hex(rtp));
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
