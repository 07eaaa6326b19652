package ims.sdes.key;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeySourceTest {

  @Test
  void secureRandomFillsTheWholeArrayWithFreshBytes() {
    KeySource source = KeySource.secureRandom();
    byte[] first = new byte[32];
    byte[] second = new byte[32];
    source.nextBytes(first);
    source.nextBytes(second);
    // 2^-256 chance of a false failure for each assertion
    assertThat(first).isNotEqualTo(new byte[32]);
    assertThat(first).isNotEqualTo(second);
  }
}
