package ims.sdes.attribute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ims.sdes.key.KeySource;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KeyParamTest {

  private static final byte[] KEY_SALT =
      HexFormat.of().parseHex("3d2d6e40255e7821426a75667239293f2c2335685c603d265d7b71695051");
  private static final String KEY_SALT_BASE64 = "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR";

  @Test
  void inlineKeepsAPrivateCopyOfTheCallersBytes() {
    byte[] mine = KEY_SALT.clone();
    try (KeyParam key = KeyParam.inline(mine, null, null)) {
      mine[0] = 0;
      assertThat(key.keySaltCopy()).isEqualTo(KEY_SALT);
    }
  }

  @Test
  void keySaltCopyIsAFreshArray() {
    try (KeyParam key = KeyParam.inline(KEY_SALT, null, null)) {
      byte[] copy = key.keySaltCopy();
      copy[0] = 0;
      assertThat(key.keySaltCopy()).isEqualTo(KEY_SALT);
      assertThat(key.keySaltLength()).isEqualTo(30);
    }
  }

  @Test
  void inlineFormatsWithCanonicalBase64LifetimeAndMki() {
    try (KeyParam key = KeyParam.inline(KEY_SALT, Lifetime.powerOfTwo(20), Mki.of(1, 4))) {
      assertThat(key.format()).isEqualTo("inline:" + KEY_SALT_BASE64 + "|2^20|1:4");
    }
  }

  @Test
  void closeWipesTheKeyToZerosAndIsIdempotent() {
    KeyParam key = KeyParam.inline(KEY_SALT, null, null);
    key.close();
    key.close();
    assertThat(key.isWiped()).isTrue();
    assertThat(key.keySaltCopy()).hasSize(30).containsOnly(0);
    assertThatThrownBy(key::format).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(key::copy).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void copyIsIndependentOfTheOriginal() {
    try (KeyParam original = KeyParam.inline(KEY_SALT, Lifetime.ofPackets(1066), null)) {
      KeyParam copy = original.copy();
      assertThat(copy).isEqualTo(original);
      copy.close();
      assertThat(original.isWiped()).isFalse();
      assertThat(original.keySaltCopy()).isEqualTo(KEY_SALT);
    }
  }

  @Test
  void equalityComparesKeyLifetimeAndMki() {
    try (KeyParam a = KeyParam.inline(KEY_SALT, null, Mki.of(1, 4));
        KeyParam same = KeyParam.inline(KEY_SALT.clone(), null, Mki.of(1, 4));
        KeyParam otherMki = KeyParam.inline(KEY_SALT, null, Mki.of(2, 4));
        KeyParam otherKey = KeyParam.inline(new byte[30], null, Mki.of(1, 4))) {
      assertThat(a).isEqualTo(same).hasSameHashCodeAs(same);
      assertThat(a).isNotEqualTo(otherMki).isNotEqualTo(otherKey);
    }
  }

  @Test
  void toStringIsRedacted() {
    try (KeyParam key = KeyParam.inline(KEY_SALT, Lifetime.powerOfTwo(20), Mki.of(1, 4))) {
      assertThat(key.toString())
          .isEqualTo("KeyParam[inline, 30 bytes <redacted>, lifetime=2^20, mki=1:4]")
          .doesNotContain(KEY_SALT_BASE64);
    }
  }

  @Test
  void generateDrawsExactlyTheSuitesLengthFromTheSource() {
    KeySource counting =
        out -> {
          for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (i + 1);
          }
        };
    for (SrtpSuite suite : SrtpSuite.values()) {
      try (KeyParam key = KeyParam.generate(suite, counting)) {
        byte[] bytes = key.keySaltCopy();
        assertThat(bytes).hasSize(suite.keySaltLength());
        assertThat(bytes[0]).isEqualTo((byte) 1);
        assertThat(bytes[bytes.length - 1]).isEqualTo((byte) suite.keySaltLength());
        assertThat(key.lifetime()).isEmpty();
        assertThat(key.mki()).isEmpty();
      }
    }
  }

  @Test
  void generateWithLifetimeAndMkiFormatsThem() {
    // 28 zero bytes: nine 3-byte groups ("AAAA" each) and one byte ("AA==")
    try (KeyParam key =
        KeyParam.generate(
            SrtpSuite.AEAD_AES_128_GCM, out -> {}, Lifetime.powerOfTwo(31), Mki.of(7, 2))) {
      assertThat(key.format()).isEqualTo("inline:" + "A".repeat(38) + "==" + "|2^31|7:2");
    }
  }

  @Test
  void emptyKeyIsAProgrammerError() {
    assertThatThrownBy(() -> KeyParam.inline(new byte[0], null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
