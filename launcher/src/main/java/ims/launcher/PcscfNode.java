package ims.launcher;

import ims.iq.controller.AssociationState;
import ims.iq.controller.IqController;
import ims.launcher.config.IqSettings;
import ims.launcher.config.PcscfSettings;
import ims.pcscf.registration.RegistrationStore;
import ims.pcscf.sip.PcscfProxy;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The P-CSCF: its Iq controller (started first, so that a local gateway can register with it) and the SIP proxy
 * anchoring e2ae calls at the IMS-AGW behind that controller.
 */
final class PcscfNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PcscfNode.class);

  private final PcscfSettings settings;
  private final IqController controller;
  private final GatewayEventLog events;
  private PcscfProxy proxy;

  private PcscfNode(PcscfSettings settings, IqController controller, GatewayEventLog events) {
    this.settings = settings;
    this.controller = controller;
    this.events = events;
  }

  /** Binds the Iq controller; {@code localGateway} (role both) joins its allow-list. */
  static PcscfNode startController(PcscfSettings settings, IqSettings iq, Optional<InetSocketAddress> localGateway,
      MeterRegistry registry) throws StartException {
    try {
      var events = new GatewayEventLog(registry);
      IqController controller = IqController.start(iq.controllerConfig(localGateway), events);
      return new PcscfNode(settings, controller, events);
    } catch (RuntimeException e) {
      throw StartException.of("Iq controller " + iq.controller().bind(), e);
    }
  }

  /** Binds the SIP access and core sides and starts proxying. */
  void startProxy() throws StartException {
    var clock = Clock.systemUTC();
    var store = new RegistrationStore(clock, settings.proxy().maxBindings());
    long start = System.nanoTime();
    try {
      proxy = PcscfProxy.start(settings.proxy(), settings.policy(), store, clock, controller);
      events.forwardTo(proxy::onGatewayEvent); // calls whose contexts the IMS-AGW lost are ended
      log.info("P-CSCF SIP stack started in {} ms", java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(
          System.nanoTime() - start));
    } catch (Exception e) {
      throw StartException.of("P-CSCF SIP listening points (access " + settings.proxy().access() + ", core "
          + settings.proxy().core() + ")", e);
    }
  }

  IqController controller() {
    return controller;
  }

  PcscfProxy proxy() {
    return proxy;
  }

  boolean iqInService() {
    return controller.state() == AssociationState.IN_SERVICE;
  }

  /** Stops the SIP stack, releasing every anchored call (Subtract over Iq); the controller stays up. */
  void closeProxy() {
    if (proxy != null) {
      proxy.close();
    }
  }

  @Override
  public void close() {
    closeProxy();
    controller.close();
  }
}
