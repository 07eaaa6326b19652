package ims.launcher;

import ims.iq.controller.GatewayEvent;
import ims.iq.controller.IqControllerListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The P-CSCF's Iq controller listener: logs what the operator must know (link down and up, the gateway in or out
 * of service) and counts every event by kind ({@code ims_iq_controller_events_total{event}}), then hands the event
 * to the P-CSCF once it runs ({@link #forwardTo}: it ends the calls whose gateway contexts are lost). Runs on the
 * controller's event executor, one event at a time; never blocks.
 */
final class GatewayEventLog implements IqControllerListener {
  private static final Logger log = LoggerFactory.getLogger(GatewayEventLog.class);

  private final MeterRegistry registry;
  /** The P-CSCF's handler, set once its proxy started (the controller starts first). */
  private volatile Consumer<GatewayEvent> forward = event -> { };

  GatewayEventLog(MeterRegistry registry) {
    this.registry = registry;
  }

  /** From now on every event also goes to {@code proxy} (e.g. {@code PcscfProxy::onGatewayEvent}). */
  void forwardTo(Consumer<GatewayEvent> proxy) {
    this.forward = proxy;
  }

  @Override
  public void onEvent(GatewayEvent event) {
    String name = event.getClass().getSimpleName();
    Counter.builder("ims.iq.controller.events").description("Gateway events the Iq controller reported")
        .tag("event", name).register(registry).increment();
    switch (event) {
      case GatewayEvent.LinkDown down ->
          log.warn("Iq: link to the gateway down after {} failed link checks", down.consecutiveFailures());
      case GatewayEvent.LinkUp up -> log.info("Iq: link to the gateway up again");
      case GatewayEvent.GatewayInService s ->
          log.info("Iq: gateway in service ({}, contexts lost: {})", s.method(), s.contextsLost());
      case GatewayEvent.GatewayOutOfService s ->
          log.warn("Iq: gateway out of service ({}, contexts lost: {})", s.method(), s.contextsLost());
      case GatewayEvent.ContextsAudited a -> log.info("Iq: audit after {}: {} contexts audited, {} missing", a.method(),
          a.auditedContexts(), a.missingContexts().size());
      default -> log.debug("Iq: gateway event {}", name);
    }
    try {
      forward.accept(event);
    } catch (RuntimeException e) {
      log.error("The P-CSCF failed on gateway event {}: {}", name, e.toString());
    }
  }
}
