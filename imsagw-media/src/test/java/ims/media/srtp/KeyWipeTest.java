package ims.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** close() wipes every key-derived array the package owns; keys never appear in toString(). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class KeyWipeTest {

  private static boolean allZero(List<byte[]> arrays) {
    for (byte[] a : arrays) {
      for (byte b : a) {
        if (b != 0) {
          return false;
        }
      }
    }
    return true;
  }

  private static List<byte[]> secrets(SrtpContext ctx) {
    List<byte[]> out = new ArrayList<>();
    ctx.forEachSecret(out::add);
    return out;
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void givenUsedContexts_whenClosed_thenEverySecretArrayAndTableIsZero(SrtpProfile profile) throws Exception {
    SrtpParameters params = TestPackets.params(profile, 0, 4, false, false, false, 128,
        MasterKey.of(TestPackets.key(profile, 0x5a), TestPackets.salt(profile, 0xa5)));
    TestPackets.Pair pair = TestPackets.Pair.of(params);
    for (int seq = 1; seq < 10; seq++) {
      assertThat(pair.unprotect(pair.protect(seq))).isEqualTo(SrtpStatus.OK);
    }
    List<byte[]> tx = secrets(pair.tx());
    List<byte[]> rx = secrets(pair.rx());
    assertThat(allZero(tx)).as("live sender holds key material").isFalse();
    assertThat(allZero(rx)).as("live receiver holds key material").isFalse();
    pair.close();
    assertThat(allZero(tx)).isTrue();
    assertThat(allZero(rx)).isTrue();
    assertThat(pair.tx().tablesWiped()).isTrue();
    assertThat(pair.rx().tablesWiped()).isTrue();
    assertThat(pair.tx().isClosed()).isTrue();
    pair.close();   // idempotent
  }

  @Test
  void givenMasterKey_whenClosed_thenKeyAndSaltAreZeroAndItCannotBeCopied() {
    byte[] key = TestPackets.key(SrtpProfile.AES_CM_128_HMAC_SHA1_80, 7);
    MasterKey mk = MasterKey.of(key, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14});
    byte[] live = mk.keyBytes();
    byte[] salt = mk.saltBytes();
    mk.close();
    assertThat(live).containsOnly(0);
    assertThat(salt).containsOnly(0);
    assertThat(key).containsOnly(7);   // the caller's array is its own
    assertThatIllegalStateException().isThrownBy(mk::copy);
  }

  @Test
  void givenFactory_whenClosed_thenItsCopiesAreWipedButTheCallersKeyAndOpenContextsStillWork() throws Exception {
    SrtpProfile p = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
    MasterKey callers = MasterKey.of(TestPackets.key(p, 1), TestPackets.salt(p, 2));
    SrtpContextFactory factory = new SrtpContextFactory(SrtpParameters.of(p, callers));
    SrtpSendContext tx = factory.newSendContext(TestPackets.SSRC);
    factory.close();
    assertThat(callers.isClosed()).isFalse();
    assertThatIllegalStateException().isThrownBy(() -> factory.newReceiveContext(1));
    byte[] buf = TestPackets.withRoom(TestPackets.rtp(1, 10, 0), 10);
    assertThat(tx.protectRtp(buf, 0, 22)).isEqualTo(32);
    tx.close();
    callers.close();
  }

  @Test
  void givenKeyHolders_whenPrinted_thenNoKeyBytesAppear() throws Exception {
    SrtpProfile p = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
    MasterKey key = MasterKey.of(Hex.bytes("e1f97a0d3e018be0d64fa32c06de4139"),
        Hex.bytes("0ec675ad498afeebb6960b3aabe6"), new byte[] {1}, 1L << 20);
    SrtpParameters params = new SrtpParameters(p, List.of(key), 1, 0, false, false, false, 128);
    try (SrtpContextFactory f = new SrtpContextFactory(params);
        SrtpSendContext tx = f.newSendContext(5)) {
      for (String s : List.of(key.toString(), params.toString(), f.toString(), tx.toString())) {
        assertThat(s).doesNotContainIgnoringCase("e1f97a0d").doesNotContainIgnoringCase("0ec675ad")
            .doesNotContain("-31, -7");
      }
      assertThat(key.toString()).contains("redacted", "mki=01", "lifetime=1048576");
    }
  }

  @Test
  void givenEqualKeyMaterial_whenCompared_thenEqualWithoutExposingIt() {
    byte[] k = new byte[16];
    byte[] s = new byte[14];
    assertThat(MasterKey.of(k, s)).isEqualTo(MasterKey.of(k.clone(), s.clone()));
    s[13] = 1;
    assertThat(MasterKey.of(k, s)).isNotEqualTo(MasterKey.of(k, new byte[14]));
  }
}
