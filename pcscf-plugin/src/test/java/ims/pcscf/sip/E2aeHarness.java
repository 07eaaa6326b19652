package ims.pcscf.sip;

import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.controller.ControllerConfig;
import ims.iq.controller.IqController;
import ims.iq.gateway.GatewayConfig;
import ims.iq.gateway.IqGatewayServer;
import ims.iq.gateway.RecordingGatewayHandler;
import ims.iq.message.AmmCommand;
import ims.iq.message.MId;
import ims.iq.message.SdpText;
import ims.iq.message.ServiceChangeProfile;
import ims.iq.message.StreamParms;
import ims.iq.message.Subtract;
import ims.iq.transport.AllowedPeer;
import ims.iq.transport.LinkSecurity;
import ims.iq.transport.MessageCodec;
import ims.iq.transport.TransactionConfig;
import ims.iq.transport.TransactionTimers;
import ims.iq.transport.UdpTransportConfig;
import ims.pcscf.policy.PcscfPolicy;
import ims.pcscf.registration.RegistrationStore;
import ims.pcscf.registration.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A proxy with an IMS-AGW behind Iq: raw UE and core sockets, an {@link IqController} and an
 * {@link IqGatewayServer} with a {@link RecordingGatewayHandler} (allocates 127.0.0.1 and even ports
 * from 20000), all on 127.0.0.1 with ephemeral ports. With {@code withGateway == false} the
 * controller has no gateway at all (every Iq request fails).
 */
