package ims.media.srtp.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The peer's own contract: it reports which libsrtp it is, and a missing toolchain fails with the fix. */
@Timeout(30)
class LibSrtpPeerTest {

  @Test
  void givenInstalledLibsrtp2_whenPeerStarts_thenItReportsLibsrtp2Version() throws IOException {
    try (LibSrtpPeer peer = LibSrtpPeer.start()) {
      assertThat(peer.version()).startsWith("libsrtp2 2.");
    }
  }

  @Test
  void givenMissingCompiler_whenPeerIsBuilt_thenTheFailureSaysToRunScriptsTestSh() {
    assertThatThrownBy(() -> LibSrtpPeer.run(List.of("gcc-that-is-not-installed-anywhere", "--version"), "gcc"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("./scripts/test.sh")
        .hasMessageContaining("libsrtp2-dev");
  }

  @Test
  void givenMissingLibsrtp2Package_whenPkgConfigIsAsked_thenTheFailureSaysToRunScriptsTestSh() {
    assertThatThrownBy(() -> LibSrtpPeer.run(List.of("pkg-config", "--cflags", "--libs", "libsrtp2-not-a-package"),
        "pkg-config libsrtp2"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("./scripts/test.sh");
  }
}
