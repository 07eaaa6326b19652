package ims.iq.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslContextBuilder;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Annex D.2 transport: TLS 1.3 with a client certificate from the internal CA, TPKT framing. */
@Timeout(120)
class TlsTransportTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static TestPki pki;
  private static TlsContexts.Pair gatewayTls;
  private static TlsContexts.Pair controllerTls;
  private final List<AutoCloseable> resources = new ArrayList<>();

  @BeforeAll
  static void makePki() throws Exception {
    pki = new TestPki();
    gatewayTls = TlsContexts.mutual(pki.signedLeaf("agw1"), pki.trustInternalCa());
    controllerTls = TlsContexts.mutual(pki.signedLeaf("pcscf1"), pki.trustInternalCa());
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable r : resources.reversed()) r.close();
  }

  private TransactionLayer<String, String> layer(TlsContexts.Pair tls, TransactionLayer.RequestHandler<String, String> handler) {
    var config = new TlsTransportConfig(new InetSocketAddress(LOOPBACK, 0),
        LinkSecurity.loopbackOnly(List.of(AllowedPeer.anyPort(LOOPBACK))), tls.server(), tls.client());
    var layer = TransactionLayer.open(l -> TlsTransport.bind(config, l), new StubFraming(),
        TransactionConfig.DEFAULT.withTimers(TransactionTimers.fast()), handler, Runnable::run);
    resources.add(layer);
    return layer;
  }

  @Test
  void givenBothSidesWithCertificatesFromTheInternalCa_whenTransacting_thenRepliesFlowBothWays() throws Exception {
    var calls = new AtomicInteger();
    var gateway = layer(gatewayTls, (peer, body) -> {
      calls.incrementAndGet();
      return CompletableFuture.completedFuture("re:" + body);
    });
    var controller = layer(controllerTls, (peer, body) -> CompletableFuture.completedFuture("ctl:" + body));
    for (int i = 0; i < 5; i++) {
      assertThat(controller.request(gateway.localAddress(), "m" + i).get(10, TimeUnit.SECONDS)).isEqualTo("re:m" + i);
    }
    // The gateway's own request (a Notify, say) travels on a connection it opens to the controller's listener.
    assertThat(gateway.request(controller.localAddress(), "notify").get(10, TimeUnit.SECONDS)).isEqualTo("ctl:notify");
    assertThat(calls).hasValue(5);
    Await.until("both idle", Duration.ofSeconds(10), () -> gateway.stats().isIdle() && controller.stats().isIdle());
  }

  @Test
  void givenClientWithoutCertificate_whenItConnects_thenHandshakeFailsAndNothingIsDelivered() throws Exception {
    var calls = new AtomicInteger();
    var gateway = layer(gatewayTls, (peer, body) -> {
      calls.incrementAndGet();
      return CompletableFuture.completedFuture("re:" + body);
    });
    var anonymous = SslContextBuilder.forClient().trustManager(pki.trustInternalCa()).protocols("TLSv1.3").build();
    var controller = layer(new TlsContexts.Pair(controllerTls.server(), anonymous),
        (peer, body) -> CompletableFuture.completedFuture("x"));
    var future = controller.request(gateway.localAddress(), "let me in");
    try {
      future.get(20, TimeUnit.SECONDS);
      throw new AssertionError("a client without a certificate was served");
    } catch (java.util.concurrent.ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(IqTimeoutException.class);
    }
    assertThat(calls).hasValue(0);
    Await.until("handshake failure counted", Duration.ofSeconds(5), () -> gateway.transport().stats().listenerFailures() > 0);
  }

  @Test
  void givenClientWithCertificateFromAnotherCa_whenItConnects_thenRefused() throws Exception {
    var calls = new AtomicInteger();
    var gateway = layer(gatewayTls, (peer, body) -> {
      calls.incrementAndGet();
      return CompletableFuture.completedFuture("re:" + body);
    });
    var rogue = TlsContexts.mutual(pki.stranger("rogue"), pki.trustInternalCa());
    var controller = layer(rogue, (peer, body) -> CompletableFuture.completedFuture("x"));
    var future = controller.request(gateway.localAddress(), "let me in");
    try {
      future.get(20, TimeUnit.SECONDS);
      throw new AssertionError("a client with a foreign certificate was served");
    } catch (java.util.concurrent.ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(IqTimeoutException.class);
    }
    assertThat(calls).hasValue(0);
  }

  @Test
  void givenConnectionFromAnAddressNotAllowed_whenAccepted_thenClosedBeforeTheHandshakeAndCounted() throws Exception {
    var config = new TlsTransportConfig(new InetSocketAddress(LOOPBACK, 0),
        LinkSecurity.loopbackOnly(List.of(new AllowedPeer(LOOPBACK, 9))), gatewayTls.server(), gatewayTls.client());
    try (var transport = TlsTransport.bind(config, (s, b) -> {});
        var socket = new Socket(LOOPBACK, transport.localAddress().getPort())) {
      socket.setSoTimeout(10_000);
      assertThat(socket.getInputStream().read()).isEqualTo(-1); // closed by the guard, no TLS bytes
      Await.until("refusal counted", Duration.ofSeconds(5), () -> transport.stats().droppedNotAllowed() == 1);
    }
  }

  @Test
  void givenPlainTcpWithTpktFrames_whenSentToTheTlsPort_thenNoMessageIsDelivered() throws Exception {
    var delivered = new AtomicInteger();
    var config = new TlsTransportConfig(new InetSocketAddress(LOOPBACK, 0),
        LinkSecurity.loopbackOnly(List.of(AllowedPeer.anyPort(LOOPBACK))), gatewayTls.server(), gatewayTls.client());
    try (var transport = TlsTransport.bind(config, (s, b) -> delivered.incrementAndGet());
        var socket = new Socket(LOOPBACK, transport.localAddress().getPort())) {
      socket.setSoTimeout(10_000);
      var out = new DataOutputStream(socket.getOutputStream());
      byte[] payload = "MEGACO/3 [127.0.0.1]:1 Transaction = 1 { }".getBytes();
      out.writeByte(3);
      out.writeByte(0);
      out.writeShort(payload.length + 4);
      out.write(payload);
      out.flush();
      assertThat(socket.getInputStream().read()).isEqualTo(-1); // not TLS: the connection is dropped
      assertThat(delivered).hasValue(0);
    }
  }

  @Test
  void givenTlsProtectionDeclared_whenUdpIsConfigured_thenRefused() {
    var security = new LinkSecurity(List.of(AllowedPeer.anyPort(LOOPBACK)), LinkProtection.TLS);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new UdpTransportConfig(new InetSocketAddress(LOOPBACK, 0), security))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TLS transport");
  }
}
