package ims.media.relay;

import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.controller.ControllerConfig;
import ims.iq.controller.GatewayEvent;
import ims.iq.controller.IqController;
import ims.iq.gateway.GatewayConfig;
import ims.iq.gateway.IqGatewayServer;
import ims.iq.message.MId;
import ims.iq.message.ServiceChangeProfile;
import ims.iq.transport.AllowedPeer;
import ims.iq.transport.LinkSecurity;
import ims.iq.transport.MessageCodec;
import ims.iq.transport.TransactionConfig;
import ims.iq.transport.TransactionTimers;
import ims.iq.transport.UdpTransportConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The project's Iq controller (the P-CSCF side) and an {@link IqGatewayServer} over the relay's handler, both on
 * 127.0.0.1 with H.248 text over UDP; the controller's events are queued for the test.
 */
final class IqHarness implements AutoCloseable {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  final LinkedBlockingQueue<GatewayEvent> events = new LinkedBlockingQueue<>();
  final MediaRelay relay;
  final RelayGatewayHandler handler;
  final IqController controller;
  final IqGatewayServer gateway;

  IqHarness(RelayConfig config) throws Exception {
    this(config, relay -> new RelayGatewayHandler(relay));
  }

  IqHarness(RelayConfig config, java.util.function.Function<MediaRelay, RelayGatewayHandler> handlerOf)
      throws Exception {
    relay = MediaRelay.start(config);
    handler = handlerOf.apply(relay);
    controller = IqController.start(new ControllerConfig(loopback(), MId.domain("pcscf1.example.net", 2944),
        Optional.empty(), fast(), Duration.ofSeconds(5), 3, 3), events::add, MessageCodec.TEXT, Runnable::run);
    gateway = IqGatewayServer.start(new GatewayConfig(loopback(), MId.domain("agw1.example.net", 2944),
        controller.localAddress(), fast(), Optional.of(new ServiceChangeProfile("iqprof", 1)), 3,
        Duration.ofMillis(50)), handler, MessageCodec.TEXT, Runnable::run);
    assertThat(gateway.registration().get(5, TimeUnit.SECONDS)).isEqualTo(3);
  }

  private static UdpTransportConfig loopback() {
    return new UdpTransportConfig(new InetSocketAddress(LOOPBACK, 0),
        LinkSecurity.loopbackOnly(List.of(AllowedPeer.anyPort(LOOPBACK))));
  }

  private static TransactionConfig fast() {
    return TransactionConfig.DEFAULT.withTimers(TransactionTimers.fast());
  }

  /** The next event of {@code type} (others are skipped); fails after a few seconds. */
  <E extends GatewayEvent> E next(Class<E> type) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RelayFixture.TIMEOUT_S);
    while (true) {
      GatewayEvent e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError("no " + type.getSimpleName() + " from the gateway");
      }
      if (type.isInstance(e)) {
        return type.cast(e);
      }
    }
  }

  @Override
  public void close() {
    gateway.close();
    controller.close();
    handler.close();
    relay.close();
  }
}
