package ims.iq.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.message.ActionReply;
import ims.iq.message.ActionRequest;
import ims.iq.message.Add;
import ims.iq.message.AuditValue;
import ims.iq.message.AuditValueReply;
import ims.iq.message.CommandReply;
import ims.iq.message.ContextId;
import ims.iq.message.ErrorDescriptor;
import ims.iq.message.Events;
import ims.iq.message.LocalControl;
import ims.iq.message.MId;
import ims.iq.message.Media;
import ims.iq.message.Modify;
import ims.iq.message.Notify;
import ims.iq.message.ObservedEvent;
import ims.iq.message.ObservedEvents;
import ims.iq.message.PropertyParm;
import ims.iq.message.RequestedEvent;
import ims.iq.message.ServiceChange;
import ims.iq.message.ServiceChangeMethod;
import ims.iq.message.ServiceChangeReply;
import ims.iq.message.ServiceChangeResult;
import ims.iq.message.Stream;
import ims.iq.message.StreamMode;
import ims.iq.message.StreamParms;
import ims.iq.message.Subtract;
import ims.iq.message.TerminationId;
import ims.iq.message.TerminationState;
import ims.iq.transport.AllowedPeer;
import ims.iq.transport.IqTimeoutException;
import ims.iq.transport.LinkSecurity;
import ims.iq.transport.MegacoFraming;
import ims.iq.transport.MessageCodec;
import ims.iq.transport.ReplyContent;
import ims.iq.transport.TransactionConfig;
import ims.iq.transport.TransactionLayer;
import ims.iq.transport.TransactionTimers;
import ims.iq.transport.UdpTransport;
import ims.iq.transport.UdpTransportConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The gateway server driven by a bare controller-side transaction layer, message by message. */
@Timeout(30)
class IqGatewayServerTest {
  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  static final MessageCodec CODEC = MessageCodec.TEXT;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final List<List<ActionRequest>> controllerInbox = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable r : resources.reversed()) r.close();
  }

  static UdpTransportConfig loopback() {
    return new UdpTransportConfig(new InetSocketAddress(LOOPBACK, 0),
        LinkSecurity.loopbackOnly(List.of(AllowedPeer.anyPort(LOOPBACK))));
  }

  static TransactionConfig fast() {
    return TransactionConfig.DEFAULT.withTimers(TransactionTimers.fast());
  }

  /** A controller that answers ServiceChange with version 3 and Notify with an empty reply. */
  private TransactionLayer<List<ActionRequest>, ReplyContent> bareController() {
    var layer = TransactionLayer.open(l -> UdpTransport.bind(loopback(), l),
        new MegacoFraming(MId.domain("pcscf1.example.net", 2944), CODEC), fast(), (peer, actions) -> {
          controllerInbox.add(actions);
          List<CommandReply> replies = new ArrayList<>();
          for (var c : actions.getFirst().commands()) {
            replies.add(switch (c.command()) {
              case ServiceChange sc -> ServiceChangeReply.of(sc.terminationId(), ServiceChangeResult.version(3));
              case Notify n -> ims.iq.message.NotifyReply.of(n.terminationId());
              default -> throw new IllegalStateException("unexpected");
            });
          }
          return CompletableFuture.completedFuture(ReplyContent.of(new ActionReply(actions.getFirst().contextId(),
              ims.iq.message.ContextProperties.NONE, replies, Optional.empty())));
        }, Runnable::run);
    resources.add(layer);
    return layer;
  }

  private IqGatewayServer gateway(InetSocketAddress controller, IqGatewayHandler handler, int restartAttempts) {
    var config = new GatewayConfig(loopback(), MId.domain("agw1.example.net", 2944), controller, fast(),
        Optional.empty(), restartAttempts, Duration.ofMillis(20));
    var server = IqGatewayServer.start(config, handler, CODEC, Runnable::run);
    resources.add(server);
    return server;
  }

  private static ReplyContent call(TransactionLayer<List<ActionRequest>, ReplyContent> controller,
      IqGatewayServer gateway, ActionRequest... actions) throws Exception {
    return controller.request(gateway.localAddress(), List.of(actions)).get(5, TimeUnit.SECONDS);
  }

  @Test
  void givenControllerAnswers_whenGatewayStarts_thenServiceChangeRestartOnRootWithVersionAndColdBoot() throws Exception {
    var controller = bareController();
    var gateway = gateway(controller.localAddress(), new RecordingGatewayHandler(), 3);
    assertThat(gateway.registration().get(5, TimeUnit.SECONDS)).isEqualTo(3);
    var sc = (ServiceChange) controllerInbox.getFirst().getFirst().commands().getFirst().command();
    assertThat(controllerInbox.getFirst().getFirst().contextId()).isEqualTo(ContextId.NULL);
    assertThat(sc.terminationId()).isEqualTo(TerminationId.ROOT);
    assertThat(sc.parms().method()).isEqualTo(ServiceChangeMethod.RESTART);
    assertThat(sc.parms().reason()).contains("901 Cold Boot");
    assertThat(sc.parms().version()).hasValue(3);
  }

  @Test
  void givenSilentController_whenGatewayStarts_thenRestartIsRetriedThenRegistrationFailsWithTimeout() throws Exception {
    try (var silent = new java.net.DatagramSocket(0, LOOPBACK)) {
      var gateway = gateway(new InetSocketAddress(LOOPBACK, silent.getLocalPort()), new RecordingGatewayHandler(), 2);
      try {
        gateway.registration().get(10, TimeUnit.SECONDS);
        throw new AssertionError("registration should fail");
      } catch (ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(IqTimeoutException.class);
      }
      // Two attempts, each a new transaction with its own retransmissions.
      assertThat(gateway.transactionStats().requestsSent()).isEqualTo(2);
      assertThat(gateway.transactionStats().timeouts()).isEqualTo(2);
    }
  }

  @Test
  void givenEmptyAuditOnRoot_whenReceived_thenAnsweredWithoutTheHandler() throws Exception {
    var controller = bareController();
    var handler = new RecordingGatewayHandler();
    var gateway = gateway(controller.localAddress(), handler, 1);
    var reply = call(controller, gateway, ActionRequest.of(ContextId.NULL, AuditValue.rootHeartbeat()));
    assertThat(reply.firstError()).isEmpty();
    assertThat(reply.actions().getFirst().replies()).containsExactly(AuditValueReply.of(TerminationId.ROOT));
    assertThat(handler.recorded()).isEmpty();
  }

  @Test
  void givenUnknownPackageProperty_whenAdded_thenError445NamesItAndHandlerNotCalled() throws Exception {
    var controller = bareController();
    var handler = new RecordingGatewayHandler();
    var gateway = gateway(controller.localAddress(), handler, 1);
    var add = Add.of(TerminationId.CHOOSE, Media.of(TerminationState.of(PropertyParm.quoted("ipdc/realm", "access")),
        new Stream(1, StreamParms.of(LocalControl.of(StreamMode.SEND_RECEIVE, PropertyParm.of("xyzpkg/colour", "blue"))))));
    var error = call(controller, gateway, ActionRequest.of(ContextId.CHOOSE, add)).firstError().orElseThrow();
    assertThat(error.code().code()).isEqualTo(445);
    assertThat(error.text()).hasValueSatisfying(t -> assertThat(t).contains("xyzpkg/colour"));
    assertThat(handler.recorded()).isEmpty();
  }

  @Test
  void givenUnknownEventPackage_whenAdded_thenError445NamesIt() throws Exception {
    var controller = bareController();
    var gateway = gateway(controller.localAddress(), new RecordingGatewayHandler(), 1);
    var add = Add.of(TerminationId.CHOOSE, Events.of(1, RequestedEvent.of("foo/bar")));
    var error = call(controller, gateway, ActionRequest.of(ContextId.CHOOSE, add)).firstError().orElseThrow();
    assertThat(error.code().code()).isEqualTo(445);
    assertThat(error.text()).hasValueSatisfying(t -> assertThat(t).contains("foo/bar"));
  }

  @Test
  void givenHandlerReportsUnsupportedValue_whenModified_thenError449WithNameAndValue() throws Exception {
    var controller = bareController();
    var handler = new FixedOutcomeHandler(CommandOutcome.unsupportedValue("ipdc/realm", "moon"));
    var gateway = gateway(controller.localAddress(), handler, 1);
    var modify = Modify.of(TerminationId.of("ip/1/access/1"), Media.of(TerminationState.of(PropertyParm.quoted("ipdc/realm", "moon"))));
    var error = call(controller, gateway, ActionRequest.of(ContextId.of(1), modify)).firstError().orElseThrow();
    assertThat(error.code().code()).isEqualTo(449);
    assertThat(error.text()).hasValueSatisfying(t -> assertThat(t).contains("ipdc/realm").contains("moon"));
  }

  @Test
  void givenHandlerThatThrows_whenCalled_thenError500AndServerKeepsAnswering() throws Exception {
    var controller = bareController();
    var calls = new AtomicInteger();
    var gateway = gateway(controller.localAddress(), new FixedOutcomeHandler(null) {
      @Override
      public CompletionStage<CommandOutcome> subtract(ContextId context, Subtract subtract) {
        if (calls.getAndIncrement() == 0) throw new IllegalStateException("relay bug");
        return CompletableFuture.failedFuture(new IllegalStateException("async relay bug"));
      }
    }, 1);
    var subtract = ActionRequest.of(ContextId.of(1), Subtract.of(TerminationId.of("ip/1/access/1")));
    assertThat(call(controller, gateway, subtract).firstError().map(e -> e.code().code())).contains(500);
    assertThat(call(controller, gateway, subtract).firstError().map(e -> e.code().code())).contains(500);
    assertThat(calls).hasValue(2);
  }

  @Test
  void givenTwoActionsWhereTheFirstFails_whenReceived_thenTransactionStopsAtTheFailure() throws Exception {
    var controller = bareController();
    var handler = new RecordingGatewayHandler();
    var gateway = gateway(controller.localAddress(), handler, 1);
    var bad = ActionRequest.of(ContextId.of(42), Subtract.of(TerminationId.of("ip/1/access/1")));
    var good = ActionRequest.of(ContextId.CHOOSE, Add.of(TerminationId.CHOOSE));
    var reply = call(controller, gateway, bad, good);
    assertThat(reply.actions()).hasSize(1);
    assertThat(reply.actions().getFirst().error().map(ErrorDescriptor::code).map(c -> c.code())).contains(411);
    assertThat(handler.recorded()).hasSize(1);
  }

  @Test
  void givenTwoAddsInOneChooseAction_whenReceived_thenBothLandInTheChosenContext() throws Exception {
    var controller = bareController();
    var handler = new RecordingGatewayHandler();
    var gateway = gateway(controller.localAddress(), handler, 1);
    var action = ActionRequest.of(ContextId.CHOOSE, Add.of(TerminationId.CHOOSE), Add.of(TerminationId.CHOOSE));
    var reply = call(controller, gateway, action);
    assertThat(reply.actions().getFirst().contextId()).isEqualTo(ContextId.of(1));
    assertThat(reply.actions().getFirst().replies()).hasSize(2);
    assertThat(handler.recorded().get(1).context()).isEqualTo(ContextId.of(1));
    assertThat(handler.contexts().get(1L)).hasSize(2);
  }

  @Test
  void givenNotifyToController_whenSent_thenControllerReceivesObservedEvents() throws Exception {
    var controller = bareController();
    var gateway = gateway(controller.localAddress(), new RecordingGatewayHandler(), 1);
    gateway.registration().get(5, TimeUnit.SECONDS);
    gateway.notify(ContextId.of(7), TerminationId.of("ip/1/access/3"), ObservedEvents.of(9, ObservedEvent.of("hangterm/thb")))
        .get(5, TimeUnit.SECONDS);
    var notify = (Notify) controllerInbox.getLast().getFirst().commands().getFirst().command();
    assertThat(notify.observedEvents().events().getFirst().name()).isEqualTo("hangterm/thb");
    assertThat(controllerInbox.getLast().getFirst().contextId()).isEqualTo(ContextId.of(7));
  }
}
