package ims.launcher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ims.iq.transport.LinkProtection;
import ims.launcher.Role;
import ims.pcscf.policy.AccessMatch;
import ims.pcscf.policy.E2aeUnavailableAction;
import ims.pcscf.registration.Transport;
import ims.sdes.attribute.SrtpSuite;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration file, its overrides and the messages a bad value gets (the README's CONFIGURATION list). */
class ConfigParserTest {

  @TempDir
  Path dir;

  private static LauncherConfig parse(Optional<Path> file, Map<String, String> env, String... sets)
      throws ConfigException {
    return ConfigParser.parse(ConfigSource.load(file, env, List.of(sets)));
  }

  private Optional<Path> file(String yaml) throws IOException {
    Path f = dir.resolve("config.yaml");
    Files.writeString(f, yaml);
    return Optional.of(f);
  }

  private static String failure(ThrowingParse parse) {
    try {
      parse.run();
    } catch (ConfigException e) {
      return e.getMessage();
    }
    throw new AssertionError("no ConfigException");
  }

  interface ThrowingParse {
    void run() throws ConfigException;
  }

  @Test
  void givenNoFile_whenParsed_thenTheEmbeddedDefaultRunsBothOnLoopbackWithTheDocumentedValues() throws Exception {
    LauncherConfig c = parse(Optional.empty(), Map.of());

    assertThat(c.role()).isEqualTo(Role.BOTH);
    assertThat(c.pcscf().proxy().access().host()).isEqualTo("127.0.0.1");
    assertThat(c.pcscf().proxy().access().udpPort()).isEqualTo(5060);
    assertThat(c.pcscf().proxy().core().udpPort()).isEqualTo(5062);
    assertThat(c.pcscf().proxy().coreNextHop().port()).isEqualTo(5070);
    assertThat(c.pcscf().proxy().coreNextHop().transport()).isEqualTo(Transport.UDP);
    assertThat(c.pcscf().proxy().coreT1()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.pcscf().policy().allowedSuites())
        .containsExactly(SrtpSuite.AES_CM_128_HMAC_SHA1_80, SrtpSuite.AES_CM_128_HMAC_SHA1_32);
    assertThat(c.pcscf().policy().whenUnavailable()).isEqualTo(E2aeUnavailableAction.REJECT_488);
    assertThat(c.iq().protection()).isEqualTo(LinkProtection.NONE);
    assertThat(c.iq().controller().bind()).isEqualTo(new InetSocketAddress("127.0.0.1", 2944));
    assertThat(c.iq().gateway().bind()).isEqualTo(new InetSocketAddress("127.0.0.1", 2945));
    assertThat(c.iq().controller().gateway()).isEmpty();
    assertThat(c.agw().realm("access").ports().first()).isEqualTo(20000);
    assertThat(c.agw().realm("core").ports().last()).isEqualTo(21999);
    assertThat(c.agw().socketReceiveBuffer()).isEqualTo(16_384);
    assertThat(c.http()).contains(new InetSocketAddress("127.0.0.1", 9090));
    assertThat(c.drainTimeout()).isZero();
  }

  @Test
  void givenAFileWithSomeKeys_whenParsed_thenTheyOverrideTheDefaultAndTheRestStays() throws Exception {
    LauncherConfig c = parse(file("""
        role: agw
        pcscf:
          policy:
            suites: [AEAD_AES_128_GCM]
            when-unavailable: forward-as-is
            rules:
              - { source-prefix: 10.0.0.0/8, offer-e2ae: true }
              - { access-type: IEEE-802.11, offer-e2ae: false }
        agw:
          realms:
            access: { ports: 30000-30099 }
        """), Map.of());

    assertThat(c.role()).isEqualTo(Role.AGW);
    assertThat(c.pcscf().policy().allowedSuites()).containsExactly(SrtpSuite.AEAD_AES_128_GCM);
    assertThat(c.pcscf().policy().whenUnavailable()).isEqualTo(E2aeUnavailableAction.FORWARD_AS_IS);
    assertThat(c.pcscf().policy().rules()).hasSize(2);
    assertThat(c.pcscf().policy().rules().get(0).match()).isInstanceOf(AccessMatch.SourcePrefix.class);
    assertThat(c.pcscf().policy().rules().get(1).offerE2ae()).isFalse();
    assertThat(c.agw().realm("access").ports().first()).isEqualTo(30000);
    assertThat(c.agw().realm("access").ports().last()).isEqualTo(30099);
    assertThat(c.agw().realm("core").ports().first()).isEqualTo(21000);
  }

  @Test
  void givenEnvironmentAndSet_whenBothNameAKey_thenSetWinsOverEnvironmentWhichWinsOverTheFile() throws Exception {
    Optional<Path> f = file("pcscf:\n  access:\n    udp-port: 5080\n");
    var env = Map.of("IMS_E2AE_PCSCF_ACCESS_UDP_PORT", "5090", "IMS_E2AE_PCSCF_POLICY_SUITES",
        "AES_CM_128_HMAC_SHA1_32");

    assertThat(parse(f, Map.of()).pcscf().proxy().access().udpPort()).isEqualTo(5080);
    assertThat(parse(f, env).pcscf().proxy().access().udpPort()).isEqualTo(5090);
    assertThat(parse(f, env).pcscf().policy().allowedSuites()).containsExactly(SrtpSuite.AES_CM_128_HMAC_SHA1_32);
    assertThat(parse(f, env, "pcscf.access.udp-port=5100").pcscf().proxy().access().udpPort()).isEqualTo(5100);
    assertThat(ConfigSource.envName("iq.controller.heartbeat-interval"))
        .isEqualTo("IMS_E2AE_IQ_CONTROLLER_HEARTBEAT_INTERVAL");
  }

  @Test
  void givenAnEmptyPortRange_whenParsed_thenTheMessageNamesTheKeyAndTheValue() throws Exception {
    Optional<Path> f = file("agw:\n  realms:\n    access:\n      ports: 40000-39999\n");

    assertThat(failure(() -> parse(f, Map.of()))).isEqualTo("agw.realms.access.ports: 40000-39999 is empty");
  }

  @Test
  void givenAnUnknownKey_whenParsed_thenItIsRefusedByName() throws Exception {
    Optional<Path> f = file("pcscf:\n  acess:\n    udp-port: 5060\n");

    assertThat(failure(() -> parse(f, Map.of())))
        .isEqualTo("pcscf.acess: unknown key; the keys are those of config/pcscf-agw.yaml");
    assertThat(failure(() -> parse(Optional.empty(), Map.of(), "pcscf.access.port=1")))
        .startsWith("pcscf.access.port: unknown key (--set)");
  }

  @Test
  void givenBadValues_whenParsed_thenEachMessageNamesItsKey() {
    assertThat(failure(() -> parse(Optional.empty(), Map.of(), "role=proxy")))
        .isEqualTo("role: 'proxy' is not pcscf, agw or both");
    assertThat(failure(() -> parse(Optional.empty(), Map.of(), "pcscf.access.udp-port=70000")))
        .isEqualTo("pcscf.access.udp-port: 70000 is outside 1..65535");
    assertThat(failure(() -> parse(Optional.empty(), Map.of(), "pcscf.core-t1=fast")))
        .isEqualTo("pcscf.core-t1: 'fast' is not a duration such as 500ms, 10s, 2m or 1h");
    assertThat(failure(() -> parse(Optional.empty(), Map.of(), "agw.realms.core.ports=21001-21999")))
        .isEqualTo("agw.realms.core.ports: 21001-21999 must start on an even port (RTP even, RTCP odd)");
    assertThat(failure(() -> parse(Optional.empty(), Map.of(), "agw.realms.core.ports=20500-20599")))
        .isEqualTo("agw.realms.core.ports: 20500-20599 overlaps agw.realms.access.ports on the same address");
    assertThat(failure(() -> parse(Optional.empty(), Map.of(), "pcscf.policy.suites=AES_CM_128_HMAC_SHA1_99")))
        .startsWith("pcscf.policy.suites: 'AES_CM_128_HMAC_SHA1_99' is not an SRTP suite this product implements");
    assertThat(failure(() -> parse(Optional.empty(), Map.of(), "pcscf.core.udp-port=5060", "pcscf.core.tcp-port=5060")))
        .startsWith("pcscf.core: uses the same address and port as pcscf.access");
    assertThat(failure(() -> parse(Optional.empty(), Map.of(), "iq.controller.mid=not a mid")))
        .startsWith("iq.controller.mid: 'not a mid' is not an H.248 mId");
    assertThat(failure(() -> parse(Optional.empty(), Map.of(), "agw.socket-receive-buffer=100")))
        .isEqualTo("agw.socket-receive-buffer: 100 is below 2048 (0 = the kernel's default)");
  }

  @Test
  void givenConnectedSocketsSwitchedOff_whenParsed_thenTheRelayKeepsOneSocketPerPort() throws Exception {
    assertThat(parse(Optional.empty(), Map.of()).agw().connectedSockets()).isTrue();
    assertThat(parse(Optional.empty(), Map.of(), "agw.connected-sockets=false").agw().connectedSockets()).isFalse();
  }

  @Test
  void givenTheKernelDefaultAsked_whenParsed_thenTheMediaSocketsKeepTheKernelsReceiveBuffer() throws Exception {
    assertThat(parse(Optional.empty(), Map.of(), "agw.socket-receive-buffer=0").agw().socketReceiveBuffer()).isZero();
    assertThat(parse(Optional.empty(), Map.of(), "agw.socket-receive-buffer=262144").agw().socketReceiveBuffer())
        .isEqualTo(262_144);
  }

  @Test
  void givenPlainIqToANonLoopbackPeer_whenParsed_thenItIsRefusedUnlessDeclaredIpsec() throws Exception {
    assertThat(failure(() -> parse(Optional.empty(), Map.of(), "iq.gateway.controller=192.0.2.10:2944")))
        .startsWith("iq.gateway.controller: 192.0.2.10 is not a loopback address and iq.protection is none");

    LauncherConfig c = parse(Optional.empty(), Map.of(), "iq.protection=ipsec",
        "iq.gateway.controller=192.0.2.10:2944", "iq.gateway.allowed-peers=192.0.2.10:2944");
    assertThat(c.iq().protection()).isEqualTo(LinkProtection.IPSEC);
    assertThat(c.iq().gateway().controller()).isEqualTo(new InetSocketAddress("192.0.2.10", 2944));
  }

  @Test
  void givenAFileThatIsNotYaml_whenParsed_thenTheMessageSaysWhere() throws Exception {
    Optional<Path> f = file("pcscf:\n  access: [unclosed\n");

    assertThat(failure(() -> parse(f, Map.of()))).startsWith("--config: " + f.get() + " is not valid YAML at line");
    assertThat(failure(() -> parse(Optional.of(dir.resolve("missing.yaml")), Map.of())))
        .isEqualTo("--config: " + dir.resolve("missing.yaml") + " is not a readable file");
  }

  @Test
  void givenIqTimers_whenParsed_thenTheyReachBothSidesAndInconsistentOnesAreRefusedByKey() throws Exception {
    LauncherConfig c = parse(Optional.empty(), Map.of(), "iq.transactions.request-timeout=2s",
        "iq.transactions.long-timer=4s");
    assertThat(c.iq().controllerConfig(Optional.empty()).transactions().timers().requestTimeout())
        .isEqualTo(Duration.ofSeconds(2));
    assertThat(c.iq().gatewayConfig(new InetSocketAddress("127.0.0.1", 2944)).transactions().timers().longTimer())
        .isEqualTo(Duration.ofSeconds(4));

    assertThat(failure(() -> parse(Optional.empty(), Map.of(), "iq.transactions.long-timer=5s")))
        .startsWith("iq.transactions.long-timer: must exceed iq.transactions.request-timeout");
  }

  @Test
  void givenSipTls_whenEnabledWithStores_thenBothSidesGetTheirTlsPortsAndCheckOutputHidesThePasswords()
      throws Exception {
    Path keyStore = Files.writeString(dir.resolve("pcscf.p12"), "not parsed at configuration time");
    Path trustStore = Files.writeString(dir.resolve("trust.p12"), "not parsed at configuration time");
    var tree = ConfigSource.load(Optional.empty(), Map.of("IMS_E2AE_PCSCF_TLS_KEY_STORE_PASSWORD", "s3cret-one"),
        List.of("pcscf.tls.enabled=true", "pcscf.tls.key-store=" + keyStore, "pcscf.tls.trust-store=" + trustStore,
            "pcscf.tls.trust-store-password=s3cret-two", "pcscf.core-next-hop.transport=tls"));

    LauncherConfig c = ConfigParser.parse(tree);

    assertThat(c.pcscf().proxy().access().tlsPort()).hasValue(5061);
    assertThat(c.pcscf().proxy().core().tlsPort()).hasValue(5063);
    assertThat(c.pcscf().proxy().tls()).hasValueSatisfying(tls -> {
      assertThat(tls.keyStore()).isEqualTo(keyStore);
      assertThat(tls.keyStorePassword()).isEqualTo("s3cret-one");
    });
    assertThat(c.pcscf().proxy().coreNextHop().transport()).isEqualTo(Transport.TLS);
    assertThat(ConfigSource.toYaml(tree)).contains("key-store-password: \"***\"")
        .doesNotContain("s3cret-one").doesNotContain("s3cret-two");
  }

  @Test
  void givenSipTlsWithoutItsStoresOrANextHopOverTlsWithoutIt_whenParsed_thenTheKeyIsNamed() {
    assertThat(failure(() -> parse(Optional.empty(), Map.of(), "pcscf.tls.enabled=true")))
        .isEqualTo("pcscf.tls.key-store: is empty");
    assertThat(failure(() -> parse(Optional.empty(), Map.of(), "pcscf.tls.enabled=true",
        "pcscf.tls.key-store=" + dir.resolve("absent.p12"))))
        .isEqualTo("pcscf.tls.key-store: " + dir.resolve("absent.p12") + " is not a readable file");
    assertThat(failure(() -> parse(Optional.empty(), Map.of(), "pcscf.core-next-hop.transport=tls")))
        .isEqualTo("pcscf.core-next-hop.transport: tls needs pcscf.tls.enabled: true");
  }

  @Test
  void givenIqOverTlsWithAStoreThatIsNotPkcs12_whenParsed_thenTheStoreKeyIsNamed() throws Exception {
    Path notAStore = Files.writeString(dir.resolve("iq.p12"), "not PKCS#12");

    assertThat(failure(() -> parse(Optional.empty(), Map.of(), "iq.protection=tls")))
        .isEqualTo("iq.tls.key-store: is empty");
    assertThat(failure(() -> parse(Optional.empty(), Map.of(), "iq.protection=tls", "iq.tls.key-store=" + notAStore,
        "iq.tls.trust-store=" + notAStore)))
        .isEqualTo("iq.tls.key-store: " + notAStore + " does not open as PKCS#12 with iq.tls.key-store-password"
            + " (wrong password or not a .p12 file)");
  }

  @Test
  void givenAnEmptyHttpBind_whenParsed_thenThereIsNoHttpServer() throws Exception {
    assertThat(parse(Optional.empty(), Map.of("IMS_E2AE_HTTP_BIND", "")).http()).isEmpty();
  }
}
