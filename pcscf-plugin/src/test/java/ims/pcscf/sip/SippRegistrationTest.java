package ims.pcscf.sip;

import static org.assertj.core.api.Assertions.assertThat;

import ims.pcscf.policy.PcscfPolicy;
import ims.pcscf.registration.Binding;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIPp (Debian {@code sip-tester}) as the UE: its REGISTER with {@code Security-Client:
 * sdes-srtp;mediasec} goes through the proxy to a raw-socket registrar that captures the bytes.
 * SIPp's scenario fails (non-zero exit) unless the 200 OK carries {@code Security-Server:
 * sdes-srtp;mediasec}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SippRegistrationTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private ProxyHarness h;

  @BeforeEach
  void requireSipp() {
    Sipp.requireInstalled();
  }

  @AfterEach
  void stopProxy() {
    if (h != null) {
      h.close();
    }
  }

  private record SippRun(int exitCode, String output, String forwarded, int sippPort) {}

  @Test
  void givenPcscfWithoutE2ae_whenSippUeRegisters_thenScenarioFailsOnMissingSecurityServer(@TempDir Path dir)
      throws Exception {
    h = new ProxyHarness(PcscfPolicy.E2AE_DISABLED);
    SippRun run = runSipp(dir);
    assertThat(run.exitCode()).as("sipp must fail its Security-Server check; output:%n%s", run.output()).isNotZero();
    assertThat(run.forwarded().toLowerCase(Locale.ROOT)).doesNotContain("mediasec");
  }

  @Test
  void givenSippUeWithMediasec_whenRegisteringThroughProxy_thenSippSucceedsAndCoreBytesAreClean(@TempDir Path dir)
      throws Exception {
    h = new ProxyHarness(PcscfPolicy.DEFAULT);
    SippRun run = runSipp(dir);
    assertThat(run.exitCode()).as("sipp exit code (0 = every call succeeded); output:%n%s", run.output()).isZero();

    String forwarded = run.forwarded();
    assertThat(RawSip.firstLine(forwarded)).isEqualTo("REGISTER sip:ims.example.net SIP/2.0");
    assertThat(forwarded.toLowerCase(Locale.ROOT))
        .doesNotContain("mediasec").doesNotContain("sdes-srtp").doesNotContain("sec-agree");
    assertThat(RawSip.values(forwarded, "Security-Client")).isEmpty(); // ipsec-3gpp stays on the UE's hop too
    assertThat(RawSip.values(forwarded, "Path")).containsExactly("<sip:127.0.0.1:" + h.core.udpPort() + ";lr>");
    assertThat(RawSip.values(forwarded, "Max-Forwards")).containsExactly("69");
    assertThat(RawSip.vias(forwarded)).hasSize(2);

    Binding binding = h.proxy.registrations().findByContact("sip:sippue@127.0.0.1:" + run.sippPort()).orElseThrow();
    assertThat(binding.e2aeAgreed()).isTrue();
  }

  private SippRun runSipp(Path dir) throws Exception {
    int sippPort = FreePorts.udpAndTcp();
    CompletableFuture<String> registrar = h.registrar.answerNextRegister(WAIT, "<sip:orig@scscf.ims.example.net;lr>");
    Sipp.Result result = Sipp.start(dir, "ue_register_mediasec.xml", sippPort, h.access.udpPort()).await();
    assertThat(result.exited()).as("sipp exited; output:%n%s", result.output()).isTrue();
    String forwarded = registrar.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return new SippRun(result.exitCode(), result.output(), forwarded, sippPort);
  }
}
