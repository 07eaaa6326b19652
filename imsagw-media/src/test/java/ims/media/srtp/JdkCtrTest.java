package ims.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** AES-CM engines: the JDK's CounterMode keyed once when java.base opens it to us, the public JCE otherwise. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JdkCtrTest {

  @Test
  void givenJavaBaseOpensComSunCryptoProvider_whenLoaded_thenDirectCounterModeIsUsedElseNot() throws Exception {
    boolean open = Object.class.getModule().isOpen("com.sun.crypto.provider", JdkCtrTest.class.getModule())
        && !"false".equals(System.getProperty(JdkCtr.PROPERTY));
    assertThat(JdkCtr.AVAILABLE).isEqualTo(open);
    assertThat(AesCtr.create().isDirect()).isEqualTo(open);
  }

  /**
   * Many packets on one keyed engine, each re-positioned at its own counter (low bytes near a carry too), with lengths
   * that are not whole blocks and a second apply continuing the keystream: the same bytes as a fresh public
   * AES/CTR/NoPadding Cipher for each packet.
   */
  @Test
  void givenOneKeyAndManyCounters_whenXoring_thenBothEnginesEqualAFreshJceCipherPerPacket() throws Exception {
    SplittableRandom random = new SplittableRandom(3711);
    for (int keyLength : new int[] {16, 24, 32}) {
      byte[] key = new byte[keyLength];
      random.nextBytes(key);
      AesCtr direct = AesCtr.create(true);
      AesCtr jce = AesCtr.create(false);
      direct.init(key, 0, keyLength);
      jce.init(key, 0, keyLength);
      Cipher reference = Cipher.getInstance("AES/CTR/NoPadding");
      for (int packet = 0; packet < 300; packet++) {
        long hi = random.nextLong();
        long lo = packet % 3 == 0 ? -1L - random.nextInt(4) : random.nextLong();
        byte[] plain = new byte[random.nextInt(1400)];
        random.nextBytes(plain);
        int split = plain.length == 0 ? 0 : random.nextInt(plain.length);
        byte[] viaDirect = plain.clone();
        direct.start(hi, lo);
        direct.apply(viaDirect, 0, split);
        direct.apply(viaDirect, split, plain.length - split);
        byte[] viaJce = plain.clone();
        jce.xor(hi, lo, viaJce, 0, viaJce.length);
        byte[] iv = new byte[16];
        Bytes.setLong(iv, 0, hi);
        Bytes.setLong(iv, 8, lo);
        reference.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        byte[] expected = reference.doFinal(plain);
        assertThat(viaDirect).as("direct, packet %d", packet).isEqualTo(expected);
        assertThat(viaJce).as("JCE, packet %d", packet).isEqualTo(expected);
      }
      direct.wipe();
      jce.wipe();
    }
  }

  @Test
  void givenKeyedDirectEngine_whenWiped_thenItsKeystreamAndCounterAreZero() throws Exception {
    AesCtr direct = AesCtr.create(true);
    direct.init(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, 0, 16);
    direct.xor(0x1234L, 0x5678L, new byte[40], 0, 40);
    var secrets = new java.util.ArrayList<byte[]>();
    direct.forEachSecret(secrets::add);
    assertThat(secrets).as("live keystream block").anySatisfy(a -> assertThat(a).isNotEqualTo(new byte[a.length]));
    direct.wipe();
    assertThat(secrets).allSatisfy(a -> assertThat(a).containsOnly((byte) 0));
  }
}
