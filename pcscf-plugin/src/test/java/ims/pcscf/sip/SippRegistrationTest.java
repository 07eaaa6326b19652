package ims.pcscf.sip;

import static org.assertj.core.api.Assertions.assertThat;

import ims.pcscf.policy.PcscfPolicy;
import ims.pcscf.registration.Binding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

  private static final Path SIPP = Path.of("/usr/bin/sipp");
  private static final Duration WAIT = Duration.ofSeconds(20);

  private ProxyHarness h;

  @BeforeEach
  void requireSipp() {
    if (!Files.isExecutable(SIPP)) {
      throw new IllegalStateException(SIPP + " is missing: install Debian's sip-tester, e.g. by running scripts/test.sh");
    }
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
    assertThat(RawSip.values(forwarded, "Security-Client"))
        .containsExactly("ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1111;spi-s=2222;port-c=5062;port-s=5064");
    assertThat(RawSip.values(forwarded, "Path")).containsExactly("<sip:127.0.0.1:" + h.core.udpPort() + ";lr>");
    assertThat(RawSip.values(forwarded, "Max-Forwards")).containsExactly("69");
    assertThat(RawSip.vias(forwarded)).hasSize(2);

    Binding binding = h.proxy.registrations().findByContact("sip:sippue@127.0.0.1:" + run.sippPort()).orElseThrow();
    assertThat(binding.e2aeAgreed()).isTrue();
  }

  private SippRun runSipp(Path dir) throws Exception {
    Path scenario = dir.resolve("ue_register_mediasec.xml");
    try (var in = getClass().getResourceAsStream("/sipp/ue_register_mediasec.xml")) {
      Files.copy(in, scenario);
    }
    int sippPort = FreePorts.udpAndTcp();

    CompletableFuture<String> registrar = CompletableFuture.supplyAsync(() -> {
      try {
        String forwarded = h.registrar.receive(WAIT);
        String contact = RawSip.values(forwarded, "Contact", "m").get(0);
        h.registrar.send(RawSip.response(forwarded, "200 OK", "Contact: " + contact,
            "Service-Route: <sip:orig@scscf.ims.example.net;lr>"), RawSip.topViaPort(forwarded));
        return forwarded;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });

    Path log = dir.resolve("sipp.out");
    Process sipp = new ProcessBuilder(List.of(
            SIPP.toString(), "127.0.0.1:" + h.access.udpPort(),
            "-sf", scenario.toString(),
            "-i", "127.0.0.1", "-p", Integer.toString(sippPort),
            "-t", "u1", "-m", "1", "-timeout", "30s", "-timeout_error", "-nostdin"))
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    boolean exited = sipp.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      sipp.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.ISO_8859_1);
    assertThat(exited).as("sipp exited; output:%n%s", output).isTrue();
    String forwarded = registrar.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return new SippRun(sipp.exitValue(), output, forwarded, sippPort);
  }
}
