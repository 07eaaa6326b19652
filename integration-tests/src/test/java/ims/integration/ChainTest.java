package ims.integration;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test that runs against a fresh {@link ImsChain} per test method: started before it, stopped after it (after the
 * subclass's own {@code @AfterEach}, so peers close before the chain does). Kamailio's files stay in the temporary
 * folder when a test fails, for its log.
 */
abstract class ChainTest {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;
  ImsChain chain;

  /** Port pairs per realm of the gateway: one per concurrent e2ae call and realm. */
  int gatewayPortPairs() {
    return ImsChain.PAIRS;
  }

  @BeforeEach
  final void startChain() throws Exception {
    chain = new ImsChain(dir, gatewayPortPairs());
  }

  @AfterEach
  final void stopChain() {
    if (chain != null) {
      chain.close();
    }
  }
}
