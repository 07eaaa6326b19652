package ims.media.srtp.interop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The expander checked against ITU-T G.711 Table 1a values (x8 for 16-bit PCM), not against another decoder. */
class G711ALawTest {

  @Test
  void givenSmallestPositiveCharacter_whenDecoded_thenTable1aOutputOneScaledToEight() {
    assertThat(G711ALaw.decode(0xd5)).isEqualTo(8); // 0xd5 ^ 0x55 = 0x80: positive, segment 0, interval 0
  }

  @Test
  void givenSmallestNegativeCharacter_whenDecoded_thenMinusEight() {
    assertThat(G711ALaw.decode(0x55)).isEqualTo(-8);
  }

  @Test
  void givenLargestCharacters_whenDecoded_thenTable1aOutput4032ScaledTo32256() {
    assertThat(G711ALaw.decode(0xaa)).isEqualTo(32256);
    assertThat(G711ALaw.decode(0x2a)).isEqualTo(-32256);
  }

  @Test
  void givenFirstIntervalOfThirdSegment_whenDecoded_thenTable1aOutput66() {
    // segment bits 010 after inversion, interval 0: decision values 64..68, output 66
    assertThat(G711ALaw.decode(0xa0 ^ 0x55)).isEqualTo(66 * 8);
  }

  @Test
  void givenAllCharacters_whenDecoded_thenOutputIsOddSymmetricAndStrictlyMonotonicPerPolarity() {
    int previous = 0;
    for (int code = 0; code < 128; code++) { // positive half in Table 1a order
      int value = G711ALaw.decode((0x80 | code) ^ 0x55);
      assertThat(value).isGreaterThan(previous);
      assertThat(G711ALaw.decode(code ^ 0x55)).isEqualTo(-value);
      previous = value;
    }
  }
}
