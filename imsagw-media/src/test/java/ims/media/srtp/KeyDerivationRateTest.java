package ims.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RFC 3711 section 4.3.1 with KDR > 0: session keys re-derived with r = index DIV kdr, checked packet by packet
 * against an independent computation on the JCE's AES/CTR and HmacSHA1.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class KeyDerivationRateTest {
  private static final SrtpProfile P = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
  private static final byte[] KEY = TestPackets.key(P, 0x31);
  private static final byte[] SALT = TestPackets.salt(P, 0x17);

  private static SrtpParameters params(int kdr) {
    return TestPackets.params(P, 0, kdr, false, false, false, 128, MasterKey.of(KEY, SALT));
  }

  /** PRF(label, r) of RFC 3711 section 4.3.3 on the JCE. */
  private static byte[] prf(int label, long r, int len) throws Exception {
    byte[] iv = Arrays.copyOf(SALT, 16);
    iv[7] ^= (byte) label;
    for (int i = 0; i < 6; i++) {
      iv[8 + i] ^= (byte) (r >>> (40 - 8 * i));
    }
    Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new IvParameterSpec(iv));
    return c.doFinal(new byte[len]);
  }

  /** The SRTP packet an independent implementation makes of {@code rtp} at {@code index} with KDR {@code kdr}. */
  private static byte[] expectedSrtp(byte[] rtp, long index, int kdr) throws Exception {
    long r = index / kdr;
    byte[] ke = prf(0, r, 16);
    byte[] ka = prf(1, r, 20);
    byte[] ks = prf(2, r, 14);
    byte[] iv = Arrays.copyOf(ks, 16);
    for (int i = 0; i < 4; i++) {
      iv[4 + i] ^= rtp[8 + i];
    }
    for (int i = 0; i < 6; i++) {
      iv[8 + i] ^= (byte) (index >>> (40 - 8 * i));
    }
    Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(ke, "AES"), new IvParameterSpec(iv));
    byte[] out = Arrays.copyOf(rtp, rtp.length + 10);
    c.doFinal(rtp, 12, rtp.length - 12, out, 12);
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(ka, "HmacSHA1"));
    mac.update(out, 0, rtp.length);
    mac.update(new byte[] {(byte) (index >>> 40), (byte) (index >>> 32), (byte) (index >>> 24),
        (byte) (index >>> 16)});
    System.arraycopy(mac.doFinal(), 0, out, rtp.length, 10);
    return out;
  }

  @Test
  void givenKdr4_whenProtectingAcrossDerivationBoundaries_thenEachPacketUsesKeysForItsR() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(params(4))) {
      for (int seq = 1; seq <= 10; seq++) {
        byte[] rtp = TestPackets.rtp(seq, 40, seq);
        assertThat(pair.protect(seq)).as("seq %d", seq)
            .isEqualTo(expectedSrtp(TestPackets.rtp(seq, 160, seq & 0xff), seq, 4));
        assertThat(rtp).isNotNull();
      }
    }
  }

  @Test
  void givenKdr65536AndRocTwo_whenProtecting_thenRIsTheRoc() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(params(1 << 16))) {
      pair.tx().setRolloverCounter(2);
      assertThat(pair.protect(9)).isEqualTo(expectedSrtp(TestPackets.rtp(9, 160, 9), (2L << 16) | 9, 1 << 16));
    }
  }

  @Test
  void givenKdr4_whenPacketsArriveReorderedAcrossBoundaries_thenAllAreAccepted() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(params(4))) {
      byte[][] sent = new byte[13][];
      for (int seq = 1; seq <= 12; seq++) {
        sent[seq] = pair.protect(seq);
      }
      for (int seq : new int[] {1, 2, 5, 3, 8, 4, 7, 12, 6, 9, 11, 10}) {
        byte[] copy = sent[seq].clone();
        assertThat(SrtpStatus.ofResult(pair.rx().unprotectRtp(copy, 0, copy.length))).as("seq %d", seq)
            .isEqualTo(SrtpStatus.OK);
        assertThat(copy[12] & 0xff).isEqualTo(seq);
      }
    }
  }

  @Test
  void givenKdr4_whenForgedPacketFromNextPeriodFails_thenCurrentPeriodStillWorks() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(params(4))) {
      assertThat(pair.unprotect(pair.protect(1))).isEqualTo(SrtpStatus.OK);
      byte[] forged = pair.protect(5);
      forged[40] ^= 1;
      assertThat(pair.unprotect(forged)).isEqualTo(SrtpStatus.AUTH_FAIL);
      assertThat(pair.unprotect(pair.protect(2))).isEqualTo(SrtpStatus.OK);
    }
  }

  @Test
  void givenKdrNotAPowerOfTwo_whenBuildingParameters_thenRejected() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> params(3));
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> params(1 << 25));
  }
}
