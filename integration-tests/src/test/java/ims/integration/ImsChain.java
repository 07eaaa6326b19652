package ims.integration;

import ims.iq.controller.ControllerConfig;
import ims.iq.controller.IqController;
import ims.iq.gateway.GatewayConfig;
import ims.iq.gateway.IqGatewayServer;
import ims.iq.message.MId;
import ims.iq.message.ServiceChangeProfile;
import ims.iq.transport.AllowedPeer;
import ims.iq.transport.LinkSecurity;
import ims.iq.transport.MessageCodec;
import ims.iq.transport.TransactionConfig;
import ims.iq.transport.UdpTransportConfig;
import ims.media.relay.MediaRelay;
import ims.media.relay.PortRange;
import ims.media.relay.Realm;
import ims.media.relay.RelayConfig;
import ims.media.relay.RelayGatewayHandler;
import ims.pcscf.policy.PcscfPolicy;
import ims.pcscf.registration.RegistrationStore;
import ims.pcscf.registration.Transport;
import ims.pcscf.sip.Endpoint;
import ims.pcscf.sip.NextHop;
import ims.pcscf.sip.PcscfProxy;
import ims.pcscf.sip.ProxyConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The whole chain of a test, every part real and on 127.0.0.1 with ports chosen at run time:
 * UEs -> P-CSCF ({@link PcscfProxy}) -> {@link UdpTap} -> Kamailio (registrar, S-CSCF-like router), and the
 * IMS-AGW: {@link MediaRelay} + {@link RelayGatewayHandler} (seen through {@link GatewayView}) behind an
 * {@link IqGatewayServer}, driven over Iq (H.248 text over UDP, through a second {@link UdpTap}) by the
 * P-CSCF's {@link IqController}.
 * {@link #close()} stops everything, Kamailio included, also after a failed start.
 */
final class ImsChain implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(10);
  /** Port pairs (RTP + RTCP) per realm of the relay, unless a test asks for more. */
  static final int PAIRS = 4;
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final List<AutoCloseable> started = new ArrayList<>();
  final Kamailio kamailio;
  final UdpTap tap;
  final MediaRelay relay;
  final RelayGatewayHandler relayHandler;
  final GatewayView gatewayView;
  final IqController controller;
  /** Iq on the wire: the gateway's controller address is this tap in front of the controller. */
  final UdpTap iqTap;
  final IqGatewayServer gateway;
  final Endpoint access;
  final Endpoint core;
  final PcscfProxy pcscf;

  /** A chain whose relay has {@code pairs} port pairs per realm (one pair per e2ae call and realm). */
  ImsChain(Path dir, int pairs) throws Exception {
    boolean ok = false;
    try {
      kamailio = started(Kamailio.start(dir));
      tap = started(new UdpTap(kamailio.port()));

      int base = FreePorts.udpRange(4 * pairs);
      relay = started(MediaRelay.start(new RelayConfig(List.of(
          new Realm(Realm.ACCESS, LOOPBACK, new PortRange(base, base + 2 * pairs - 1)),
          new Realm(Realm.CORE, LOOPBACK, new PortRange(base + 2 * pairs, base + 4 * pairs - 1))),
          2, 2, 2048, true, 8, Duration.ofSeconds(30))));
      relayHandler = started(new RelayGatewayHandler(relay));
      gatewayView = new GatewayView(relayHandler);

      var udp = new UdpTransportConfig(new InetSocketAddress(LOOPBACK, 0),
          LinkSecurity.loopbackOnly(List.of(AllowedPeer.anyPort(LOOPBACK))));
      // the product's Iq timers (H.248.1 Annex D.1 values), not the scaled-down test ones: a loaded machine must
      // not turn a slow Iq reply into a 503 for the UE
      var transactions = TransactionConfig.DEFAULT;
      controller = started(IqController.start(new ControllerConfig(udp, MId.domain("pcscf.ims.test", 2944),
          Optional.empty(), transactions, Duration.ofSeconds(10), 2, 3), event -> { }, MessageCodec.TEXT,
          ForkJoinPool.commonPool()));
      iqTap = started(new UdpTap(controller.localAddress().getPort()));
      gateway = started(IqGatewayServer.start(new GatewayConfig(udp, MId.domain("agw.ims.test", 2944),
          new InetSocketAddress(LOOPBACK, iqTap.port()), transactions,
          Optional.of(new ServiceChangeProfile("iqprof", 1)), 3,
          Duration.ofMillis(50)), gatewayView));
      gateway.registration().get(WAIT.toSeconds(), TimeUnit.SECONDS);

      int accessPort = FreePorts.udpAndTcp();
      access = new Endpoint("127.0.0.1", accessPort, accessPort);
      int corePort = FreePorts.udpAndTcp();
      core = new Endpoint("127.0.0.1", corePort, corePort);
      var config = new ProxyConfig("pcscf-it-" + UUID.randomUUID(), access, core,
          new NextHop("127.0.0.1", tap.port(), Transport.UDP), ProxyConfig.DEFAULT_MAX_MESSAGE_SIZE, 100,
          ProxyConfig.DEFAULT_T1);
      Clock clock = Clock.systemUTC();
      pcscf = started(PcscfProxy.start(config, PcscfPolicy.DEFAULT, new RegistrationStore(clock, 100), clock,
          controller));
      ok = true;
    } finally {
      if (!ok) {
        close();
      }
    }
  }

  private <T extends AutoCloseable> T started(T part) {
    started.add(part);
    return part;
  }

  /** Where UEs send their SIP (the P-CSCF's access side, UDP). */
  int accessPort() {
    return access.udpPort();
  }

  /** The P-CSCF's core side (UDP): what its Path header names. */
  int corePort() {
    return core.udpPort();
  }

  /**
   * Waits (bounded) until the gateway holds no context, no termination and no port, and the P-CSCF released
   * every context it reserved; fails with what is left otherwise.
   */
  void assertNothingHeld() {
    awaitCondition(() -> relayHandler.contextCount() == 0 && relay.liveTerminations() == 0
        && relay.pool(Realm.ACCESS).inUse() == 0 && relay.pool(Realm.CORE).inUse() == 0
        && pcscf.counters().gatewayContextsReleased() == pcscf.counters().gatewayContextsReserved(),
        () -> "gateway contexts=" + relayHandler.contextCount() + ", terminations=" + relay.liveTerminations()
            + ", ports access=" + relay.pool(Realm.ACCESS).inUse() + " core=" + relay.pool(Realm.CORE).inUse()
            + ", P-CSCF " + pcscf.counters());
    if (relay.doubleReleases() != 0) {
      throw new AssertionError("the relay saw " + relay.doubleReleases() + " releases of an already released termination");
    }
    assertNoLeakReported();
  }

  /**
   * No Netty buffer leak reported so far in this JVM (leak detection is paranoid in tests: surefire's argLine).
   * Netty reports a leak when the lost buffer is collected, so this catches what was found by now, not every leak.
   */
  static void assertNoLeakReported() {
    var logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.netty.util.ResourceLeakDetector");
    @SuppressWarnings("unchecked")
    var leaks = (ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>) logger.getAppender("LEAKS");
    if (leaks == null) {
      throw new AssertionError("logback-test.xml lost its LEAKS appender");
    }
    if (!leaks.list.isEmpty()) {
      throw new AssertionError("Netty reported leaks: " + leaks.list.stream().map(e -> e.getFormattedMessage()).toList());
    }
  }

  /** What a failed wait for a SIP message should also say: the P-CSCF's counters, the Iq seen, Kamailio's intake. */
  String diagnostics() {
    String kamailioIntake;
    try {
      kamailioIntake = kamailio.received("REGISTER").size() + " REGISTER, " + kamailio.received("INVITE").size()
          + " INVITE";
    } catch (IOException e) {
      kamailioIntake = "log unreadable: " + e;
    }
    return "P-CSCF " + pcscf.counters() + "; gateway saw " + gatewayView.seen() + "; Kamailio received "
        + kamailioIntake;
  }

  /** Runs a step that waits for SIP; if it fails, the failure also carries {@link #diagnostics()}. */
  <T> T explained(SipStep<T> step) throws Exception {
    try {
      return step.run();
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n  chain: " + diagnostics(), e);
    }
  }

  /** A test step that waits for a SIP message. */
  @FunctionalInterface
  interface SipStep<T> {
    T run() throws Exception;
  }

  /** Polls a state the system reaches asynchronously (Iq replies, event loops), failing after {@link #WAIT}. */
  static void awaitCondition(BooleanSupplier condition, Supplier<String> whatIsLeft) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached within " + WAIT + ": " + whatIsLeft.get());
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }

  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        // keep closing the others; the test already reports what failed
      }
    }
    started.clear();
  }
}
