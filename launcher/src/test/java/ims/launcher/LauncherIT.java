package ims.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real product: {@code bin/ims-e2ae} of the distribution started as a process on free ports of 127.0.0.1, a
 * complete e2ae call placed through it by SIPp with the shipped scenarios, media sent through the IMS-AGW by the
 * test, and what an operator sees checked on /metrics, /state and {@code ims-e2ae state}; SIGTERM in the middle of
 * a call; bad configurations and a port in use at start.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LauncherIT {
  /** The UE's key K11 in the shipped scenario: it must never be shown by the product. */
  private static final String UE_KEY = "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";
  private static final InetAddress FAR_END = loopback(9);
  private static final int RTP_HEADER = 12;
  /** AES_CM_128_HMAC_SHA1_80 (the suite of tag 7): 80-bit authentication tag (RFC 3711 section 4.2, RFC 4568). */
  private static final int TAG_80 = 10;
  /** The UE's key line ends {@code |2^20|1:4}: MKI value 1, 4 bytes (RFC 4568 6.1). */
  private static final int UE_MKI_LENGTH = 4;

  @TempDir
  Path dir;

  private final List<AutoCloseable> running = new ArrayList<>();
  private int access;
  private int core;
  private int nextHop;
  private int http;
  private int ue;

  @BeforeEach
  void ports() throws IOException {
    SippRun.requireInstalled();
    access = FreePorts.udpAndTcp();
    core = FreePorts.udpAndTcp();
    nextHop = FreePorts.udpAndTcp();
    http = FreePorts.udpAndTcp();
    ue = FreePorts.udpAndTcp();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : running.reversed()) {
      c.close();
    }
  }

  private static InetAddress loopback(int last) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A configuration file with the test's ports (Iq on ephemeral ports: role both wires its two sides). */
  private Path config(String extra) throws IOException {
    return config("""
        iq:
          controller: { bind: "127.0.0.1:0" }
          gateway: { bind: "127.0.0.1:0" }
        """, extra);
  }

  private Path config(String iq, String extra) throws IOException {
    int media = FreePorts.mediaRange(40);
    Path file = dir.resolve("test.yaml");
    Files.writeString(file, """
        pcscf:
          access: { host: 127.0.0.1, udp-port: %d, tcp-port: %d }
          core: { host: 127.0.0.1, udp-port: %d, tcp-port: %d }
          core-next-hop: { host: 127.0.0.1, port: %d, transport: udp }
        %sagw:
          event-loops: 1
          realms:
            access: { address: 127.0.0.1, ports: %d-%d }
            core: { address: 127.0.0.1, ports: %d-%d }
        http:
          bind: 127.0.0.1:%d
        %s""".formatted(access, access, core, core, nextHop, iq, media, media + 39, media + 40, media + 79, http, extra));
    return file;
  }

  private LauncherProcess launch(Path config) throws IOException {
    return launch(config, http);
  }

  private LauncherProcess launch(Path config, int httpPort, String... args) throws IOException {
    var all = new ArrayList<>(List.of("-c", config.toString()));
    all.addAll(List.of(args));
    var p = LauncherProcess.start(dir, "127.0.0.1:" + httpPort, Map.of(), all.toArray(String[]::new));
    running.add(p);
    return p;
  }

  private SippRun sipp(String scenario, String from, String to, int port, String remote, String... extra)
      throws IOException {
    var s = SippRun.start(dir, scenario, from, to, port, remote, extra);
    running.add(s::destroy);
    return s;
  }

  /** Sends an initial INVITE to the P-CSCF's access side over UDP; returns its first answer other than 100. */
  private String newInviteAnswer() throws IOException {
    try (var socket = new java.net.DatagramSocket(0, loopback(1))) {
      socket.setSoTimeout(5_000);
      String invite = "INVITE sip:bob@ims.example.net SIP/2.0\r\n"
          + "Via: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";branch=z9hG4bK-drain-1\r\n"
          + "Max-Forwards: 70\r\nFrom: <sip:carol@ims.example.net>;tag=drain\r\nTo: <sip:bob@ims.example.net>\r\n"
          + "Call-ID: drain-new@test\r\nCSeq: 1 INVITE\r\nContact: <sip:carol@127.0.0.1:" + socket.getLocalPort()
          + ">\r\nContent-Length: 0\r\n\r\n";
      byte[] bytes = invite.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      socket.send(new java.net.DatagramPacket(bytes, bytes.length, loopback(1), access));
      byte[] buffer = new byte[8192];
      while (true) {
        var packet = new java.net.DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        String answer = new String(buffer, 0, packet.getLength(), java.nio.charset.StandardCharsets.US_ASCII);
        if (!answer.startsWith("SIP/2.0 100")) {
          return answer;
        }
      }
    }
  }

  /** The core SIPp (registrar + callee) answering from FAR_END:farEndPort, and the UE SIPp placing the call. */
  private SippRun[] placeCall(int ueMedia, int farEndPort, Duration callLength) throws IOException {
    SippRun coreSide = sipp("core_registrar_callee.xml", "m=audio 30000", "m=audio " + farEndPort, nextHop, null);
    SippRun ueSide = sipp("ue_e2ae_call.xml", "m=audio 40000", "m=audio " + ueMedia, ue, "127.0.0.1:" + access,
        "-d", Long.toString(callLength.toMillis()));
    return new SippRun[] {ueSide, coreSide};
  }

  @Test
  void givenTheDistributionOnFreePorts_whenSippPlacesAnE2aeCallWithMedia_thenMetricsStateAndCliShowItWithoutAKey()
      throws Exception {
    LauncherProcess launcher = launch(config(""));
    launcher.awaitReady();
    assertThat(launcher.stdout()).contains("P-CSCF access side").contains("127.0.0.1 udp:" + access)
        .contains("core next hop").contains("127.0.0.1:" + nextHop).contains("Ready");
    assertThat(launcher.status("/health/live")).isEqualTo(200);

    try (var ueMedia = new DatagramSocket(new InetSocketAddress(FreePorts.LOOPBACK, 0));
        var farEnd = new DatagramSocket(new InetSocketAddress(FAR_END, 0))) {
      ueMedia.setSoTimeout(5_000);
      SippRun[] call = placeCall(ueMedia.getLocalPort(), farEnd.getLocalPort(), Duration.ofSeconds(6));

      // the call is up: one e2ae call whose stream has a gateway context with an access and a core termination
      LauncherProcess.awaitCondition(Duration.ofSeconds(20), "call anchored", () -> stateHas(launcher,
          "\"mode\" : \"e2ae\"", "\"answered\" : true", "\"realm\" : \"access\"", "\"realm\" : \"core\""));
      String during = launcher.get("/state");
      assertThat(during).contains("\"aor\" : \"sip:alice@ims.example.net\"").contains("\"mediasec\" : true")
          .contains("\"e2aeAgreed\" : true").contains("\"sendSuite\" : \"AES_CM_128_HMAC_SHA1_80\"");
      int coreLocal = localPort(during, "core");
      int accessLocal = localPort(during, "access");

      // media: plain RTP from the far end to the gateway's core side comes out SRTP (same header, +80-bit tag)
      byte[] rtp = rtp(0x1234, 4711, 0xCAFEBABEL, 160);
      farEnd.send(new DatagramPacket(rtp, rtp.length, new InetSocketAddress(FreePorts.LOOPBACK, coreLocal)));
      var received = new DatagramPacket(new byte[2048], 2048);
      ueMedia.receive(received);
      assertThat(received.getLength()).isEqualTo(rtp.length + TAG_80);
      assertThat(Arrays.copyOf(received.getData(), RTP_HEADER)).isEqualTo(Arrays.copyOf(rtp, RTP_HEADER));
      assertThat(Arrays.copyOfRange(received.getData(), RTP_HEADER, rtp.length))
          .isNotEqualTo(Arrays.copyOfRange(rtp, RTP_HEADER, rtp.length));
      // a forged SRTP packet from the UE's address (MKI 1 of 4 bytes as its key line says, '|1:4', then a made-up
      // tag: RFC 3711 3.1) fails authentication and is dropped
      byte[] forged = Arrays.copyOf(rtp(0x1234, 1, 0x0BADF00DL, 160), rtp.length + UE_MKI_LENGTH + TAG_80);
      forged[rtp.length + UE_MKI_LENGTH - 1] = 1;
      ueMedia.send(new DatagramPacket(forged, forged.length, new InetSocketAddress(FreePorts.LOOPBACK, accessLocal)));
      LauncherProcess.awaitCondition(Duration.ofSeconds(5), "forged packet received",
          () -> metric(launcher, "ims_agw_packets_received_total{realm=\"access\"}") >= 1);

      String state = launcher.get("/state");
      assertThat(launcher.metric("ims_agw_drops_total{reason=\"auth_failure\"}")).as(state).isEqualTo(1);
      assertThat(state).contains("\"packetsIn\" : 1").contains("\"auth_failure\" : 1")
          .doesNotContain("inline:").doesNotContain(UE_KEY);
      String cli = cli("state", "--url", launcher.httpBase());
      assertThat(cli).contains("Registrations: 1").contains("sip:alice@ims.example.net").contains("mediasec yes")
          .contains("Active calls: 1").contains("e2ae").contains("Gateway contexts: 1")
          .doesNotContain("inline:").doesNotContain(UE_KEY);

      assertThat(call[0].await()).as("UE SIPp:%n%s", call[0].output()).isZero();
      assertThat(call[1].await()).as("core SIPp:%n%s", call[1].output()).isZero();
    }

    LauncherProcess.awaitCondition(Duration.ofSeconds(10), "contexts released",
        () -> metric(launcher, "ims_agw_contexts") == 0 && metric(launcher, "ims_agw_context_releases_total") == 1);
    assertThat(launcher.metric("ims_pcscf_registrations")).isEqualTo(1);
    assertThat(launcher.metric("ims_pcscf_calls_total{mode=\"e2ae\"}")).isEqualTo(1);
    assertThat(launcher.metric("ims_pcscf_calls_total{mode=\"plain\"}")).isZero();
    assertThat(launcher.metric("ims_pcscf_gateway_contexts_reserved_total")).isEqualTo(1);
    assertThat(launcher.metric("ims_pcscf_gateway_contexts_released_total")).isEqualTo(1);
    assertThat(launcher.metric("ims_agw_context_creations_total")).isEqualTo(1);
    assertThat(launcher.metric("ims_agw_packets_forwarded_total{direction=\"core_to_access\",kind=\"rtp\"}"))
        .isEqualTo(1);
    assertThat(launcher.metric("ims_pcscf_iq_requests_total{outcome=\"succeeded\"}")).isGreaterThanOrEqualTo(4);
    assertThat(launcher.metric("ims_pcscf_iq_latency_seconds_count")).isGreaterThanOrEqualTo(4);
    assertThat(launcher.metric("ims_iq_gateway_command_duration_seconds_count{command=\"add\",outcome=\"success\"}"))
        .isEqualTo(2);
    assertThat(launcher.metric("ims_iq_commands_sent_total{command=\"add\",side=\"controller\"}")).isEqualTo(2);
    assertThat(launcher.metric("ims_iq_reply_seconds_count{side=\"controller\"}")).isGreaterThanOrEqualTo(4);
    assertThat(launcher.metric("ims_iq_transactions_error_replies_total{side=\"controller\"}")).isZero();
    assertThat(launcher.metric("ims_iq_association_state{state=\"in_service\"}")).isEqualTo(1);
    String after = launcher.get("/state");
    assertThat(after).contains("\"calls\" : [ ]").contains("\"gatewayContexts\" : [ ]");
    assertThat(launcher.stderr()).doesNotContain("inline:").doesNotContain(UE_KEY);
    assertThat(launcher.terminate(Duration.ofSeconds(30))).isZero();
  }

  @Test
  void givenTheGatewayAndTheProxyAsTwoProcesses_whenTheGatewayStartsFirst_thenItRegistersACallIsAnchoredAndItsLossMakesTheProxyUnready()
      throws Exception {
    int controller = FreePorts.udpAndTcp();
    int gateway = FreePorts.udpAndTcp();
    int agwHttp = FreePorts.udpAndTcp();
    Path config = config("""
        iq:
          controller: { bind: "127.0.0.1:%d", gateway: "127.0.0.1:%d", heartbeat-interval: 300ms,
                        heartbeat-failures-for-link-down: 2 }
          gateway: { bind: "127.0.0.1:%d", controller: "127.0.0.1:%d", restart-attempts: 1, restart-retry-delay: 200ms }
          transactions: { max-retransmit: 400ms, request-timeout: 2s, long-timer: 4s }
        """.formatted(controller, gateway, gateway, controller), "");

    LauncherProcess agw = launch(config, agwHttp, "--role", "agw", "--set", "http.bind=127.0.0.1:" + agwHttp);
    LauncherProcess.awaitCondition(Duration.ofSeconds(30), "gateway process serving HTTP",
        () -> agw.status("/health/live") == 200);
    assertThat(agw.status("/health/ready")).as("no controller yet").isEqualTo(503);
    LauncherProcess pcscf = launch(config, http, "--role", "pcscf");
    pcscf.awaitReady();
    agw.awaitReady();
    assertThat(agw.stdout()).contains("role agw").contains("Iq gateway (IMS-AGW)").doesNotContain("P-CSCF access");
    assertThat(pcscf.stdout()).contains("role pcscf").contains("P-CSCF access side").doesNotContain("media realm");
    assertThat(pcscf.get("/state")).contains("\"association\" : \"in_service\"")
        .contains("\"peer\" : \"127.0.0.1:" + gateway + "\"");

    SippRun[] call = placeCall(FreePorts.udpAndTcp(), 30_000, Duration.ofSeconds(1));
    assertThat(call[0].await()).as("UE SIPp:%n%s", call[0].output()).isZero();
    assertThat(call[1].await()).as("core SIPp:%n%s", call[1].output()).isZero();

    LauncherProcess.awaitCondition(Duration.ofSeconds(10), "gateway context created and released",
        () -> metric(agw, "ims_agw_context_creations_total") == 1 && metric(agw, "ims_agw_contexts") == 0);
    assertThat(pcscf.metric("ims_pcscf_calls_total{mode=\"e2ae\"}")).isEqualTo(1);

    // the gateway goes away: the proxy's link checks fail and it is no longer ready
    assertThat(agw.terminate(Duration.ofSeconds(30))).isZero();
    LauncherProcess.awaitCondition(Duration.ofSeconds(20), "proxy not ready without its gateway",
        () -> pcscf.status("/health/ready") == 503);
    assertThat(pcscf.metric("ims_iq_association_state{state=\"link_down\"}")).isEqualTo(1);
    assertThat(pcscf.status("/health/live")).isEqualTo(200);
    assertThat(pcscf.terminate(Duration.ofSeconds(30))).isZero();
  }

  @Test
  void givenIqOverMutualTls_whenSippPlacesAnE2aeCall_thenTheLinkIsInServiceAndTheCallIsAnchored() throws Exception {
    Path keyStore = dir.resolve("iq.p12");
    Path cert = dir.resolve("iq.crt");
    Path trustStore = dir.resolve("iq-trust.p12");
    keytool("-genkeypair", "-alias", "iq", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=iq.test",
        "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
        "-storepass", "changeit");
    keytool("-exportcert", "-alias", "iq", "-keystore", keyStore.toString(), "-storepass", "changeit", "-rfc",
        "-file", cert.toString());
    keytool("-importcert", "-noprompt", "-alias", "ca", "-file", cert.toString(), "-storetype", "PKCS12",
        "-keystore", trustStore.toString(), "-storepass", "changeit");
    Path config = config("""
        iq:
          protection: tls
          tls: { key-store: "%s", key-store-password: changeit, trust-store: "%s", trust-store-password: changeit }
          controller: { bind: "127.0.0.1:0" }
          gateway: { bind: "127.0.0.1:0" }
        """.formatted(keyStore, trustStore), "");

    LauncherProcess launcher = launch(config);
    launcher.awaitReady();
    SippRun[] call = placeCall(FreePorts.udpAndTcp(), 30_000, Duration.ofMillis(500));

    assertThat(call[0].await()).as("UE SIPp:%n%s%n%s", call[0].output(), launcher.output()).isZero();
    assertThat(call[1].await()).as("core SIPp:%n%s", call[1].output()).isZero();
    LauncherProcess.awaitCondition(Duration.ofSeconds(10), "context created and released",
        () -> metric(launcher, "ims_agw_context_releases_total") == 1);
    assertThat(launcher.metric("ims_pcscf_calls_total{mode=\"e2ae\"}")).isEqualTo(1);
    assertThat(launcher.stderr()).doesNotContain("changeit");
    assertThat(launcher.terminate(Duration.ofSeconds(30))).isZero();
  }

  private void keytool(String... args) throws IOException, InterruptedException {
    var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    Path log = dir.resolve("keytool.out");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(log)).isZero();
  }

  @Test
  void givenACallInProgress_whenSigterm_thenTheProcessReleasesItsContextsOverIqAndExitsZero() throws Exception {
    LauncherProcess launcher = launch(config("shutdown:\n  drain-timeout: 0s\n"));
    launcher.awaitReady();
    SippRun[] call = placeCall(FreePorts.udpAndTcp(), 30_000, Duration.ofSeconds(60));
    LauncherProcess.awaitCondition(Duration.ofSeconds(20), "call anchored",
        () -> stateHas(launcher, "\"answered\" : true", "\"realm\" : \"access\""));

    int exit = launcher.terminate(Duration.ofSeconds(30));

    assertThat(exit).as(launcher.output()).isZero();
    assertThat(launcher.stderr()).contains("Shutdown: SIP stopped, 1 active calls released")
        .contains("Shutdown: gateway contexts created 1, held before the gateway stops 0")
        .contains("Shutdown complete");
    assertThat(launcher.stdout()).contains("ims-e2ae stopped.");
    call[0].destroy();
    call[1].destroy();
  }

  @Test
  void givenADrainTimeout_whenSigtermDuringACall_thenReadinessDropsAtOnceAndTheCallEndsByItself() throws Exception {
    LauncherProcess launcher = launch(config("shutdown:\n  drain-timeout: 30s\n"));
    launcher.awaitReady();
    SippRun[] call = placeCall(FreePorts.udpAndTcp(), 30_000, Duration.ofSeconds(4));
    LauncherProcess.awaitCondition(Duration.ofSeconds(20), "call anchored",
        () -> stateHas(launcher, "\"answered\" : true", "\"realm\" : \"access\""));

    ProcessHandle.of(launcher.pid()).orElseThrow().destroy();
    LauncherProcess.awaitCondition(Duration.ofSeconds(10), "unready while draining",
        () -> launcher.status("/health/ready") == 503);
    assertThat(launcher.status("/health/live")).isEqualTo(200);
    // a new call while draining: 503 with Retry-After and a Warning (the call in progress goes on)
    String refused = newInviteAnswer();
    assertThat(refused).startsWith("SIP/2.0 503 Service Unavailable\r\n").contains("\r\nRetry-After: 30\r\n")
        .contains("\r\nWarning: 399 ");

    assertThat(call[0].await()).as("UE SIPp:%n%s%n%s", call[0].output(), launcher.output()).isZero();
    assertThat(call[1].await()).as("core SIPp:%n%s", call[1].output()).isZero();
    assertThat(launcher.awaitExit(Duration.ofSeconds(40))).as(launcher.output()).isZero();
    assertThat(launcher.stderr()).contains("Shutdown: draining up to PT30S for 1 active calls")
        .contains("Shutdown: SIP stopped, 0 active calls released")
        .contains("Shutdown: gateway contexts created 1, held before the gateway stops 0");
  }

  @Test
  void givenAJavaOlderThan21_whenTheScriptStarts_thenExitCode3SaysWhatToInstall() throws Exception {
    Path old = olderJava();
    Assumptions.assumeTrue(old != null, "no Java older than 21 under /usr/lib/jvm on this machine");
    var launcher = LauncherProcess.start(dir, "127.0.0.1:" + http, Map.of("JAVA_HOME", old.toString()));
    running.add(launcher);

    assertThat(launcher.awaitExit(Duration.ofSeconds(30))).isEqualTo(3);
    assertThat(launcher.stderr()).contains("Java 21 or newer is needed").contains("JAVA_HOME");
  }

  /** A JDK or JRE below 21 under /usr/lib/jvm (its release file says JAVA_VERSION="17..."), or null. */
  private static Path olderJava() throws IOException {
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return null;
    }
    try (var dirs = Files.list(jvms)) {
      for (Path home : dirs.toList()) {
        Path release = home.resolve("release");
        if (Files.isExecutable(home.resolve("bin/java")) && Files.isReadable(release)) {
          var m = java.util.regex.Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(Files.readString(release));
          if (m.find() && Integer.parseInt(m.group(1)) < 21) {
            return home;
          }
        }
      }
    }
    return null;
  }

  @Test
  void givenAnEmptyMediaPortRange_whenStarted_thenExitCode2AndTheKeyIsNamed() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "agw:\n  realms:\n    access:\n      ports: 40000-39999\n");
    var launcher = LauncherProcess.start(dir, "127.0.0.1:" + http, Map.of(), "-c", bad.toString());
    running.add(launcher);

    assertThat(launcher.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
    assertThat(launcher.stderr())
        .contains("ims-e2ae: configuration error: agw.realms.access.ports: 40000-39999 is empty");
  }

  @Test
  void givenAnUnknownKeyOrABadEnvironmentValue_whenStarted_thenExitCode2AndTheKeyIsNamed() throws Exception {
    Path typo = dir.resolve("typo.yaml");
    Files.writeString(typo, "pcscf:\n  acess:\n    udp-port: 5060\n");
    var first = LauncherProcess.start(dir, "127.0.0.1:" + http, Map.of(), "-c", typo.toString());
    running.add(first);
    var second = LauncherProcess.start(dir, "127.0.0.1:" + http, Map.of("IMS_E2AE_PCSCF_CORE_T1", "fast"));
    running.add(second);
    var third = LauncherProcess.start(dir, "127.0.0.1:" + http, Map.of(), "--role", "proxy");
    running.add(third);

    assertThat(first.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
    assertThat(first.stderr()).contains("configuration error: pcscf.acess: unknown key");
    assertThat(second.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
    assertThat(second.stderr())
        .contains("configuration error: pcscf.core-t1: 'fast' is not a duration such as 500ms, 10s, 2m or 1h");
    assertThat(third.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
    assertThat(third.stderr()).contains("configuration error: role: 'proxy' is not pcscf, agw or both");
  }

  @Test
  void givenTheAccessPortInUse_whenStarted_thenExitCode4SaysSo() throws Exception {
    Path config = config("");
    try (var squatter = new DatagramSocket(new InetSocketAddress(FreePorts.LOOPBACK, access))) {
      var launcher = launch(config);
      assertThat(launcher.awaitExit(Duration.ofSeconds(60))).as(launcher.output()).isEqualTo(4);
      assertThat(launcher.stderr()).contains("ims-e2ae: cannot start: P-CSCF SIP listening points")
          .contains("address already in use");
    }
  }

  private String cli(String... args) throws IOException, InterruptedException {
    var p = LauncherProcess.start(dir, "127.0.0.1:" + http, Map.of(), args);
    running.add(p);
    assertThat(p.awaitExit(Duration.ofSeconds(30))).as(p.output()).isZero();
    return p.stdout();
  }

  private static boolean stateHas(LauncherProcess launcher, String... fragments) {
    try {
      String state = launcher.get("/state");
      for (String f : fragments) {
        if (!state.contains(f)) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static double metric(LauncherProcess launcher, String sample) {
    try {
      return launcher.metric(sample);
    } catch (IOException e) {
      return Double.NaN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Double.NaN;
    }
  }

  /** The local RTP port of the gateway termination of {@code realm} in the /state JSON. */
  private static int localPort(String state, String realm) throws IOException {
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(state);
    for (var context : json.path("gatewayContexts")) {
      for (var t : context.path("terminations")) {
        if (t.path("realm").asText().equals(realm)) {
          String local = t.path("local").asText();
          return Integer.parseInt(local.substring(local.lastIndexOf(':') + 1));
        }
      }
    }
    throw new AssertionError("no " + realm + " termination in " + state);
  }

  /** An RTP packet (RFC 3550 5.1): version 2, payload type 0 (PCMU), the given sequence, timestamp and SSRC. */
  private static byte[] rtp(int sequence, long timestamp, long ssrc, int payloadLength) {
    byte[] p = new byte[RTP_HEADER + payloadLength];
    p[0] = (byte) 0x80;
    p[1] = 0;
    p[2] = (byte) (sequence >> 8);
    p[3] = (byte) sequence;
    for (int i = 0; i < 4; i++) {
      p[4 + i] = (byte) (timestamp >> (24 - 8 * i));
      p[8 + i] = (byte) (ssrc >> (24 - 8 * i));
    }
    for (int i = RTP_HEADER; i < p.length; i++) {
      p[i] = (byte) (0x55 ^ i);
    }
    return p;
  }
}
