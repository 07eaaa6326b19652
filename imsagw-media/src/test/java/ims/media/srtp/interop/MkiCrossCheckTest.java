package ims.media.srtp.interop;

import static ims.media.srtp.interop.SrtpCrossCheckTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import ims.media.srtp.SrtpProfile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MKI against libsrtp 2.5 (srtp_master_key_t arrays, srtp_protect_mki/srtp_unprotect_mki): three master keys with
 * MKIs of 1 to 4 bytes; the sender switches keys, both sides produce the same bytes, receivers holding all keys
 * pick the right one, and a packet whose MKI names no key is refused by both. For the _32 suites libsrtp cannot
 * read SRTCP with MKI at all, not even its own (recorded below).
 */
@Timeout(30)
class MkiCrossCheckTest {

  private static final int SSRC = 0x00c0ffee;

  static List<Arguments> suitesAndMkiLengths() {
    var args = new ArrayList<Arguments>();
    int[] lengths = {1, 2, 4};
    int i = 0;
    for (SrtpProfile p : Suites.interoperable().toList()) args.add(Arguments.of(p, lengths[i++ % lengths.length]));
    return args;
  }

  @ParameterizedTest
  @MethodSource("suitesAndMkiLengths")
  void givenThreeKeysWithMki_whenSenderSwitchesKeys_thenSrtpAndSrtcpAreByteIdenticalAndBothReceiversFollow(
      SrtpProfile profile, int mkiLength) throws IOException {
    var random = new Packets(profile.ordinal() * 13L + mkiLength);
    List<LibSrtpPeer.Key> keys = keys(profile, mkiLength, random);
    // NULL cipher: E = 0 stated explicitly, the E-flag difference is SrtcpCrossCheckTest's subject, not this one's
    int flags = profile.cipher() == SrtpProfile.CipherKind.NULL ? LibSrtpPeer.UNENCRYPTED_SRTCP : 0;
    try (LibSrtpPeer peer = LibSrtpPeer.start();
        JavaSrtpStream java = JavaSrtpStream.open(profile, SSRC, 0, flags, keys)) {
      LibSrtpStream libsrtp = LibSrtpStream.open(peer, 0, profile, SSRC, 0, flags, keys);
      java.send().setNextSrtcpIndex(1); // libsrtp's first SRTCP index (see SrtcpCrossCheckTest)
      for (int i = 0; i < 18; i++) {
        int key = (i / 2) % 3; // two packets per key, then the next: 0 0 1 1 2 2 0 0 ...
        java.send().useMasterKey(key);
        String what = profile + " MKI length " + mkiLength + ", key " + key + ", packet " + i;

        byte[] rtp = random.rtp(SSRC, 100 + i);
        assertExchanged(what + " SRTP", rtp, java.protect(rtp), libsrtp.protect(key, rtp), java::unprotect,
            libsrtp::unprotectWithMki);
        byte[] rtcp = random.rtcp(SSRC);
        // libsrtp 2.5 cannot read SRTCP with MKI when the SRTP tag is shorter (see the test below)
        assertExchanged(what + " SRTCP", rtcp, java.protectRtcp(rtcp), libsrtp.protectRtcp(key, rtcp),
            java::unprotectRtcp, hasShortSrtpTag(profile) ? null : libsrtp::unprotectRtcpWithMki);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("suitesAndMkiLengths")
  void givenPacketWhoseMkiNamesNoKey_whenUnprotected_thenBothRefuseAsUnknownMki(SrtpProfile profile, int mkiLength)
      throws IOException {
    var random = new Packets(profile.ordinal() * 17L + mkiLength);
    List<LibSrtpPeer.Key> keys = keys(profile, mkiLength, random);
    try (LibSrtpPeer peer = LibSrtpPeer.start();
        JavaSrtpStream java = JavaSrtpStream.open(profile, SSRC, 0, 0, keys)) {
      LibSrtpStream libsrtp = LibSrtpStream.open(peer, 0, profile, SSRC, 0, 0, keys);
      byte[] srtp = libsrtp.protect(1, random.rtp(SSRC, 5)).bytes();
      int mkiAt = srtp.length - profile.srtpTagLength() - mkiLength;
      if (profile.isAead()) mkiAt = srtp.length - mkiLength; // RFC 7714: the tag is inside, the MKI last
      srtp[mkiAt] ^= (byte) 0x80; // MKIs are made to differ from this (see keys)

      assertThat(java.unprotect(srtp).verdict()).as("java").isEqualTo(Verdict.UNKNOWN_MKI);
      assertThat(libsrtp.unprotectWithMki(srtp).verdict()).as("libsrtp").isEqualTo(Verdict.UNKNOWN_MKI);
    }
  }

  @ParameterizedTest
  @MethodSource("shortTagSuites")
  void givenShortSrtpTagSuiteWithMki_whenLibsrtp25UnprotectsItsOwnSrtcp_thenItFailsWithBadMkiWhileJavaReadsIt(
      SrtpProfile profile) throws IOException {
    // libsrtp 2.5 srtp_get_session_keys() looks for the MKI before a tag of the SRTP length (4 bytes) also for
    // SRTCP, whose tag is 10 bytes: it reads the wrong bytes as MKI. A libsrtp bug, recorded here; the engine
    // sends exactly what libsrtp sends (previous test) and reads it.
    var random = new Packets(profile.ordinal() * 19L);
    List<LibSrtpPeer.Key> keys = keys(profile, 2, random);
    try (LibSrtpPeer peer = LibSrtpPeer.start();
        JavaSrtpStream java = JavaSrtpStream.open(profile, SSRC, 0, 0, keys)) {
      LibSrtpStream libsrtp = LibSrtpStream.open(peer, 0, profile, SSRC, 0, 0, keys);
      byte[] rtcp = random.rtcp(SSRC);
      byte[] srtcp = libsrtp.protectRtcp(0, rtcp).bytes();

      assertThat(libsrtp.unprotectRtcpWithMki(srtcp).verdict()).isEqualTo(Verdict.UNKNOWN_MKI);
      assertThat(hex(java.unprotectRtcp(srtcp).bytes())).isEqualTo(hex(rtcp));
    }
  }

  static List<SrtpProfile> shortTagSuites() {
    return Suites.interoperable().filter(MkiCrossCheckTest::hasShortSrtpTag).toList();
  }

  private static boolean hasShortSrtpTag(SrtpProfile profile) {
    return profile.srtpTagLength() < profile.srtcpTagLength();
  }

  /** Three keys whose MKIs differ and have the top bit of the first byte clear. */
  private static List<LibSrtpPeer.Key> keys(SrtpProfile profile, int mkiLength, Packets random) {
    var keys = new ArrayList<LibSrtpPeer.Key>();
    for (int k = 0; k < 3; k++) {
      byte[] mki = random.bytes(mkiLength);
      mki[0] = (byte) (k + 1);
      keys.add(new LibSrtpPeer.Key(SrtpCrossCheckTest.keyFor(profile, random), mki));
    }
    return keys;
  }

  private static void assertExchanged(String what, byte[] plain, JavaSrtpStream.Result fromJava,
      JavaSrtpStream.Result fromLibsrtp, java.util.function.Function<byte[], JavaSrtpStream.Result> javaReceive,
      java.util.function.Function<byte[], JavaSrtpStream.Result> libsrtpReceive) {
    assertThat(fromJava.accepted()).as("%s: java protect %s", what, fromJava).isTrue();
    assertThat(fromLibsrtp.accepted()).as("%s: libsrtp protect %s", what, fromLibsrtp).isTrue();
    assertThat(hex(fromJava.bytes())).as("%s: plain %s", what, hex(plain)).isEqualTo(hex(fromLibsrtp.bytes()));
    JavaSrtpStream.Result javaReads = javaReceive.apply(fromLibsrtp.bytes());
    assertThat(javaReads.accepted()).as("%s: java unprotect %s", what, javaReads).isTrue();
    assertThat(hex(javaReads.bytes())).isEqualTo(hex(plain));
    if (libsrtpReceive != null) {
      JavaSrtpStream.Result libsrtpReads = libsrtpReceive.apply(fromJava.bytes());
      assertThat(libsrtpReads.accepted()).as("%s: libsrtp unprotect %s", what, libsrtpReads).isTrue();
      assertThat(hex(libsrtpReads.bytes())).isEqualTo(hex(plain));
    }
  }
}
