package ims.iq.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.message.ActionReply;
import ims.iq.message.ActionRequest;
import ims.iq.message.AuditValue;
import ims.iq.message.AuditValueReply;
import ims.iq.message.ContextId;
import ims.iq.message.MId;
import ims.iq.message.Message;
import ims.iq.message.TerminationId;
import ims.iq.message.TransactionRequest;
import ims.iq.transport.AllowedPeer;
import ims.iq.transport.Await;
import ims.iq.transport.LinkSecurity;
import ims.iq.transport.MegacoFraming;
import ims.iq.transport.ReplyContent;
import ims.iq.transport.TransactionLayer;
import ims.iq.transport.UdpTransport;
import ims.iq.transport.UdpTransportConfig;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The link guard under garbage floods: a stranger is never answered and only counted; garbage from
 * the allowed controller is counted (and answered with a rate-limited 400); valid transactions keep
 * completing meanwhile.
 */
@Timeout(60)
class LinkGuardFloodTest {
  private static final int FLOOD = 3_000;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private TransactionLayer<List<ActionRequest>, ReplyContent> controller;
  private IqGatewayServer gateway;

  @BeforeEach
  void start() {
    controller = TransactionLayer.open(l -> UdpTransport.bind(IqGatewayServerTest.loopback(), l),
        new MegacoFraming(MId.domain("pcscf1.example.net", 2944), IqGatewayServerTest.CODEC),
        IqGatewayServerTest.fast(), (peer, actions) -> CompletableFuture.completedFuture(ReplyContent.of(
            new ActionReply(ContextId.NULL, ims.iq.message.ContextProperties.NONE,
                List.of(ims.iq.message.ServiceChangeReply.of(TerminationId.ROOT)), Optional.empty()))),
        Runnable::run);
    resources.add(controller);
    // Only the controller's exact address and port may talk to this gateway.
    var onlyController = new UdpTransportConfig(new InetSocketAddress(IqGatewayServerTest.LOOPBACK, 0),
        LinkSecurity.loopbackOnly(List.of(AllowedPeer.of(controller.localAddress()))));
    gateway = IqGatewayServer.start(new GatewayConfig(onlyController, MId.domain("agw1.example.net", 2944),
        controller.localAddress(), IqGatewayServerTest.fast(), Optional.empty(), 1, Duration.ofMillis(20)),
        new RecordingGatewayHandler(), IqGatewayServerTest.CODEC, Runnable::run);
    resources.add(gateway);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable r : resources.reversed()) r.close();
  }

  @Test
  void givenStrangerFloodingGarbageAndValidRequests_whenControllerTransacts_thenStrangerNeverAnsweredAndControllerServed()
      throws Exception {
    try (var stranger = new DatagramSocket(0, IqGatewayServerTest.LOOPBACK)) {
      var random = new Random(5);
      byte[] valid = IqGatewayServerTest.CODEC.encode(Message.of(MId.domain("evil.example.net", 2944),
          new TransactionRequest(7, List.of(ActionRequest.of(ContextId.NULL, AuditValue.rootHeartbeat())))));
      var flood = CompletableFuture.runAsync(() -> {
        for (int i = 0; i < FLOOD; i++) {
          byte[] datagram = i % 10 == 0 ? valid : garbage(random);
          send(stranger, datagram, gateway.localAddress());
        }
      });
      long started = System.nanoTime();
      int served = 0;
      while (!flood.isDone() || served < 20) {
        assertThat(linkCheck()).isTrue();
        served++;
      }
      flood.get(20, TimeUnit.SECONDS);
      assertThat(linkCheck()).isTrue(); // processed after every flood datagram: the gateway handled them all
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));

      stranger.setSoTimeout(200);
      var answer = new DatagramPacket(new byte[65_535], 65_535);
      try {
        stranger.receive(answer);
        throw new AssertionError("the gateway answered a peer that is not allowed");
      } catch (SocketTimeoutException expected) {
        // Nothing for the stranger.
      }
      var stats = gateway.transportStats();
      assertThat(stats.droppedNotAllowed()).isPositive().isLessThanOrEqualTo(FLOOD);
      assertThat(stats.listenerFailures()).isZero();
      assertThat(gateway.transactionStats().undecodable()).isZero();
    }
  }

  @Test
  void givenAllowedPeerSendingGarbage_whenValidTransactionsFollow_thenGarbageCountedAndTransactionsComplete()
      throws Exception {
    var random = new Random(6);
    for (int i = 0; i < 500; i++) controller.transport().send(gateway.localAddress(), garbage(random));
    for (int i = 0; i < 20; i++) assertThat(linkCheck()).isTrue();
    Await.until("all garbage counted", Duration.ofSeconds(5), () -> gateway.transactionStats().undecodable() >= 1);
    assertThat(gateway.transactionStats().undecodable()).isLessThanOrEqualTo(500);
    // Message-level 400s are rate-limited (20 per second by default) and never answered back.
    assertThat(gateway.transactionStats().messageErrorsSent()).isPositive().isLessThanOrEqualTo(40);
    assertThat(controller.stats().messageErrorsSent()).isZero();
    assertThat(gateway.transportStats().listenerFailures()).isZero();
  }

  private boolean linkCheck() throws Exception {
    var reply = controller.request(gateway.localAddress(), List.of(ActionRequest.of(ContextId.NULL,
        AuditValue.rootHeartbeat()))).get(5, TimeUnit.SECONDS);
    return reply.firstError().isEmpty()
        && reply.actions().getFirst().replies().equals(List.of(AuditValueReply.of(TerminationId.ROOT)));
  }

  static byte[] garbage(Random random) {
    byte[] b = new byte[1 + random.nextInt(1_400)];
    random.nextBytes(b);
    if (random.nextBoolean()) System.arraycopy("MEGACO/3 ".getBytes(), 0, b, 0, Math.min(9, b.length));
    return b;
  }

  private static void send(DatagramSocket socket, byte[] data, InetSocketAddress to) {
    try {
      socket.send(new DatagramPacket(data, data.length, to));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
