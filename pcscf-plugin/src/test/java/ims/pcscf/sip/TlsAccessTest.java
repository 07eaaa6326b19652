package ims.pcscf.sip;

import static org.assertj.core.api.Assertions.assertThat;

import ims.pcscf.policy.PcscfPolicy;
import ims.pcscf.registration.Binding;
import ims.pcscf.registration.RegistrationStore;
import ims.pcscf.registration.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TLS listening point on the access side (jain-sip-ri's TLS, keystore and truststore from
 * {@link TlsConfig}): a UE's REGISTER over TLS (a raw {@link SSLSocket} trusting the test's own
 * certificate) reaches the core over UDP without mediasec, and the 200 OK comes back over the TLS
 * connection with Security-Server; the binding records TLS.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsAccessTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  @Test
  void givenTlsOnTheAccessSide_whenUeRegistersOverTls_thenCoreGetsItOverUdpAndThe200ComesBackOverTls(
      @TempDir Path dir) throws Exception {
    var certificate = new TestCertificate(dir);
    var tls = new TlsConfig(certificate.keyStore, TestCertificate.PASSWORD, certificate.trustStore,
        TestCertificate.PASSWORD, TlsConfig.ClientAuth.DISABLED);
    assertThat(tls.toString()).doesNotContain(TestCertificate.PASSWORD);
    Endpoint access = FreePorts.loopbackEndpoint().withTlsPort(FreePorts.udpAndTcp());
    Endpoint core = FreePorts.loopbackEndpoint();
    var clock = Clock.systemUTC();
    try (var registrar = new RawSipPeer()) {
      var plainAccess = new Endpoint(access.host(), access.udpPort(), access.tcpPort());
      var config = ProxyConfig.of("pcscf-tls-" + UUID.randomUUID(), plainAccess, core,
          new NextHop("127.0.0.1", registrar.port(), Transport.UDP)).withTls(access, core, tls);
      try (var proxy = PcscfProxy.start(config, PcscfPolicy.DEFAULT, new RegistrationStore(clock, 10), clock);
           var socket = (SSLSocket) certificate.clientContext().getSocketFactory()
               .createSocket(InetAddress.getLoopbackAddress(), access.tlsPort().getAsInt())) {
        socket.setSoTimeout((int) WAIT.toMillis());
        socket.startHandshake();
        assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(certificate.certificate);
        int ourPort = socket.getLocalPort();
        String register = "REGISTER sip:ims.example.net SIP/2.0\r\n"
            + "Via: SIP/2.0/TLS 127.0.0.1:" + ourPort + ";branch=z9hG4bKtls" + UUID.randomUUID().toString().replace("-", "")
            + ";rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:alice@ims.example.net>;tag=tls1\r\n"
            + "To: <sip:alice@ims.example.net>\r\n"
            + "Call-ID: reg-tls@test\r\n"
            + "CSeq: 1 REGISTER\r\n"
            + "Contact: <sip:alice@127.0.0.1:" + ourPort + ";transport=tls>;expires=600\r\n"
            + "Security-Client: sdes-srtp;mediasec\r\n"
            + "Content-Length: 0\r\n\r\n";
        socket.getOutputStream().write(register.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();

        String atCore = registrar.receiveFor("reg-tls@test", WAIT);
        assertThat(RawSip.vias(atCore).get(0)).startsWith("SIP/2.0/UDP 127.0.0.1:" + core.udpPort() + ";");
        assertThat(RawSip.vias(atCore).get(1)).startsWith("SIP/2.0/TLS 127.0.0.1:" + ourPort);
        assertThat(atCore).doesNotContain("mediasec");
        registrar.send(RawSip.response(atCore, "200 OK",
            "Contact: <sip:alice@127.0.0.1:" + ourPort + ";transport=tls>;expires=600"), RawSip.topViaPort(atCore));

        String ok = readMessage(socket.getInputStream());
        assertThat(RawSip.firstLine(ok)).isEqualTo("SIP/2.0 200 OK");
        assertThat(RawSip.values(ok, "Security-Server")).containsExactly("sdes-srtp;mediasec");
        assertThat(RawSip.vias(ok)).singleElement().asString().startsWith("SIP/2.0/TLS 127.0.0.1:" + ourPort);
        Binding binding = proxy.liveRegistrations().getFirst();
        assertThat(binding.ueAddress().transport()).isEqualTo(Transport.TLS);
        assertThat(binding.e2aeAgreed()).isTrue();
      }
    }
  }

  @Test
  void givenUeRegisteredOverTls_whenItCalls_thenTheAccessRecordRouteNamesOurTlsPortAndItsByeComesBackOverTls(
      @TempDir Path dir) throws Exception {
    var certificate = new TestCertificate(dir);
    var tls = new TlsConfig(certificate.keyStore, TestCertificate.PASSWORD, certificate.trustStore,
        TestCertificate.PASSWORD, TlsConfig.ClientAuth.DISABLED);
    Endpoint plainAccess = FreePorts.loopbackEndpoint();
    Endpoint access = plainAccess.withTlsPort(FreePorts.udpAndTcp());
    Endpoint core = FreePorts.loopbackEndpoint();
    int tlsPort = access.tlsPort().getAsInt();
    var clock = Clock.systemUTC();
    try (var registrar = new RawSipPeer()) {
      var config = ProxyConfig.of("pcscf-tls-call-" + UUID.randomUUID(), plainAccess, core,
          new NextHop("127.0.0.1", registrar.port(), Transport.UDP)).withTls(access, core, tls);
      try (var proxy = PcscfProxy.start(config, PcscfPolicy.DEFAULT, new RegistrationStore(clock, 10), clock);
           var socket = (SSLSocket) certificate.clientContext().getSocketFactory()
               .createSocket(InetAddress.getLoopbackAddress(), tlsPort)) {
        socket.setSoTimeout((int) WAIT.toMillis());
        int ourPort = socket.getLocalPort();
        String invite = "INVITE sip:bob@ims.example.net SIP/2.0\r\n"
            + "Via: SIP/2.0/TLS 127.0.0.1:" + ourPort + ";branch=" + CallMessages.branch() + ";rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:carol@ims.example.net>;tag=c1\r\n"
            + "To: <sip:bob@ims.example.net>\r\n"
            + "Call-ID: call-tls@test\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Contact: <sip:carol@127.0.0.1:" + ourPort + ";transport=tls>\r\n"
            + "Content-Length: 0\r\n\r\n";
        socket.getOutputStream().write(invite.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();

        String atCore = registrar.receiveFor("call-tls@test", WAIT);
        assertThat(CallMessages.recordRoutes(atCore)).containsExactly(
            "<sip:127.0.0.1:" + core.udpPort() + ";lr>", "<sip:127.0.0.1:" + tlsPort + ";transport=tls;lr>");
        registrar.send(CallMessages.response(atCore, "200 OK", "bob1", registrar.port(), null), RawSip.topViaPort(atCore));
        String ok = readMessage(socket.getInputStream());
        while (ok.startsWith("SIP/2.0 100")) {
          ok = readMessage(socket.getInputStream());
        }
        assertThat(RawSip.firstLine(ok)).isEqualTo("SIP/2.0 200 OK");

        // the UE's route set is the Record-Route reversed: our TLS entry first, over the same connection
        String bye = "BYE sip:peer@127.0.0.1:" + registrar.port() + " SIP/2.0\r\n"
            + "Via: SIP/2.0/TLS 127.0.0.1:" + ourPort + ";branch=" + CallMessages.branch() + ";rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "Route: <sip:127.0.0.1:" + tlsPort + ";transport=tls;lr>\r\n"
            + "Route: <sip:127.0.0.1:" + core.udpPort() + ";lr>\r\n"
            + "From: <sip:carol@ims.example.net>;tag=c1\r\n"
            + "To: " + RawSip.values(ok, "To").get(0) + "\r\n"
            + "Call-ID: call-tls@test\r\n"
            + "CSeq: 2 BYE\r\n"
            + "Content-Length: 0\r\n\r\n";
        socket.getOutputStream().write(bye.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        String byeAtCore = registrar.receiveFor("call-tls@test", WAIT);
        assertThat(RawSip.firstLine(byeAtCore)).startsWith("BYE ");
        assertThat(RawSip.values(byeAtCore, "Route")).isEmpty();
        assertThat(proxy.activeCalls()).isEmpty();
      }
    }
  }

  @Test
  void givenTlsNextHop_whenUeRegistersOverUdp_thenTheCoreGetsItOverTlsAndThe200ComesBackOverUdp(@TempDir Path dir)
      throws Exception {
    var certificate = new TestCertificate(dir);
    var tls = new TlsConfig(certificate.keyStore, TestCertificate.PASSWORD, certificate.trustStore,
        TestCertificate.PASSWORD, TlsConfig.ClientAuth.DISABLED);
    Endpoint access = FreePorts.loopbackEndpoint();
    Endpoint plainCore = FreePorts.loopbackEndpoint();
    Endpoint core = plainCore.withTlsPort(FreePorts.udpAndTcp());
    var clock = Clock.systemUTC();
    // the S-CSCF: a TLS server presenting the certificate the proxy's truststore holds
    var serverContext = javax.net.ssl.SSLContext.getInstance("TLS");
    var kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
    var keyStore = java.security.KeyStore.getInstance("PKCS12");
    try (var in = java.nio.file.Files.newInputStream(certificate.keyStore)) {
      keyStore.load(in, TestCertificate.PASSWORD.toCharArray());
    }
    kmf.init(keyStore, TestCertificate.PASSWORD.toCharArray());
    serverContext.init(kmf.getKeyManagers(), null, null);
    try (var scscf = serverContext.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress());
         var ue = new RawSipPeer()) {
      scscf.setSoTimeout((int) WAIT.toMillis());
      var config = new ProxyConfig("pcscf-tls-core-" + UUID.randomUUID(), access, plainCore,
          new NextHop("127.0.0.1", scscf.getLocalPort(), Transport.UDP), ProxyConfig.DEFAULT_MAX_MESSAGE_SIZE, 10,
          ProxyConfig.DEFAULT_T1);
      var tlsConfig = new ProxyConfig(config.stackName(), access, core,
          new NextHop("127.0.0.1", scscf.getLocalPort(), Transport.TLS), config.maxMessageSize(), config.maxBindings(),
          config.coreT1(), config.timerC(), java.util.Optional.of(tls));
      try (var proxy = PcscfProxy.start(tlsConfig, PcscfPolicy.DEFAULT, new RegistrationStore(clock, 10), clock)) {
        ue.send(SipRequests.register(ue.port(), "bob", "reg-tls-core@test", "Security-Client: sdes-srtp;mediasec"),
            access.udpPort());
        try (var connection = scscf.accept()) {
          connection.setSoTimeout((int) WAIT.toMillis());
          String atCore = readMessage(connection.getInputStream());
          assertThat(RawSip.firstLine(atCore)).startsWith("REGISTER ");
          assertThat(RawSip.vias(atCore).get(0)).startsWith("SIP/2.0/TLS 127.0.0.1:" + core.tlsPort().getAsInt() + ";");
          assertThat(RawSip.values(atCore, "Path")).containsExactly(
              "<sip:127.0.0.1:" + core.tlsPort().getAsInt() + ";transport=tls;lr>");
          String ok = RawSip.response(atCore, "200 OK", "Contact: <sip:bob@127.0.0.1:" + ue.port() + ">;expires=600");
          connection.getOutputStream().write(ok.getBytes(StandardCharsets.UTF_8));
          connection.getOutputStream().flush();
          String atUe = ue.receiveFor("reg-tls-core@test", WAIT);
          assertThat(RawSip.firstLine(atUe)).isEqualTo("SIP/2.0 200 OK");
          assertThat(RawSip.values(atUe, "Security-Server")).containsExactly("sdes-srtp;mediasec");
          assertThat(proxy.liveRegistrations()).hasSize(1);
        }
      }
    }
  }

  /** One SIP message with an empty body (headers up to the blank line), bounded by the socket timeout. */
  private static String readMessage(InputStream in) throws IOException {
    var out = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed after " + out);
      }
      out.write(b);
      String text = out.toString(StandardCharsets.UTF_8);
      if (text.startsWith("\r\n")) { // keep-alive CRLFs (RFC 5626) before a message
        out.reset();
      } else if (text.endsWith("\r\n\r\n")) {
        return text;
      }
    }
  }
}
