package ims.iq.controller;

import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.gateway.GatewayConfig;
import ims.iq.gateway.IqGatewayServer;
import ims.iq.gateway.RecordingGatewayHandler;
import ims.iq.message.ContextId;
import ims.iq.message.MId;
import ims.iq.message.SdpText;
import ims.iq.message.StreamMode;
import ims.iq.transport.AllowedPeer;
import ims.iq.transport.LinkProtection;
import ims.iq.transport.LinkSecurity;
import ims.iq.transport.MessageCodec;
import ims.iq.transport.TestPki;
import ims.iq.transport.TlsContexts;
import ims.iq.transport.TlsTransportConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Our two sides over the optional TLS transport (Annex D.2), certificates from a throwaway internal CA. */
@Timeout(60)
class ControllerGatewayOverTlsTest {

  private static TlsTransportConfig tls(TlsContexts.Pair contexts) {
    // Declared TLS-protected: the guard would accept a non-loopback peer; the test stays on 127.0.0.1.
    return new TlsTransportConfig(new InetSocketAddress(IqLink.LOOPBACK, 0),
        new LinkSecurity(List.of(AllowedPeer.anyPort(IqLink.LOOPBACK)), LinkProtection.TLS),
        contexts.server(), contexts.client());
  }

  @Test
  void givenBothSidesOnTls_whenGatewayRegistersAndACallIsSetUpAndReleased_thenEveryStepSucceeds() throws Exception {
    var pki = new TestPki();
    var events = new LinkedBlockingQueue<GatewayEvent>();
    var handler = new RecordingGatewayHandler();
    var controllerConfig = new ControllerConfig(tls(TlsContexts.mutual(pki.signedLeaf("pcscf1"), pki.trustInternalCa())),
        MId.domain("pcscf1.example.net", 2944), Optional.empty(), IqLink.fast(),
        Duration.ofMillis(200), 3, 3);
    try (var controller = IqController.start(controllerConfig, events::add, MessageCodec.TEXT, Runnable::run)) {
      var gatewayConfig = new GatewayConfig(tls(TlsContexts.mutual(pki.signedLeaf("agw1"), pki.trustInternalCa())),
          MId.domain("agw1.example.net", 2944), controller.localAddress(), IqLink.fast(),
          Optional.empty(), 3, Duration.ofMillis(50));
      try (var gateway = IqGatewayServer.start(gatewayConfig, handler, MessageCodec.TEXT, Runnable::run)) {
        assertThat(gateway.registration().get(10, TimeUnit.SECONDS)).isEqualTo(3);
        var access = controller.reserveAndConfigureConnectionPoint(ConnectionPointRequest.reserveAndConfigure(
            ContextId.CHOOSE, "access", SdpText.of(ControllerGatewayEndToEndTest.ACCESS_LOCAL_TEMPLATE),
            SdpText.of(ControllerGatewayEndToEndTest.UE_REMOTE))).get(10, TimeUnit.SECONDS);
        assertThat(access.local().orElseThrow().text()).contains("m=audio 20000 RTP/SAVP 96");
        controller.changeThroughConnection(access.context(), access.termination(), StreamMode.SEND_RECEIVE)
            .get(10, TimeUnit.SECONDS);
        var released = controller.releaseTermination(access.context(), access.termination()).get(10, TimeUnit.SECONDS);
        assertThat(released.statistics()).isPresent();
        assertThat(handler.contexts()).isEmpty();
        assertThat(controller.state()).isEqualTo(AssociationState.IN_SERVICE);
      }
    }
  }
}
