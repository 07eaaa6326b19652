package ims.launcher;

import ims.iq.controller.GatewayEvent;
import ims.iq.controller.IqControllerListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The P-CSCF's Iq controller listener: logs what the operator must know (link down and up, the gateway in or out
 * of service) and counts every event by kind ({@code ims_iq_controller_events_total{event}}). Runs on the
 * controller's event executor, one event at a time; never blocks.
 */
final class GatewayEventLog implements IqControllerListener {
  private static final Logger log = LoggerFactory.getLogger(GatewayEventLog.class);

  private final MeterRegistry registry;

  GatewayEventLog(MeterRegistry registry) {
    this.registry = registry;
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
  }
}
