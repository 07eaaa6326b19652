package ims.pcscf.example;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostProxyExampleTest {

  @Test
  void givenReadmeExample_whenRun_thenCoreSeesNoMediasecAndUeGetsSecurityServer() throws Exception {
    HostProxyExample.Result result = HostProxyExample.run();

    String towardCore = result.towardCore().toString();
    assertThat(towardCore).doesNotContain("mediasec").doesNotContain("sec-agree").doesNotContain("sdes-srtp");
    assertThat(towardCore).doesNotContain("Security-Client").doesNotContain("ipsec-3gpp");
    assertThat(result.towardUe().toString()).contains("Security-Server: sdes-srtp;mediasec\r\n");
    assertThat(result.store().findByContact("sip:alice@192.0.2.10:5060").orElseThrow().e2aeAgreed()).isTrue();
  }
}
