package ims.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.controller.GatewayEvent;
import ims.iq.message.ServiceChangeMethod;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The controller listener counts every event and, once the P-CSCF runs, hands each one to it. */
class GatewayEventLogTest {

  private static final GatewayEvent RESTART =
      new GatewayEvent.GatewayInService(ServiceChangeMethod.RESTART, Optional.of("901 Cold Boot"), 2, true);

  @Test
  void forwardsEventsToTheProxyOnceSetAndCountsThemAll() {
    var registry = new SimpleMeterRegistry();
    var log = new GatewayEventLog(registry);
    var received = new ArrayList<GatewayEvent>();
    log.onEvent(RESTART); // before the proxy runs: counted only
    log.forwardTo(received::add);
    log.onEvent(RESTART);
    log.onEvent(new GatewayEvent.LinkUp());

    assertThat(received).containsExactly(RESTART, new GatewayEvent.LinkUp());
    assertThat(registry.get("ims.iq.controller.events").tag("event", "GatewayInService").counter().count()).isEqualTo(2);
  }

  @Test
  void aFailingProxyHandlerDoesNotBreakTheListener() {
    var log = new GatewayEventLog(new SimpleMeterRegistry());
    List<GatewayEvent> after = new ArrayList<>();
    log.forwardTo(event -> {
      after.add(event);
      throw new IllegalStateException("boom");
    });
    log.onEvent(RESTART);
    log.onEvent(RESTART);
    assertThat(after).hasSize(2);
  }
}
