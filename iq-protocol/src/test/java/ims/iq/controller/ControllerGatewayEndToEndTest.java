package ims.iq.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ims.iq.gateway.IqGatewayServer;
import ims.iq.gateway.RecordingGatewayHandler;
import ims.iq.message.Add;
import ims.iq.message.Audit;
import ims.iq.message.ContextId;
import ims.iq.message.Media;
import ims.iq.message.Modify;
import ims.iq.message.ObservedEvent;
import ims.iq.message.ObservedEvents;
import ims.iq.message.PropertyParm;
import ims.iq.message.SdpText;
import ims.iq.message.ServiceChangeMethod;
import ims.iq.message.ServiceChangeParms;
import ims.iq.message.Statistics;
import ims.iq.message.StatisticsParameter;
import ims.iq.message.StreamMode;
import ims.iq.message.StreamParms;
import ims.iq.message.Subtract;
import ims.iq.message.TerminationId;
import ims.iq.message.AuditValue;
import ims.iq.transport.Await;
import ims.iq.transport.MessageCodec;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ControllerGatewayEndToEndTest {
  static final Duration WAIT = Duration.ofSeconds(5);
  static final String ACCESS_LOCAL_TEMPLATE = """
      v=0\r
      o=- 1 1 IN IP4 $\r
      s=-\r
      c=IN IP4 $\r
      t=0 0\r
      m=audio $ RTP/SAVP 96\r
      a=rtpmap:96 AMR-WB/16000\r
      a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj|2^31\r
      """;
  static final String UE_REMOTE = """
      v=0\r
      o=- 1 1 IN IP4 198.51.100.7\r
      s=-\r
      c=IN IP4 198.51.100.7\r
      t=0 0\r
      m=audio 49170 RTP/SAVP 96\r
      a=rtpmap:96 AMR-WB/16000\r
      a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^31\r
      """;
  static final String CORE_LOCAL_TEMPLATE = "v=0\r\nc=IN IP4 $\r\nm=audio $ RTP/AVP 96\r\n";
  static final String CORE_REMOTE = "v=0\r\nc=IN IP4 203.0.113.9\r\nm=audio 30000 RTP/AVP 96\r\n";

  final LinkedBlockingQueue<GatewayEvent> events = new LinkedBlockingQueue<>();
  final RecordingGatewayHandler handler = new RecordingGatewayHandler();
  IqLink link;
  IqController controller;
  IqGatewayServer gateway;

  @BeforeEach
  void startBothSides() throws Exception {
    link = IqLink.start(Duration.ofMillis(100), events::add, handler);
    controller = link.controller();
    gateway = link.gateway();
  }

  @AfterEach
  void stop() {
    if (link != null) link.close();
    handler.close();
  }

  @Test
  void givenGatewayStarts_whenItSendsServiceChangeRestart_thenControllerSeesItAndIsInService() throws Exception {
    var event = next(GatewayEvent.GatewayInService.class);
    assertThat(event.method()).isEqualTo(ServiceChangeMethod.RESTART);
    assertThat(event.reason()).contains("901 Cold Boot");
    assertThat(event.version()).isEqualTo(3);
    assertThat(event.contextsLost()).isTrue();
    assertThat(controller.state()).isEqualTo(AssociationState.IN_SERVICE);
    assertThat(controller.gateway()).contains(gateway.localAddress());
    assertThat(controller.negotiatedVersion()).isEqualTo(3);
  }

  @Test
  void givenAssociation_whenACallIsReservedConfiguredModifiedAuditedAndReleased_thenGatewaySawEachCommand()
      throws Exception {
    // Reserve AGW Connection Point (access, e2ae): Add $ to context $ with the Local template.
    var access = controller.reserveConnectionPoint(ConnectionPointRequest.reserve(ContextId.CHOOSE, "access",
        SdpText.of(ACCESS_LOCAL_TEMPLATE)).withTerminationHeartbeat(60)).get(5, TimeUnit.SECONDS);
    assertThat(access.context()).isEqualTo(ContextId.of(1));
    assertThat(access.termination()).isEqualTo(TerminationId.of("ip/1/access/1"));
    String local = access.local().orElseThrow().text();
    assertThat(local).contains("c=IN IP4 127.0.0.1\r\n").contains("m=audio 20000 RTP/SAVP 96\r\n")
        .contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj|2^31");

    // Reserve and Configure AGW Connection Point (core) into the same context.
    var core = controller.reserveAndConfigureConnectionPoint(ConnectionPointRequest.reserveAndConfigure(
        access.context(), "core", SdpText.of(CORE_LOCAL_TEMPLATE), SdpText.of(CORE_REMOTE))).get(5, TimeUnit.SECONDS);
    assertThat(core.context()).isEqualTo(access.context());
    assertThat(core.termination()).isEqualTo(TerminationId.of("ip/1/core/2"));

    // Configure AGW Connection Point: the UE's answer (with its key) becomes the access Remote.
    controller.configureConnectionPoint(ConfigureRequest.remote(access.context(), access.termination(),
        SdpText.of(UE_REMOTE))).get(5, TimeUnit.SECONDS);
    // Change Through-Connection.
    controller.changeThroughConnection(access.context(), access.termination(), StreamMode.INACTIVE)
        .get(5, TimeUnit.SECONDS);
    // Audit.
    var audited = controller.audit(access.context(), access.termination(), Audit.EMPTY).get(5, TimeUnit.SECONDS);
    assertThat(audited.terminationId()).isEqualTo(access.termination());

    // Release AGW Termination returns the statistics the gateway holds.
    handler.setStatistics(access.termination(), Statistics.of(StatisticsParameter.of("nt/os", 62_345),
        StatisticsParameter.of("nt/or", 45_123), StatisticsParameter.of("rtp/ps", 1_245)));
    var released = controller.releaseTermination(access.context(), access.termination()).get(5, TimeUnit.SECONDS);
    assertThat(released.statistics().orElseThrow().counter("nt/os")).hasValue(62_345);
    assertThat(released.statistics().orElseThrow().counter("rtp/ps")).hasValue(1_245);
    controller.releaseTermination(core.context(), core.termination()).get(5, TimeUnit.SECONDS);
    assertThat(handler.contexts()).isEmpty();

    var commands = handler.recorded().stream()
        .filter(r -> !(r.command() instanceof AuditValue av && av.terminationId().isRoot())).toList();
    assertThat(commands).extracting(r -> r.command().getClass().getSimpleName())
        .containsExactly("Add", "Add", "Modify", "Modify", "AuditValue", "Subtract", "Subtract");
    assertThat(commands.get(0).context()).isEqualTo(ContextId.CHOOSE);
    assertThat(commands.get(1).context()).isEqualTo(ContextId.of(1));
    var firstAdd = (Add) commands.get(0).command();
    assertThat(firstAdd.terminationId()).isEqualTo(TerminationId.CHOOSE);
    assertThat(firstAdd.media().orElseThrow().terminationState().orElseThrow().property("ipdc/realm")
        .flatMap(PropertyParm::single).orElseThrow().text()).isEqualTo("access");
    assertThat(firstAdd.events().orElseThrow().events().getFirst().name()).isEqualTo("hangterm/thb");
    var configure = (Modify) commands.get(2).command();
    assertThat(configure.media().flatMap(m -> m.stream(1)).flatMap(StreamParms::remote).orElseThrow().text())
        .isEqualTo(UE_REMOTE);
    var through = (Modify) commands.get(3).command();
    assertThat(through.media().flatMap(m -> m.stream(1)).flatMap(StreamParms::localControl).orElseThrow().mode())
        .contains(StreamMode.INACTIVE);
    assertThat(((Subtract) commands.get(5).command()).audit()).isEmpty();
  }

  @Test
  void givenUnknownContext_whenConfigured_thenFutureFailsWithError411() {
    var future = controller.changeThroughConnection((ContextId.Numbered) ContextId.of(99),
        TerminationId.of("ip/1/access/1"), StreamMode.SEND_RECEIVE);
    assertThat(IqLink.errorCode(future)).isEqualTo(411);
  }

  @Test
  void givenUnknownTermination_whenReleased_thenFutureFailsWithError430() throws Exception {
    var cp = controller.reserveConnectionPoint(ConnectionPointRequest.reserve(ContextId.CHOOSE, "access",
        SdpText.of(CORE_LOCAL_TEMPLATE))).get(5, TimeUnit.SECONDS);
    assertThat(IqLink.errorCode(controller.releaseTermination(cp.context(), TerminationId.of("ip/1/access/77")))).isEqualTo(430);
  }

  @Test
  void givenGatewayEvents_whenNotified_thenListenerGetsTypedEvents() throws Exception {
    next(GatewayEvent.GatewayInService.class);
    var ctx = ContextId.of(4711);
    var term = TerminationId.of("ip/1/access/17");
    gateway.notify(ctx, term, ObservedEvents.of(1, ObservedEvent.of("hangterm/thb"))).get(5, TimeUnit.SECONDS);
    assertThat(next(GatewayEvent.TerminationHeartbeat.class)).isEqualTo(new GatewayEvent.TerminationHeartbeat(ctx, term));
    gateway.notify(ctx, term, ObservedEvents.of(2, ObservedEvent.of("g/cause", PropertyParm.of("Generalcause", "NR"))))
        .get(5, TimeUnit.SECONDS);
    assertThat(next(GatewayEvent.BearerReleased.class).cause()).contains("NR");
    gateway.notify(ctx, term, ObservedEvents.of(3, ObservedEvent.of("srtps/kl"))).get(5, TimeUnit.SECONDS);
    assertThat(next(GatewayEvent.SrtpKeyLifetime.class).termination()).isEqualTo(term);
  }

  @Test
  void givenForcedServiceChange_whenGatewayGoesOutOfService_thenContextsLostAndNewReservationsRefused()
      throws Exception {
    next(GatewayEvent.GatewayInService.class);
    gateway.serviceChange(TerminationId.ROOT, ServiceChangeParms.of(ServiceChangeMethod.FORCED, "905 Termination taken out of service"))
        .get(5, TimeUnit.SECONDS);
    var out = next(GatewayEvent.GatewayOutOfService.class);
    assertThat(out.contextsLost()).isTrue();
    assertThat(controller.state()).isEqualTo(AssociationState.OUT_OF_SERVICE);
    var refused = controller.reserveConnectionPoint(ConnectionPointRequest.reserve(ContextId.CHOOSE, "access",
        SdpText.of(CORE_LOCAL_TEMPLATE)));
    assertThatThrownBy(() -> refused.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IqNotAssociatedException.class);
  }

  @Test
  void givenGracefulServiceChangeOnATermination_whenReceived_thenListenerToldAndAssociationUnchanged() throws Exception {
    next(GatewayEvent.GatewayInService.class);
    gateway.serviceChange(TerminationId.of("ip/1/access/3"),
        ServiceChangeParms.of(ServiceChangeMethod.GRACEFUL, "905 Termination taken out of service")).get(5, TimeUnit.SECONDS);
    var change = next(GatewayEvent.TerminationServiceChange.class);
    assertThat(change.termination()).isEqualTo(TerminationId.of("ip/1/access/3"));
    assertThat(controller.state()).isEqualTo(AssociationState.IN_SERVICE);
  }

  @Test
  void givenHeartbeat_whenGatewayAnswers_thenLinkChecksSucceedAndWhenItStops_thenLinkDownIsReported() {
    Await.until("several link checks answered", WAIT, () -> controller.transactionStats().repliesReceived() >= 3);
    assertThat(controller.state()).isEqualTo(AssociationState.IN_SERVICE);
    assertThat(events).noneMatch(e -> e instanceof GatewayEvent.LinkDown);
    gateway.close();
    var down = Await.value("link down", Duration.ofSeconds(10), () -> events.stream()
        .filter(GatewayEvent.LinkDown.class::isInstance).findFirst(), Optional::isPresent);
    assertThat(((GatewayEvent.LinkDown) down.get()).consecutiveFailures()).isEqualTo(2);
    assertThat(controller.state()).isEqualTo(AssociationState.LINK_DOWN);
  }

  @Test
  void givenNoGatewayYet_whenAProcedureIsCalled_thenItFailsAtOnceWithNotAssociated() throws Exception {
    try (var lonely = IqController.start(IqLink.controllerConfig(Duration.ofSeconds(10)), e -> {}, MessageCodec.TEXT,
        Runnable::run)) {
      var future = lonely.reserveConnectionPoint(ConnectionPointRequest.reserve(ContextId.CHOOSE, "access",
          SdpText.of(CORE_LOCAL_TEMPLATE)));
      assertThatThrownBy(() -> future.get(1, TimeUnit.SECONDS)).hasCauseInstanceOf(IqNotAssociatedException.class);
      assertThat(lonely.state()).isEqualTo(AssociationState.AWAITING_GATEWAY);
    }
  }

  private <E extends GatewayEvent> E next(Class<E> type) throws InterruptedException {
    return GatewayEvents.next(events, type, WAIT);
  }
}
