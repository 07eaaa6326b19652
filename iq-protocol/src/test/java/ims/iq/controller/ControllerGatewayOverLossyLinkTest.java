package ims.iq.controller;

import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.gateway.IqGatewayServer;
import ims.iq.gateway.RecordingGatewayHandler;
import ims.iq.message.Add;
import ims.iq.message.ContextId;
import ims.iq.message.SdpText;
import ims.iq.message.Subtract;
import ims.iq.transport.Await;
import ims.iq.transport.IqTimeoutException;
import ims.iq.transport.LossyUdpProxy;
import ims.iq.transport.MessageCodec;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The two sides through a link that drops, duplicates and reorders 20 % of the datagrams each way:
 * every procedure completes once or times out, the gateway never runs a command twice, and both
 * transaction layers drain.
 */
@Timeout(90)
class ControllerGatewayOverLossyLinkTest {

  @Test
  void givenLossyLink_whenCallsAreReservedAndReleased_thenEachCommandRunsAtMostOnceAndNothingLingers() throws Exception {
    var handler = new RecordingGatewayHandler();
    try (var controller = IqController.start(IqLink.controllerConfig(Duration.ofSeconds(30)),
            e -> {}, MessageCodec.TEXT, Runnable::run);
        var proxy = new ProxyResource(new LossyUdpProxy(controller.localAddress(),
            new LossyUdpProxy.Faults(0.2, 0.2, 0.2), 4711L));
        // The gateway is the proxy's client: its ServiceChange, and every later datagram both ways, cross it.
        var gateway = IqGatewayServer.start(IqLink.gatewayConfig(proxy.proxy.clientFacing()),
            handler, MessageCodec.TEXT, Runnable::run)) {
      gateway.registration().get(20, TimeUnit.SECONDS);
      int reserved = 0;
      int released = 0;
      int timedOut = 0;
      for (int i = 0; i < 30; i++) {
        try {
          var cp = controller.reserveConnectionPoint(ConnectionPointRequest.reserve(ContextId.CHOOSE, "access",
              SdpText.of(ControllerGatewayEndToEndTest.CORE_LOCAL_TEMPLATE))).get(20, TimeUnit.SECONDS);
          reserved++;
          controller.releaseTermination(cp.context(), cp.termination()).get(20, TimeUnit.SECONDS);
          released++;
        } catch (ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(IqTimeoutException.class);
          timedOut++;
        }
      }
      assertThat(reserved + timedOut).isGreaterThanOrEqualTo(30);
      assertThat(released).isGreaterThan(20);
      assertThat(proxy.proxy.dropped.get()).isPositive();
      assertThat(proxy.proxy.duplicated.get()).isPositive();
      // At most once: no Add or Subtract ran more often than the controller asked for it.
      long adds = handler.recorded().stream().filter(r -> r.command() instanceof Add).count();
      long subtracts = handler.recorded().stream().filter(r -> r.command() instanceof Subtract).count();
      assertThat(adds).isBetween((long) reserved, 30L);
      assertThat(subtracts).isBetween((long) released, (long) reserved);
      Await.until("both transaction layers drained", Duration.ofSeconds(15),
          () -> controller.transactionStats().isIdle() && gateway.transactionStats().isIdle());
    } finally {
      handler.close();
    }
  }

  /** Lets the proxy sit in try-with-resources between the two sides. */
  private record ProxyResource(LossyUdpProxy proxy) implements AutoCloseable {
    @Override
    public void close() throws InterruptedException {
      proxy.close();
    }
  }
}
