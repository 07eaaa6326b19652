package ims.media.srtp.interop;

import static org.assertj.core.api.Assertions.assertThat;

import ims.media.srtp.SrtpProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Key derivation rate > 0 (RFC 3711 4.3.1: session keys for index i come from r = i DIV kdr). libsrtp 2.5 cannot
 * be the peer here: its srtp_crypto_policy_t and srtp_policy_t have no KDR field (srtp2/srtp.h of 2.5.0; it always
 * derives once, r = 0). So the engine is checked against {@link ReferenceSrtp}, whose r = 0 output equals
 * libsrtp's ({@link ReferenceSrtpTest}); the packets cross r boundaries in both directions.
 */
@Timeout(30)
class KeyDerivationRateTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final int SSRC = 0x5eed5eed;

  @ParameterizedTest
  @CsvSource({"AES_CM_128_HMAC_SHA1_80, 1", "AES_CM_128_HMAC_SHA1_32, 16", "AES_256_CM_HMAC_SHA1_80, 65536",
      "AES_192_CM_HMAC_SHA1_80, 4"})
  void givenKdr_whenJavaProtectsAcrossRBoundaries_thenEachPacketUsesTheSessionKeysOfIndexDivKdr(SrtpProfile profile,
      int kdr) {
    var random = new Packets(kdr * 31L + profile.ordinal());
    byte[] keyAndSalt = random.bytes(profile.masterKeyLength() + profile.masterSaltLength());
    byte[] masterKey = Arrays.copyOf(keyAndSalt, profile.masterKeyLength());
    byte[] masterSalt = Arrays.copyOfRange(keyAndSalt, profile.masterKeyLength(), keyAndSalt.length);
    long roc = 2;
    try (JavaSrtpStream java = JavaSrtpStream.open(profile, SSRC, 0, 0, kdr,
        List.of(LibSrtpPeer.Key.of(keyAndSalt)))) {
      java.setRoc(roc);
      var sent = new ArrayList<byte[]>();
      var plain = new ArrayList<byte[]>();
      for (int i = 0; i < 24; i++) {
        int seq = (65_524 + i) & 0xffff;
        long packetRoc = 65_524 + i > 0xffff ? roc + 1 : roc;
        long index = (packetRoc << 16) | seq;
        byte[] rtp = random.rtp(SSRC, seq);

        JavaSrtpStream.Result fromJava = java.protect(rtp);

        var keys = ReferenceSrtp.rtpSessionKeys(masterKey, masterSalt, index / kdr);
        assertThat(fromJava.accepted()).as("seq %d: %s", seq, fromJava).isTrue();
        assertThat(HEX.formatHex(fromJava.bytes())).as("seq %d, r = %d", seq, index / kdr)
            .isEqualTo(HEX.formatHex(ReferenceSrtp.protectRtp(keys, profile.srtpTagLength(), rtp, packetRoc)));
        sent.add(fromJava.bytes());
        plain.add(rtp);
      }
      // the receiver gets them pairwise swapped, so every r boundary is crossed backwards once
      for (int i = 0; i + 1 < sent.size(); i += 2) {
        for (int j : new int[] {i + 1, i}) {
          JavaSrtpStream.Result back = java.unprotect(sent.get(j));
          assertThat(back.accepted()).as("unprotect #%d: %s", j, back).isTrue();
          assertThat(HEX.formatHex(back.bytes())).isEqualTo(HEX.formatHex(plain.get(j)));
        }
      }
    }
  }
}
