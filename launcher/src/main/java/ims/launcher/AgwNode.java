package ims.launcher;

import ims.iq.gateway.IqGatewayServer;
import ims.launcher.config.IqSettings;
import ims.media.relay.ControllerWatchdog;
import ims.media.relay.MediaEventConfig;
import ims.media.relay.MediaRelay;
import ims.media.relay.RelayConfig;
import ims.media.relay.RelayGatewayHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IMS-AGW: the media relay, its Iq handler (observed for metrics and the operator's view) and the Iq gateway
 * server. The server registers with the controller (ServiceChange Restart); when a registration round fails (the
 * controller is not up yet) it is closed and a new one started after the retry delay, until it succeeds or the
 * node closes. A watchdog releases every context when the controller falls silent for the grace time.
 */
final class AgwNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AgwNode.class);

  private final IqSettings iq;
  private final InetSocketAddress controller;
  private final MediaRelay relay;
  private final RelayGatewayHandler handler;
  private final ObservedGateway observed;
  private final ScheduledExecutorService retries;
  private final ControllerWatchdog watchdog;
  private final Optional<AutoCloseable> events;
  private volatile IqGatewayServer server;
  private volatile boolean registered;
  private volatile boolean closed;
  private final Duration grace;
  private long lastReceived = -1;
  private long lastActivityNanos = System.nanoTime();

  private AgwNode(RelayConfig relayConfig, IqSettings iq, InetSocketAddress controller,
      Optional<MediaEventConfig> events, MeterRegistry registry) throws StartException {
    this.iq = iq;
    this.controller = controller;
    this.grace = relayConfig.controllerGraceTime();
    this.relay = MediaRelay.start(relayConfig);
    this.handler = new RelayGatewayHandler(relay);
    this.observed = new ObservedGateway(handler, registry);
    this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "agw-iq-registration");
      t.setDaemon(true);
      return t;
    });
    try {
      this.server = startServer();
    } catch (RuntimeException e) {
      retries.shutdownNow();
      relay.close();
      throw StartException.of("Iq gateway " + iq.gateway().bind(), e);
    }
    // The sink reads the current server: a registration retry replaces it.
    this.events = events.map(e -> handler.reportEvents((context, termination, observed) ->
        server.notify(context, termination, observed), e));
    this.watchdog = handler.watchController(() -> server.transportStats().received(), n -> {
      log.warn("Iq controller silent for {}: released {} gateway contexts", relayConfig.controllerGraceTime(), n);
    });
  }

  /** Starts the relay and the gateway server, registering with {@code controller}. */
  static AgwNode start(RelayConfig relayConfig, IqSettings iq, InetSocketAddress controller,
      Optional<MediaEventConfig> events, MeterRegistry registry) throws StartException {
    return new AgwNode(relayConfig, iq, controller, events, registry);
  }

  private IqGatewayServer startServer() {
    IqGatewayServer s = IqGatewayServer.start(iq.gatewayConfig(controller), observed);
    s.registration().whenComplete((version, failure) -> {
      if (failure == null) {
        registered = true;
        log.info("Iq: registered with the controller {} (H.248 version {})", controller, version);
      } else if (!closed) {
        log.warn("Iq: the controller {} did not answer ServiceChange Restart ({}); retrying in {}", controller,
            failure.getClass().getSimpleName(), iq.gateway().restartRetryDelay());
        retries.schedule(this::restartServer, iq.gateway().restartRetryDelay().toMillis(), TimeUnit.MILLISECONDS);
      }
    });
    return s;
  }

  private void restartServer() {
    if (closed) {
      return;
    }
    IqGatewayServer old = server;
    old.close();
    try {
      server = startServer();
    } catch (RuntimeException e) {
      log.warn("Iq: the gateway server did not restart ({}); retrying", e.toString());
      retries.schedule(this::restartServer, iq.gateway().restartRetryDelay().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** True once the controller accepted our ServiceChange Restart. */
  boolean registered() {
    return registered;
  }

  /**
   * Registered, and the controller was heard within the grace time (its link checks keep the Iq datagram count
   * moving); false once it has been silent that long, as the watchdog then releases every context.
   */
  synchronized boolean controllerAlive() {
    long now = System.nanoTime();
    long received = server.transportStats().received();
    if (received != lastReceived) {
      lastReceived = received;
      lastActivityNanos = now;
    }
    return registered && now - lastActivityNanos < grace.toNanos();
  }

  InetSocketAddress iqAddress() {
    return server.localAddress();
  }

  IqGatewayServer server() {
    return server;
  }

  MediaRelay relay() {
    return relay;
  }

  RelayGatewayHandler handler() {
    return handler;
  }

  ObservedGateway observed() {
    return observed;
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      log.warn("Media events did not stop cleanly: {}", e.toString());
    }
  }

  /** Releases every context still held (keys wiped, ports returned), stops Iq and the media loops. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    retries.shutdownNow();
    watchdog.close();
    events.ifPresent(AgwNode::closeQuietly);
    server.close();
    int released;
    try {
      released = handler.releaseAll().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      released = -1;
    }
    log.info("IMS-AGW stopped: {} gateway contexts released at shutdown", Math.max(released, 0));
    relay.close();
  }

}
