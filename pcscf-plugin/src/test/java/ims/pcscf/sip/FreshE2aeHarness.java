package ims.pcscf.sip;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the e2ae tests that want a fresh {@link E2aeHarness} with its gateway for every test: the gateway
 * allocates ports from 20000 each time, so tests can assert them.
 */
abstract class FreshE2aeHarness {
  E2aeHarness h;

  @BeforeEach
  final void startHarness() throws Exception {
    h = new E2aeHarness(true);
  }

  @AfterEach
  final void closeHarness() {
    if (h != null) h.close();
  }
}
