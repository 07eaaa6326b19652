package ims.iq.controller;

import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.gateway.GatewayConfig;
import ims.iq.gateway.IqGatewayHandler;
import ims.iq.gateway.IqGatewayServer;
import ims.iq.message.MId;
import ims.iq.message.ServiceChangeProfile;
import ims.iq.transport.AllowedPeer;
import ims.iq.transport.IqErrorReplyException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Our controller and our gateway server linked over real UDP on 127.0.0.1 ephemeral ports, text codec, callbacks
 * on the transport's thread. {@link #start} returns once the gateway's ServiceChange Restart was answered with
 * version 3; {@link #close} closes the gateway, then the controller (each may already be closed). The handler
 * belongs to the caller.
 */
record IqLink(IqController controller, IqGatewayServer gateway) implements AutoCloseable {
  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  /** A link-check interval no test lasts, so every request on the link is one the test made. */
  static final Duration NO_LINK_CHECKS = Duration.ofHours(1);

  static IqLink start(Duration heartbeat, IqControllerListener listener, IqGatewayHandler handler) throws Exception {
    var controller = IqController.start(controllerConfig(heartbeat), listener, MessageCodec.TEXT, Runnable::run);
    IqGatewayServer gateway = null;
    try {
      gateway = IqGatewayServer.start(gatewayConfig(controller.localAddress()), handler, MessageCodec.TEXT,
          Runnable::run);
      assertThat(gateway.registration().get(5, TimeUnit.SECONDS)).isEqualTo(3);
      return new IqLink(controller, gateway);
    } catch (Exception | AssertionError e) {
      if (gateway != null) gateway.close();
      controller.close();
      throw e;
    }
  }

  @Override
  public void close() {
    gateway.close();
    controller.close();
  }

  static UdpTransportConfig loopback() {
    return new UdpTransportConfig(new InetSocketAddress(LOOPBACK, 0),
        LinkSecurity.loopbackOnly(List.of(AllowedPeer.anyPort(LOOPBACK))));
  }

  static TransactionConfig fast() {
    return TransactionConfig.DEFAULT.withTimers(TransactionTimers.fast());
  }

  static ControllerConfig controllerConfig(Duration heartbeat) {
    return new ControllerConfig(loopback(), MId.domain("pcscf1.example.net", 2944), Optional.empty(), fast(),
        heartbeat, 2, 3);
  }

  static GatewayConfig gatewayConfig(InetSocketAddress controller) {
    return new GatewayConfig(loopback(), MId.domain("agw1.example.net", 2944), controller, fast(),
        Optional.of(new ServiceChangeProfile("iqprof", 1)), 3, Duration.ofMillis(50));
  }

  /** The H.248 error code {@code future} fails with (within 5 s); an assertion error if it fails otherwise or not. */
  static int errorCode(CompletableFuture<?> future) {
    try {
      future.get(5, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(IqErrorReplyException.class);
      return ((IqErrorReplyException) e.getCause()).code();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("no error");
  }
}
