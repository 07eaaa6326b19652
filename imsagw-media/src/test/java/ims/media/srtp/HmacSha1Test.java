package ims.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** HMAC-SHA1 against RFC 2202 and the JCE's HmacSHA1, in whichever engine this JVM allows. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HmacSha1Test {

  @Test
  void givenJavaBaseOpensSunSecurityProvider_whenCreated_thenPadStatesArePrecomputedElseNot() throws Exception {
    boolean open = Object.class.getModule().isOpen("sun.security.provider", HmacSha1Test.class.getModule());
    assertThat(Sha1Midstate.AVAILABLE).isEqualTo(open);
    assertThat(new HmacSha1().usesMidstate()).isEqualTo(open);
  }

  @Test
  void givenRfc2202TestCase3_whenMacced_thenDigestMatches() throws Exception {
    HmacSha1 mac = new HmacSha1();
    byte[] key = new byte[20];
    java.util.Arrays.fill(key, (byte) 0xaa);
    byte[] data = new byte[50];
    java.util.Arrays.fill(data, (byte) 0xdd);
    byte[] out = new byte[20];
    mac.init(key, 0, 20);
    for (int i = 0; i < 2; i++) {
      mac.begin();
      mac.update(data, 0, 50);
      mac.finish(out, 0);
      assertThat(HexFormat.of().formatHex(out)).isEqualTo("125d7342b9ac11cd91a39af48aa17b4f63f175d3");
    }
  }

  @Test
  void givenRandomKeysAndMessages_whenMacced_thenEqualToJceHmacSha1() throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    HmacSha1 mac = new HmacSha1();
    Mac jce = Mac.getInstance("HmacSHA1");
    byte[] out = new byte[20];
    for (int i = 0; i < 200; i++) {
      byte[] key = new byte[1 + random.nextInt(64)];
      random.nextBytes(key);
      byte[] data = new byte[random.nextInt(1500)];
      random.nextBytes(data);
      mac.init(key, 0, key.length);
      int split = data.length == 0 ? 0 : random.nextInt(data.length);
      mac.begin();
      mac.update(data, 0, split);
      mac.update(data, split, data.length - split);
      mac.finish(out, 0);
      jce.init(new SecretKeySpec(key, "HmacSHA1"));
      assertThat(out).isEqualTo(jce.doFinal(data));
    }
  }
}
