package ims.iq.controller;

import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.message.ActionReply;
import ims.iq.message.ActionRequest;
import ims.iq.message.Add;
import ims.iq.message.AuditValueReply;
import ims.iq.message.ContextId;
import ims.iq.message.ErrorCode;
import ims.iq.message.MId;
import ims.iq.message.ServiceChange;
import ims.iq.message.ServiceChangeMethod;
import ims.iq.message.ServiceChangeParms;
import ims.iq.message.ServiceChangeReply;
import ims.iq.message.TerminationId;
import ims.iq.transport.AllowedPeer;
import ims.iq.transport.Await;
import ims.iq.transport.LinkSecurity;
import ims.iq.transport.MegacoFraming;
import ims.iq.transport.MessageCodec;
import ims.iq.transport.ReplyContent;
import ims.iq.transport.TransactionLayer;
import ims.iq.transport.UdpTransport;
import ims.iq.transport.UdpTransportConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The controller's association state machine, driven by a bare gateway-side transaction layer. */
@Timeout(30)
class ControllerAssociationTest {
  private final LinkedBlockingQueue<GatewayEvent> events = new LinkedBlockingQueue<>();
  private IqController controller;
  private TransactionLayer<List<ActionRequest>, ReplyContent> gateway;

  @BeforeEach
  void start() {
    controller = IqController.start(IqLink.controllerConfig(Duration.ofMillis(100)),
        events::add, MessageCodec.TEXT, Runnable::run);
    gateway = bareGateway(0);
  }

  @AfterEach
  void stop() {
    gateway.close();
    controller.close();
  }

  /** A gateway that answers link checks on ROOT and nothing else. */
  private static TransactionLayer<List<ActionRequest>, ReplyContent> bareGateway(int port) {
    var config = new UdpTransportConfig(new InetSocketAddress(IqLink.LOOPBACK, port),
        LinkSecurity.loopbackOnly(List.of(AllowedPeer.anyPort(IqLink.LOOPBACK))));
    return TransactionLayer.open(l -> UdpTransport.bind(config, l),
        new MegacoFraming(MId.domain("agw1.example.net", 2944), MessageCodec.TEXT),
        IqLink.fast(), (peer, actions) -> CompletableFuture.completedFuture(
            ReplyContent.of(ActionReply.of(ContextId.NULL, AuditValueReply.of(TerminationId.ROOT)))),
        Runnable::run);
  }

  private ServiceChangeReply serviceChange(ServiceChangeParms parms) throws Exception {
    var reply = gateway.request(controller.localAddress(), List.of(ActionRequest.of(ContextId.NULL,
        new ServiceChange(TerminationId.ROOT, parms)))).get(5, TimeUnit.SECONDS);
    return (ServiceChangeReply) reply.actions().getFirst().replies().getFirst();
  }

  @Test
  void givenGatewayOffersAHigherVersion_whenItRestarts_thenReplyCarriesOurVersion3() throws Exception {
    var reply = serviceChange(ServiceChangeParms.of(ServiceChangeMethod.RESTART, "901 Cold Boot").withVersion(4));
    assertThat(reply.error()).isEmpty();
    assertThat(reply.result().orElseThrow().version()).hasValue(3);
    assertThat(controller.negotiatedVersion()).isEqualTo(3);
    assertThat(controller.gateway()).contains(gateway.localAddress());
  }

  @Test
  void givenGatewayOffersAVersionBelowOurMinimum_whenItRestarts_thenError406AndNoAssociation() throws Exception {
    var reply = serviceChange(ServiceChangeParms.of(ServiceChangeMethod.RESTART, "901 Cold Boot").withVersion(2));
    assertThat(reply.error().orElseThrow().code()).isEqualTo(ErrorCode.VERSION_NOT_SUPPORTED);
    assertThat(controller.state()).isEqualTo(AssociationState.AWAITING_GATEWAY);
    assertThat(controller.gateway()).isEmpty();
  }

  @Test
  void givenFailover_whenReceived_thenInServiceWithContextsKept() throws Exception {
    serviceChange(ServiceChangeParms.of(ServiceChangeMethod.FAILOVER, "909 MGC Directed Change").withVersion(3));
    var event = next(GatewayEvent.GatewayInService.class);
    assertThat(event.method()).isEqualTo(ServiceChangeMethod.FAILOVER);
    assertThat(event.contextsLost()).isFalse();
    assertThat(controller.state()).isEqualTo(AssociationState.IN_SERVICE);
  }

  @Test
  void givenGracefulWithDelay_whenReceived_thenOutOfServiceWithDelayAndContextsKept() throws Exception {
    serviceChange(ServiceChangeParms.of(ServiceChangeMethod.GRACEFUL, "905 Termination taken out of service")
        .withDelay(30));
    var event = next(GatewayEvent.GatewayOutOfService.class);
    assertThat(event.delaySeconds()).hasValue(30);
    assertThat(event.contextsLost()).isFalse();
    assertThat(controller.state()).isEqualTo(AssociationState.OUT_OF_SERVICE);
  }

  @Test
  void givenLinkDown_whenTheGatewayAnswersAgain_thenLinkUpIsReported() throws Exception {
    serviceChange(ServiceChangeParms.of(ServiceChangeMethod.RESTART, "901 Cold Boot").withVersion(3));
    int port = gateway.localAddress().getPort();
    gateway.close();
    next(GatewayEvent.LinkDown.class);
    assertThat(controller.state()).isEqualTo(AssociationState.LINK_DOWN);
    gateway = bareGateway(port); // same address, no ServiceChange: only the link checks bring it back
    next(GatewayEvent.LinkUp.class);
    assertThat(controller.state()).isEqualTo(AssociationState.IN_SERVICE);
  }

  @Test
  void givenGatewaySendsACommandOnlyControllersSend_whenReceived_thenError443() throws Exception {
    var reply = gateway.request(controller.localAddress(), List.of(ActionRequest.of(ContextId.CHOOSE,
        Add.of(TerminationId.CHOOSE)))).get(5, TimeUnit.SECONDS);
    assertThat(reply.firstError().orElseThrow().code()).isEqualTo(ErrorCode.UNSUPPORTED_COMMAND);
  }

  @Test
  void givenHeartbeatsFlowing_whenIdle_thenNoTransactionStateAccumulates() throws Exception {
    serviceChange(ServiceChangeParms.of(ServiceChangeMethod.RESTART, "901 Cold Boot").withVersion(3));
    Await.until("ten link checks", Duration.ofSeconds(10), () -> controller.transactionStats().repliesReceived() >= 10);
    // Replies to link checks ask for an ack; the acks release the gateway's cache long before LONG-TIMER.
    Await.until("gateway cache bounded by in-flight checks", Duration.ofSeconds(5),
        () -> gateway.stats().cachedReplies() <= 1 && controller.transactionStats().outstandingRequests() <= 1);
  }

  private <E extends GatewayEvent> E next(Class<E> type) throws InterruptedException {
    return GatewayEvents.next(events, type, Duration.ofSeconds(10));
  }
}
