package ims.media.srtp.interop;

import static org.assertj.core.api.Assertions.assertThat;

import ims.media.srtp.SrtpProfile;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * F8_128_HMAC_SHA1_80 has no libsrtp 2 peer (libsrtp 2 dropped f8), so whole packets are checked against the
 * reference's f8 transform, itself checked against RFC 3711 B.1 here: key derivation, IV formation from the
 * RTP header and ROC, keystream and tag together, across the SEQ rollover, in both directions.
 */
@Timeout(30)
class F8CrossCheckTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final int SSRC = 0x5c621599;

  @Test
  void givenRfc3711AppendixB1Inputs_whenReferenceF8Encrypts_thenCiphertextIsTheRfcValue() {
    byte[] iv = HEX.parseHex("006e5cba50681de55c621599d462564a");
    byte[] plain = HEX.parseHex("70736575646f72616e646f6d6e65737320697320746865206e6578742062657374207468696e67");

    byte[] cipher = ReferenceSrtp.f8(HEX.parseHex("234829008467be186c3de14aae72d62c"), HEX.parseHex("32f2870d"),
        iv, plain);

    assertThat(HEX.formatHex(cipher))
        .isEqualTo("019ce7a26e7854014a6366aa95d4eefd1ad4172a14f9faf455b7f1d4b62bd08f562c0eef7c4802");
  }

  @Test
  void givenRandomKey_whenJavaProtectsWithF8_thenEachPacketIsTheReferenceTransformAndUnprotectsBack() {
    SrtpProfile profile = SrtpProfile.F8_128_HMAC_SHA1_80;
    var random = new Packets(0xf8);
    byte[] keyAndSalt = random.bytes(profile.masterKeyLength() + profile.masterSaltLength());
    ReferenceSrtp.SessionKeys keys = ReferenceSrtp.rtpSessionKeys(Arrays.copyOf(keyAndSalt, 16),
        Arrays.copyOfRange(keyAndSalt, 16, keyAndSalt.length), 0);
    try (JavaSrtpStream java = JavaSrtpStream.open(profile, SSRC, keyAndSalt)) {
      java.setRoc(0xd462564aL);
      for (int i = 0; i < 24; i++) {
        int seq = (65_524 + i) & 0xffff;
        long roc = 65_524 + i > 0xffff ? 0xd462564bL : 0xd462564aL;
        byte[] rtp = random.rtp(SSRC, seq);
        byte[] expected = ReferenceSrtp.protectRtpF8(keys, profile.srtpTagLength(), rtp, roc);

        JavaSrtpStream.Result fromJava = java.protect(rtp);
        JavaSrtpStream.Result back = java.unprotect(expected);

        assertThat(HEX.formatHex(fromJava.bytes())).as("SEQ %d", seq).isEqualTo(HEX.formatHex(expected));
        assertThat(back.accepted()).as("SEQ %d: %s", seq, back).isTrue();
        assertThat(HEX.formatHex(back.bytes())).isEqualTo(HEX.formatHex(rtp));
      }
    }
  }
}
