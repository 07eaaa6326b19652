package ims.sdes.e2ae;

import ims.sdes.SdpFixtures;
import ims.sdes.key.KeySource;

/** Golden SDP files of the e2ae flows (resources beside this class) and fixed key sources. */
final class Fixtures {
  private Fixtures() {}

  static String lf(String name) {
    return SdpFixtures.lf("/ims/sdes/e2ae/" + name);
  }

  static String crlf(String name) {
    return SdpFixtures.crlf("/ims/sdes/e2ae/" + name);
  }

  /** Bytes 0, 1, 2, ... across calls: key n (30 bytes) is bytes 30n..30n+29, base64 computed by hand. */
  static KeySource countingKeys() {
    int[] next = {0};
    return out -> {
      for (int i = 0; i < out.length; i++) {
        out[i] = (byte) next[0]++;
      }
    };
  }

  static final String KEY_0 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd";
  static final String KEY_1 = "Hh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7";
  static final String KEY_2 = "PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZ";
  static final String KEY_3 = "WltcXV5fYGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3";

  /** The key of the conformance crypto line in design.md section 2. */
  static final String CONFORMANCE_KEY = "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";
}
