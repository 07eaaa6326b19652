package ims.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** GHASH engines: the JDK's intrinsic one when java.base opens it to us, the 8-bit and 4-bit tables always. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JdkGhashTest {

  @Test
  void givenJavaBaseOpensComSunCryptoProvider_whenLoaded_thenJdkGhashIsUsedElseNot() {
    boolean open = Object.class.getModule().isOpen("com.sun.crypto.provider", JdkGhashTest.class.getModule());
    assertThat(JdkGhash.AVAILABLE).isEqualTo(open);
  }

  @Test
  void givenRandomKeysAndSplits_whenHashing_thenWideNarrowAndDefaultEnginesAgree() {
    SplittableRandom random = new SplittableRandom(11);
    for (int round = 0; round < 100; round++) {
      byte[] h = new byte[16];
      random.nextBytes(h);
      byte[] aad = new byte[random.nextInt(40)];
      byte[] text = new byte[random.nextInt(1300)];
      random.nextBytes(aad);
      random.nextBytes(text);
      byte[][] out = new byte[3][16];
      Ghash[] engines = {new Ghash(true, false), new Ghash(false, false), new Ghash(true)};
      for (int e = 0; e < 3; e++) {
        Ghash g = engines[e];
        g.init(h, 0);
        int split = text.length == 0 ? 0 : random.nextInt(text.length);
        g.update(aad, 0, aad.length);
        g.pad();
        g.update(text, 0, split);
        g.update(text, split, text.length - split);
        g.finish(aad.length, text.length, out[e], 0);
        g.wipe();
        assertThat(g.isWiped()).isTrue();
      }
      assertThat(out[1]).isEqualTo(out[0]);
      assertThat(out[2]).isEqualTo(out[0]);
    }
  }
}
