package ims.pcscf.sip;

import static org.assertj.core.api.Assertions.assertThat;

import ims.pcscf.policy.PcscfPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every RFC 4475 torture message, byte exact, sent to the access side and to the core side: the
 * proxy must keep serving (a normal REGISTER round trip succeeds right after each), its handlers
 * must never fail, and what jain-sip's parser rejects is counted.
 *
 * <p>The messages live in {@code ../shared/reference/rfc4475-torture/} beside the checkout.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Rfc4475TortureTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final AtomicInteger PROBES = new AtomicInteger();
  /**
   * One proxy per side: RFC 4475 messages share branch and sent-by values (z9hG4bKkdjuw), so on
   * one stack the second copy of a message would match the first one's server transaction and be
   * absorbed as a retransmission (RFC 3261 17.2.3), which is correct but would test nothing.
   */
  private ProxyHarness access;
  private ProxyHarness core;

  static Path tortureDir() {
    Path moduleDir = Path.of("").toAbsolutePath();
    Path repoRoot = Files.exists(moduleDir.resolve("pcscf-plugin")) ? moduleDir : moduleDir.getParent();
    Path dir = repoRoot.getParent().resolve("shared/reference/rfc4475-torture");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("RFC 4475 messages not found at " + dir
          + ": the shared reference directory must sit beside the checkout (../shared)");
    }
    return dir;
  }

  static Stream<Path> messages() throws IOException {
    try (Stream<Path> files = Files.list(tortureDir())) {
      List<Path> dat = files.filter(p -> p.toString().endsWith(".dat")).sorted().toList();
      assertThat(dat).as("RFC 4475 message files").hasSizeGreaterThanOrEqualTo(40);
      return dat.stream();
    }
  }

  @BeforeAll
  void startProxies() throws Exception {
    access = new ProxyHarness(PcscfPolicy.DEFAULT);
    core = new ProxyHarness(PcscfPolicy.DEFAULT);
  }

  @AfterAll
  void stopProxies() {
    access.close();
    core.close();
  }

  private static void assertStillServing(ProxyHarness h) throws Exception {
    String callId = "probe-" + PROBES.incrementAndGet() + "@torture";
    h.ue.send(SipRequests.register(h.ue.port(), "probe", callId, "Security-Client: sdes-srtp;mediasec"),
        h.access.udpPort());
    String forwarded = h.registrar.receiveFor(callId, WAIT);
    h.registrar.send(RawSip.response(forwarded, "200 OK"), RawSip.topViaPort(forwarded));
    assertThat(RawSip.firstLine(h.ue.receiveFor(callId, WAIT))).isEqualTo("SIP/2.0 200 OK");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void givenTortureMessageOnAccessSide_whenReceived_thenProxyKeepsServing(Path message) throws Exception {
    try (var attacker = new RawSipPeer()) {
      attacker.send(Files.readAllBytes(message), access.access.udpPort());
      assertStillServing(access);
    }
    assertThat(access.proxy.counters().handlerFailures()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void givenTortureMessageOnCoreSide_whenReceived_thenProxyKeepsServing(Path message) throws Exception {
    try (var attacker = new RawSipPeer()) {
      attacker.send(Files.readAllBytes(message), core.core.udpPort());
      assertStillServing(core);
    }
    assertThat(core.proxy.counters().handlerFailures()).isZero();
  }

  @Test
  void givenUnparseableRequestWithReachableVia_whenReceived_then400AndCounted() throws Exception {
    ProxyHarness h = access;
    try (var attacker = new RawSipPeer()) {
      long before = h.proxy.counters().unparseableMessages();
      // RFC 4475 3.1.2.1-style damage (a CSeq that is not a number) with a Via that leads back to us
      String bad = SipRequests.register(attacker.port(), "bad", "bad@torture")
          .replace("CSeq: 1 REGISTER", "CSeq: 1x REGISTER");
      attacker.send(bad, h.access.udpPort());

      assertThat(RawSip.firstLine(attacker.receive(WAIT))).startsWith("SIP/2.0 400 ");
      assertThat(h.proxy.counters().unparseableMessages()).isGreaterThan(before);
      assertStillServing(h);
    }
  }
}
