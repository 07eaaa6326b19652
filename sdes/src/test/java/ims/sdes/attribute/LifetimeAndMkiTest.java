package ims.sdes.attribute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LifetimeAndMkiTest {

  @Test
  void powerOfTwoLifetimeCountsPackets() {
    assertThat(new Lifetime("2^31").packets()).isEqualTo(2_147_483_648L);
    assertThat(new Lifetime("2^48").packets()).isEqualTo(281_474_976_710_656L);
    assertThat(new Lifetime("2^0").packets()).isEqualTo(1L);
    assertThat(Lifetime.powerOfTwo(20).text()).isEqualTo("2^20");
  }

  @Test
  void decimalLifetimeKeepsLeadingZerosInItsText() {
    Lifetime lifetime = new Lifetime("0001066");
    assertThat(lifetime.packets()).isEqualTo(1066L);
    assertThat(lifetime.isPowerOfTwo()).isFalse();
    assertThat(lifetime).isNotEqualTo(Lifetime.ofPackets(1066));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "2^", "2^49", "2^99999999999999999999", "0", "281474976710657", "18570385703397936647",
        "3^4", "1e6", "000000000000000000001"})
  void invalidLifetimeIsAProgrammerError(String text) {
    assertThatThrownBy(() -> new Lifetime(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mkiBytesAreBigEndianOfItsLength() {
    assertThat(Mki.of(1066, 4).toBytes()).containsExactly(0, 0, 0x04, 0x2A);
    assertThat(Mki.of(255, 1).toBytes()).containsExactly(0xFF);
    assertThat(new Mki(BigInteger.TWO.pow(1024).subtract(BigInteger.ONE), 128).toBytes())
        .hasSize(128)
        .containsOnly(0xFF);
  }

  @Test
  void mkiValueMustFitItsLength() {
    assertThatThrownBy(() -> Mki.of(256, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Mki.of(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Mki.of(1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Mki.of(1, 129)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Mki.of(1, 4).format()).isEqualTo("1:4");
  }
}
