package ims.launcher;

import ims.launcher.config.LauncherConfig;
import ims.pcscf.sip.PcscfProxy;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running product for one role: starts the parts in dependency order (Iq controller, IMS-AGW registering with
 * it, SIP proxy, HTTP), reports readiness, builds the operator's view and stops in reverse order, releasing every
 * call and gateway context. A part that fails to start stops those already started.
 */
final class Launch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Launch.class);
  /** How long the view waits for the relay's per-loop snapshot. */
  private static final Duration VIEW_WAIT = Duration.ofSeconds(2);
  /** After the last call of a drain ended, time for its last transactions (the BYE's 200) to complete. */
  private static final Duration DRAIN_SETTLE = Duration.ofSeconds(2);
  /** How long shutdown waits for the calls' Iq releases to be answered. */
  private static final Duration RELEASE_WAIT = Duration.ofSeconds(5);

  private final LauncherConfig config;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private PcscfNode pcscf;
  private AgwNode agw;
  private HttpEndpoints http;
  private volatile boolean stopping;
  private boolean closed;

  private Launch(LauncherConfig config) {
    this.config = config;
  }

  static Launch start(LauncherConfig config) throws StartException {
    var launch = new Launch(config);
    boolean started = false;
    try {
      launch.startParts();
      started = true;
      return launch;
    } finally {
      if (!started) {
        launch.close();
      }
    }
  }

  private void startParts() throws StartException {
    var role = config.role();
    if (role.runsPcscf()) {
      Optional<InetSocketAddress> localGateway = role.runsAgw() ? Optional.of(config.iq().gateway().bind())
          : Optional.empty();
      pcscf = PcscfNode.startController(config.pcscf(), config.iq(), localGateway, registry);
      Metrics.bindController(registry, pcscf.controller());
    }
    if (role.runsAgw()) {
      InetSocketAddress controller = role.runsPcscf() ? pcscf.controller().localAddress()
          : config.iq().gateway().controller();
      agw = AgwNode.start(config.agw(), config.iq(), controller, config.events(), registry);
      Metrics.bindGateway(registry, agw);
    }
    if (role.runsPcscf()) {
      pcscf.startProxy();
      Metrics.bindPcscf(registry, pcscf.proxy());
    }
    if (config.http().isPresent()) {
      http = HttpEndpoints.start(config.http().get(), this);
    }
  }

  /**
   * Ready to take calls: not stopping, and the Iq link in service (the P-CSCF's controller associated with its
   * gateway; for role agw, the controller accepted our registration and was heard within the grace time).
   */
  boolean ready() {
    return !stopping && iqUp();
  }

  private boolean iqUp() {
    if (pcscf != null) {
      return pcscf.iqInService();
    }
    return agw != null && agw.controllerAlive();
  }

  /** Waits (bounded) until {@link #ready()}; false when the time ran out. */
  boolean awaitReady(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!ready()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    return true;
  }

  String metrics() {
    return registry.scrape();
  }

  StateView state() {
    Instant now = Instant.now();
    List<StateView.Registration> registrations = pcscf == null ? List.of()
        : pcscf.proxy().liveRegistrations().stream().map(b -> StateView.Registration.of(b, now)).toList();
    List<StateView.Call> calls = pcscf == null ? List.of()
        : pcscf.proxy().activeCalls().stream().map(StateView.Call::of).toList();
    List<StateView.GatewayContext> contexts = List.of();
    if (agw != null) {
      try {
        contexts = agw.handler().contexts().get(VIEW_WAIT.toMillis(), TimeUnit.MILLISECONDS).stream()
            .map(StateView.GatewayContext::of).toList();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        log.warn("Gateway contexts view unavailable: {}", e.toString());
      }
    }
    return new StateView(config.role().configName(), ready(), now.toString(), iqView(), registrations, calls, contexts);
  }

  private StateView.Iq iqView() {
    if (pcscf != null) {
      var c = pcscf.controller();
      return new StateView.Iq(c.state().name().toLowerCase(java.util.Locale.ROOT),
          c.gateway().map(StateView::hostPort).orElse(""));
    }
    return new StateView.Iq(agw.registered() ? "registered" : "awaiting_controller",
        StateView.hostPort(config.iq().gateway().controller()));
  }

  /** What a SIP UA, SIPp and the operator need to know, printed once started. */
  void printAddresses(PrintStream out) {
    out.println("ims-e2ae started, role " + config.role().configName() + ":");
    if (pcscf != null) {
      var p = config.pcscf().proxy();
      out.printf("  P-CSCF access side (UEs, SIPp UAC send here): %s udp:%d tcp:%d%n", p.access().host(),
          p.access().udpPort(), p.access().tcpPort());
      out.printf("  P-CSCF core side (the core sends here):        %s udp:%d tcp:%d%n", p.core().host(),
          p.core().udpPort(), p.core().tcpPort());
      if (p.access().tlsPort().isPresent() && p.core().tlsPort().isPresent()) {
        out.printf("  SIP over TLS:                                  access %s tls:%d, core %s tls:%d%n",
            p.access().host(), p.access().tlsPort().getAsInt(), p.core().host(), p.core().tlsPort().getAsInt());
      }
      out.printf("  core next hop (registrar/S-CSCF, SIPp UAS):    %s:%d/%s%n", p.coreNextHop().host(),
          p.coreNextHop().port(), p.coreNextHop().transport().name().toLowerCase(java.util.Locale.ROOT));
      out.printf("  Iq controller (P-CSCF):                        %s%n",
          StateView.hostPort(pcscf.controller().localAddress()));
    }
    if (agw != null) {
      InetSocketAddress controller = pcscf != null ? pcscf.controller().localAddress()
          : config.iq().gateway().controller();
      out.printf("  Iq gateway (IMS-AGW):                          %s -> controller %s%n",
          StateView.hostPort(agw.iqAddress()), StateView.hostPort(controller));
      for (var realm : config.agw().realms()) {
        out.printf("  media realm %-6s                             %s ports %d-%d%n", realm.name(),
            realm.bindAddress().getHostAddress(), realm.ports().first(), realm.ports().last());
      }
    }
    if (http != null) {
      String base = "http://" + StateView.hostPort(http.address());
      out.printf("  metrics %s/metrics  health %s/health/ready  state %s/state%n", base, base, base);
    }
    out.flush();
  }

  /**
   * Graceful stop: readiness turns false at once and the P-CSCF refuses new calls (503 + Retry-After; in-dialog
   * requests and REGISTER still pass); then up to {@code drain} for active calls to end; then every remaining call
   * is released (Iq Subtract), the gateway releases what is left, and every socket closes.
   */
  void stop(Duration drain) {
    stopping = true;
    if (pcscf != null && pcscf.proxy() != null) {
      pcscf.proxy().stopAcceptingNewCalls(PcscfProxy.DEFAULT_RETRY_AFTER);
    }
    if (pcscf != null && pcscf.proxy() != null && !drain.isZero()) {
      log.info("Shutdown: draining up to {} for {} active calls", drain, pcscf.proxy().activeCalls().size());
      long deadline = System.nanoTime() + drain.toNanos();
      boolean hadCalls = false;
      while (!pcscf.proxy().activeCalls().isEmpty() && System.nanoTime() < deadline) {
        hadCalls = true;
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      }
      if (hadCalls && pcscf.proxy().activeCalls().isEmpty()) {
        // A call leaves the view when its BYE arrives; the BYE's 200 still has to come back through us.
        LockSupport.parkNanos(DRAIN_SETTLE.toNanos());
      }
    }
    close();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopping = true;
    if (pcscf != null) {
      int calls = pcscf.proxy() == null ? 0 : pcscf.proxy().activeCalls().size();
      pcscf.closeProxy();
      log.info("Shutdown: SIP stopped, {} active calls released", calls);
      awaitIqIdle();
    }
    if (agw != null) {
      log.info("Shutdown: gateway contexts created {}, held before the gateway stops {}",
          agw.observed().contextsCreated(), agw.relay().liveContexts());
      agw.close();
    }
    if (pcscf != null) {
      pcscf.close();
    }
    if (http != null) {
      http.close();
    }
    registry.close();
    log.info("Shutdown complete");
  }

  /** Lets the calls' Iq releases be answered before the controller closes (bounded). */
  private void awaitIqIdle() {
    long deadline = System.nanoTime() + RELEASE_WAIT.toNanos();
    while (pcscf.controller().transactionStats().outstandingRequests() > 0
        || (agw != null && agw.handler().contextCount() > 0)) {
      if (System.nanoTime() > deadline) {
        log.warn("Shutdown: Iq releases still outstanding after {}", RELEASE_WAIT);
        return;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }

}
