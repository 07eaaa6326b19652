package ims.pcscf.sip;

import static ims.pcscf.sip.E2aeHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.message.Add;
import ims.iq.message.Modify;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two e2ae flows (TS 33.328 7.2.1, 7.3.1) with SIPp (Debian {@code sip-tester}) on both sides of
 * the P-CSCF and an IMS-AGW behind Iq ({@link E2aeHarness}: a recording gateway handing out 127.0.0.1
 * and even ports from 20000). The scenarios in {@code src/test/resources/sipp/} check the bytes each
 * side gets ({@code ereg check_it}, a failed check makes SIPp exit non-zero); the test checks the exit
 * codes, the Iq commands the gateway ran and that no gateway context is left after the BYE. The test's
 * raw core socket is the registrar; its Service-Route points originating calls at the SIPp core.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SippE2aeTest {

  private static final String UE_KEY_80 = E2aeFixtures.UE_KEY;

  /** SIPp's start-up is included: wider than a message wait. */
  private static final Duration REGISTER_WAIT = WAIT.multipliedBy(4);

  private E2aeHarness h;
  private final List<Sipp> running = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    Sipp.requireInstalled();
    h = new E2aeHarness(true);
  }

  @AfterEach
  void stop() {
    running.forEach(Sipp::destroy);
    h.close();
  }

  @Test
  void givenSippUeRegisteredWithMediasec_whenItOffersE2aeToSippCore_thenBothScenariosPassAndTheGatewayIsConfiguredAndReleased(
      @TempDir Path dir) throws Exception {
    int uePort = FreePorts.udpAndTcp();
    int corePort = FreePorts.udpAndTcp();
    CompletableFuture<String> registrar =
        h.core.answerNextRegister(REGISTER_WAIT, "<sip:orig@127.0.0.1:" + corePort + ";lr>"); // to the SIPp core

    Sipp core = started(Sipp.start(dir, "core_originating_e2ae.xml", corePort, 0));
    Sipp ue = started(Sipp.start(dir, "ue_originating_e2ae.xml", uePort, h.access.udpPort()));

    assertSucceeded("UE", ue.await());
    assertSucceeded("core", core.await());
    assertThat(registrar.get(WAIT.toSeconds(), TimeUnit.SECONDS).toLowerCase()).doesNotContain("mediasec");

    // reserve: core termination (RTP/AVP template), access termination with the UE's chosen line (tag 7) as Remote
    List<Add> adds = h.commands(Add.class);
    assertThat(adds).hasSize(2);
    assertThat(E2aeHarness.local(adds.get(0)).orElseThrow()).contains("RTP/AVP").doesNotContain("crypto");
    assertThat(E2aeHarness.remote(adds.get(1)).orElseThrow())
        .contains("a=crypto:7 AES_CM_128_HMAC_SHA1_80 inline:" + UE_KEY_80);
    // configure on the answer: K12 toward the UE (same tag, a fresh key), the far end 127.0.0.9:30000 as core Remote
    List<Modify> modifies = h.commands(Modify.class);
    assertThat(modifies.stream().flatMap(m -> E2aeHarness.local(m).stream()).toList()).singleElement()
        .satisfies(local -> assertThat(local).contains("a=crypto:7 AES_CM_128_HMAC_SHA1_80 inline:").doesNotContain(UE_KEY_80));
    assertThat(modifies.stream().flatMap(m -> E2aeHarness.remote(m).stream()).toList()).singleElement()
        .satisfies(remote -> assertThat(remote).contains("c=IN IP4 127.0.0.9").contains("m=audio 30000 RTP/AVP 0"));
    h.assertEverythingReleased();
    assertThat(h.proxy.counters().gatewayContextsReserved()).isEqualTo(1);
  }

  @Test
  void givenSippUeRegisteredWithMediasec_whenSippCoreCallsIt_thenBothScenariosPassAndTheGatewayIsConfiguredAndReleased(
      @TempDir Path dir) throws Exception {
    int uePort = FreePorts.udpAndTcp();
    int corePort = FreePorts.udpAndTcp();
    CompletableFuture<String> registrar =
        h.core.answerNextRegister(REGISTER_WAIT, "<sip:orig@127.0.0.1:" + h.core.port() + ";lr>");
    assertSucceeded("UE registration", started(Sipp.start(dir, "ue_register_mediasec.xml", uePort, h.access.udpPort())).await());
    registrar.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(h.proxy.registrations().findByContact("sip:sippue@127.0.0.1:" + uePort).orElseThrow().e2aeAgreed()).isTrue();

    // the UE's INVITE is retransmitted by the proxy (timer A) should it arrive before SIPp listens
    Sipp ue = started(Sipp.start(dir, "ue_terminating_e2ae.xml", uePort, 0));
    Sipp core = started(Sipp.start(dir, "core_terminating_e2ae.xml", corePort, h.coreSide.udpPort(),
        "ue_port", Integer.toString(uePort)));

    assertSucceeded("core", core.await());
    assertSucceeded("UE", ue.await());

    // reserve: core termination with the far end as Remote, access termination (RTP/SAVP template)
    List<Add> adds = h.commands(Add.class);
    assertThat(adds).hasSize(2);
    assertThat(E2aeHarness.remote(adds.get(0)).orElseThrow()).contains("c=IN IP4 127.0.0.9")
        .contains("m=audio 30000 RTP/AVP 0").doesNotContain("crypto");
    assertThat(E2aeHarness.local(adds.get(1)).orElseThrow()).contains("RTP/SAVP");
    // configure on the UE's answer: K21 of the tag it chose as Local, its K22 as Remote
    assertThat(h.commands(Modify.class)).singleElement().satisfies(modify -> {
      assertThat(E2aeHarness.local(modify).orElseThrow()).contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:")
          .doesNotContain(UE_KEY_80);
      assertThat(E2aeHarness.remote(modify).orElseThrow()).contains("m=audio 40000 RTP/SAVP 0")
          .contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + UE_KEY_80);
    });
    h.assertEverythingReleased();
    assertThat(h.proxy.counters().gatewayContextsReserved()).isEqualTo(1);
  }

  private Sipp started(Sipp sipp) {
    running.add(sipp);
    return sipp;
  }

  private static void assertSucceeded(String role, Sipp.Result result) {
    assertThat(result.succeeded()).as("%s sipp exited with 0 (exited=%s, code=%s); output:%n%s", role,
        result.exited(), result.exitCode(), result.output()).isTrue();
  }
}