final class E2aeHarness implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(5);
  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  final RawSipPeer ue = new RawSipPeer();
  final RawSipPeer core = new RawSipPeer();
  final RecordingGatewayHandler handler = new RecordingGatewayHandler();
  final IqController controller;
  final IqGatewayServer gateway;
  final PcscfProxy proxy;
  /** The controller's events go to the proxy once it runs. */
  private final java.util.concurrent.atomic.AtomicReference<PcscfProxy> proxyForEvents =
      new java.util.concurrent.atomic.AtomicReference<>();
  final Endpoint access;
  final Endpoint coreSide;

  E2aeHarness(boolean withGateway) throws Exception {
    this(withGateway, recording -> recording, ProxyConfig.DEFAULT_T1);
  }

  /** {@code wrap} puts a test handler in front of the recording one; {@code coreT1} is T1 toward the core. */
  E2aeHarness(boolean withGateway, java.util.function.Function<RecordingGatewayHandler, ims.iq.gateway.IqGatewayHandler> wrap,
      Duration coreT1) throws Exception {
    this(withGateway, wrap, coreT1, PcscfPolicy.DEFAULT);
  }

  /** As above, with the proxy's policy. */
  E2aeHarness(boolean withGateway, java.util.function.Function<RecordingGatewayHandler, ims.iq.gateway.IqGatewayHandler> wrap,
      Duration coreT1, PcscfPolicy policy) throws Exception {
    this(withGateway, wrap, coreT1, policy, config -> config);
  }

  /** As above, with the proxy's configuration adjusted by {@code configure} (e.g. a short timer C). */
  E2aeHarness(boolean withGateway, java.util.function.Function<RecordingGatewayHandler, ims.iq.gateway.IqGatewayHandler> wrap,
      Duration coreT1, PcscfPolicy policy, java.util.function.UnaryOperator<ProxyConfig> configure) throws Exception {
    controller = iqController(event -> {
      PcscfProxy started = proxyForEvents.get();
      if (started != null) {
        started.onGatewayEvent(event); // as the launcher's controller listener does
      }
    });
    gateway = withGateway ? iqGateway(controller, wrap.apply(handler)) : null;
    access = FreePorts.loopbackEndpoint();
    coreSide = FreePorts.loopbackEndpoint();
    var config = new ProxyConfig("pcscf-e2ae-" + UUID.randomUUID(), access, coreSide,
        new NextHop("127.0.0.1", core.port(), Transport.UDP), ProxyConfig.DEFAULT_MAX_MESSAGE_SIZE, 100, coreT1);
    var clock = Clock.systemUTC();
    proxy = PcscfProxy.start(configure.apply(config), policy, new RegistrationStore(clock, 100), clock, controller);
    proxyForEvents.set(proxy);
  }

  private static final UdpTransportConfig IQ_UDP = new UdpTransportConfig(new InetSocketAddress(LOOPBACK, 0),
      LinkSecurity.loopbackOnly(List.of(AllowedPeer.anyPort(LOOPBACK))));
  private static final TransactionConfig IQ_TRANSACTIONS = TransactionConfig.DEFAULT.withTimers(TransactionTimers.fast());

  /** An Iq controller (the P-CSCF side) on 127.0.0.1, fast Iq timers, waiting for a gateway. */
  static IqController iqController() {
    return iqController(event -> { });
  }

  /** As {@link #iqController()}, its gateway events to {@code listener}. */
  static IqController iqController(ims.iq.controller.IqControllerListener listener) {
    return IqController.start(new ControllerConfig(IQ_UDP, MId.domain("pcscf.test", 2944), Optional.empty(),
        IQ_TRANSACTIONS, Duration.ofSeconds(10), 2, 3), listener, MessageCodec.TEXT, ForkJoinPool.commonPool());
  }

  /** An Iq gateway server running {@code handler}, registered with {@code controller} (bounded wait). */
  static IqGatewayServer iqGateway(IqController controller, ims.iq.gateway.IqGatewayHandler handler) throws Exception {
    var gateway = IqGatewayServer.start(new GatewayConfig(IQ_UDP, MId.domain("agw.test", 2944),
        controller.localAddress(), IQ_TRANSACTIONS, Optional.of(new ServiceChangeProfile("iqprof", 1)), 3,
        Duration.ofMillis(50)), handler);
    gateway.registration().get(5, TimeUnit.SECONDS);
    return gateway;
  }

  /** Registers {@code user} from the UE socket, with or without {@code Security-Client: sdes-srtp;mediasec}. */
  void register(String user, boolean mediasec) throws Exception {
    register(ue, user, mediasec);
  }

  /** Registers {@code user} from another UE socket. */
  void register(RawSipPeer ue, String user, boolean mediasec) throws Exception {
    String callId = "reg-" + user + "@test";
    String[] security = mediasec ? new String[] {"Security-Client: sdes-srtp;mediasec"} : new String[0];
    ue.send(SipRequests.register(ue.port(), user, callId, security), access.udpPort());
    String forwarded = core.receiveFor(callId, WAIT);
    core.send(RawSip.response(forwarded, "200 OK", "Contact: <sip:" + user + "@127.0.0.1:" + ue.port() + ">;expires=600",
        "Service-Route: <sip:orig@127.0.0.1:" + core.port() + ";lr>"), RawSip.topViaPort(forwarded));
    String ok = ue.receiveFor(callId, WAIT);
    assertThat(RawSip.firstLine(ok)).isEqualTo("SIP/2.0 200 OK");
    assertThat(RawSip.values(ok, "Security-Server")).hasSize(mediasec ? 1 : 0);
  }

  /**
   * alice (registered) calls bob with {@code offer}; the core answers 200 OK with {@link E2aeFixtures#FAR_END_RTP}.
   * Returns the 200 OK the UE got.
   */
  String ueCallAnswered(String callId, String offer) throws Exception {
    ue.send(CallMessages.invite("sip:bob@ims.example.net", "alice", ue.port(), callId, offer), access.udpPort());
    String atCore = core.receiveFor(callId, WAIT);
    core.send(CallMessages.response(atCore, "200 OK", "bob", core.port(), E2aeFixtures.FAR_END_RTP),
        RawSip.topViaPort(atCore));
    String ok = ue.receiveFor(callId, WAIT);
    assertThat(RawSip.firstLine(ok)).isEqualTo("SIP/2.0 200 OK");
    return ok;
  }

  /**
   * The UE ends the call it placed and that was answered with {@code ok}: its BYE crosses both proxy sides to the
   * core, the core answers 200 OK, and the UE gets that 200.
   */
  void ueHangsUp(String ok, String callId) throws Exception {
    List<String> routes = List.of("<sip:127.0.0.1:" + access.udpPort() + ";lr>",
        "<sip:127.0.0.1:" + coreSide.udpPort() + ";lr>");
    ue.send(CallMessages.inDialog("BYE", "sip:peer@127.0.0.1:" + core.port(), routes, ue.port(),
        RawSip.values(ok, "From").get(0), RawSip.values(ok, "To").get(0), callId, 2, CallMessages.branch()),
        access.udpPort());
    String bye = core.receiveFor(callId, WAIT);
    assertThat(RawSip.firstLine(bye)).startsWith("BYE ");
    core.send(CallMessages.response(bye, "200 OK", null, 0, null), RawSip.topViaPort(bye));
    assertThat(RawSip.firstLine(ue.receiveFor(callId, WAIT))).isEqualTo("SIP/2.0 200 OK");
  }

  /** Commands of a type the gateway ran, in order. */
  <T> List<T> commands(Class<T> type) {
    return handler.recorded().stream().map(RecordingGatewayHandler.Recorded::command).filter(type::isInstance)
        .map(type::cast).toList();
  }

  static Optional<String> local(AmmCommand command) {
    return command.media().flatMap(m -> m.stream(1)).flatMap(StreamParms::local).map(SdpText::text);
  }

  static Optional<String> remote(AmmCommand command) {
    return command.media().flatMap(m -> m.stream(1)).flatMap(StreamParms::remote).map(SdpText::text);
  }

  /** Waits (bounded) until every gateway context is released; asserts each termination was subtracted once. */
  void assertEverythingReleased() {
    awaitCondition(() -> handler.contexts().isEmpty()
        && proxy.counters().gatewayContextsReleased() == proxy.counters().gatewayContextsReserved());
    var subtracted = commands(Subtract.class).stream().map(Subtract::terminationId).toList();
    assertThat(subtracted).doesNotHaveDuplicates();
  }

  /** Polls a condition the system reaches asynchronously (Iq replies), failing after {@link #WAIT}. */
  static void awaitCondition(BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within " + WAIT);
      }
      Thread.onSpinWait();
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
    }
  }

  @Override
  public void close() {
    proxy.close();
    if (gateway != null) {
      gateway.close();
    }
    controller.close();
    handler.close();
    ue.close();
    core.close();
  }
}
