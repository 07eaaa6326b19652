package ims.media.relay;

import static ims.media.relay.RelayFixture.await;
import static ims.media.relay.RelayGatewayHandlerTest.accessLocal;
import static ims.media.relay.RelayGatewayHandlerTest.coreRemote;
import static ims.media.relay.RelayGatewayHandlerTest.portOf;
import static ims.media.relay.RelayGatewayHandlerTest.ueRemote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ims.iq.controller.ConnectionPoint;
import ims.iq.controller.ConnectionPointRequest;
import ims.iq.controller.ControllerConfig;
import ims.iq.controller.GatewayEvent;
import ims.iq.controller.IqController;
import ims.iq.controller.ReleasedTermination;
import ims.iq.gateway.GatewayConfig;
import ims.iq.gateway.IqGatewayServer;
import ims.iq.message.ContextId;
import ims.iq.message.MId;
import ims.iq.message.SdpText;
import ims.iq.message.ServiceChangeProfile;
import ims.iq.message.StreamMode;
import ims.iq.transport.AllowedPeer;
import ims.iq.transport.IqErrorReplyException;
import ims.iq.transport.LinkSecurity;
import ims.iq.transport.MessageCodec;
import ims.iq.transport.TransactionConfig;
import ims.iq.transport.TransactionTimers;
import ims.iq.transport.UdpTransportConfig;
import ims.media.srtp.SrtpReceiveContext;
import ims.media.srtp.SrtpSendContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The relay driven over real Iq: the project's controller (the P-CSCF side) talks H.248 text over UDP to an
 * {@link IqGatewayServer} wrapping {@link RelayGatewayHandler}; the media goes through the relay on 127.0.0.1.
 */
@Timeout(30)
class IqEndToEndTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final String SUITE = "AES_CM_128_HMAC_SHA1_80";
  private static final int UE_SSRC = 0xCAFE;
  private static final int CORE_SSRC = 0xBEEF;

  private final LinkedBlockingQueue<GatewayEvent> events = new LinkedBlockingQueue<>();
  private MediaRelay relay;
  private RelayGatewayHandler handler;
  private IqController controller;
  private IqGatewayServer gateway;

  private static UdpTransportConfig loopback() {
    return new UdpTransportConfig(new InetSocketAddress(LOOPBACK, 0),
        LinkSecurity.loopbackOnly(List.of(AllowedPeer.anyPort(LOOPBACK))));
  }

  private static TransactionConfig fast() {
    return TransactionConfig.DEFAULT.withTimers(TransactionTimers.fast());
  }

  @BeforeEach
  void start() throws Exception {
    relay = MediaRelay.start(RelayFixture.config(2, true, Duration.ofMillis(300)));
    handler = new RelayGatewayHandler(relay);
    controller = IqController.start(new ControllerConfig(loopback(), MId.domain("pcscf1.example.net", 2944),
        Optional.empty(), fast(), Duration.ofSeconds(5), 3, 3), events::add, MessageCodec.TEXT, Runnable::run);
    gateway = IqGatewayServer.start(new GatewayConfig(loopback(), MId.domain("agw1.example.net", 2944),
        controller.localAddress(), fast(), Optional.of(new ServiceChangeProfile("iqprof", 1)), 3,
        Duration.ofMillis(50)), handler, MessageCodec.TEXT, Runnable::run);
    assertThat(gateway.registration().get(5, TimeUnit.SECONDS)).isEqualTo(3);
  }

  @AfterEach
  void stop() {
    gateway.close();
    controller.close();
    handler.close();
    relay.close();
  }

  @Test
  void givenOriginatingE2aeCallOverIq_whenMediaFlowsAndTheCallIsReleased_thenMediaIsConvertedAndEverythingIsFreed()
      throws Exception {
    try (var ue = new Peer(); var core = new Peer();
         SrtpSendContext ueTx = RelayFixture.ueSender(UE_SSRC);
         SrtpReceiveContext ueRx = RelayFixture.ueReceiver(CORE_SSRC)) {
      ConnectionPoint access = await(controller.reserveAndConfigureConnectionPoint(
          ConnectionPointRequest.reserveAndConfigure(ContextId.CHOOSE, "access", SdpText.of(accessLocal(SUITE)),
              SdpText.of(ueRemote(ue.address().getPort(), SUITE)))));
      ConnectionPoint coreSide = await(controller.reserveAndConfigureConnectionPoint(
          ConnectionPointRequest.reserveAndConfigure(access.context(), "core",
              SdpText.of(RelayGatewayHandlerTest.CORE_LOCAL), SdpText.of(coreRemote(core.address().getPort())))));
      var accessPoint = new InetSocketAddress(LOOPBACK, portOf(access.local().orElseThrow().text()));
      var corePoint = new InetSocketAddress(LOOPBACK, portOf(coreSide.local().orElseThrow().text()));

      for (int seq = 1; seq <= 3; seq++) {
        byte[] up = Packets.rtp(seq, 160 * seq, UE_SSRC, 160);
        ue.send(RelayFixture.srtp(ueTx, up), accessPoint);
        assertThat(core.receive()).isEqualTo(up);

        byte[] down = Packets.rtp(seq, 160 * seq, CORE_SSRC, 160);
        core.send(down, corePoint);
        byte[] got = ue.receive();
        assertThat(RelayFixture.plain(ueRx, got)).isEqualTo(down);
      }

      await(controller.changeThroughConnection(access.context(), access.termination(), StreamMode.INACTIVE));
      byte[] held = Packets.rtp(4, 640, CORE_SSRC, 160);
      core.send(held, corePoint);
      ue.assertNothingWithin(300);

      ReleasedTermination released = await(controller.releaseTermination(access.context(), access.termination()));
      assertThat(released.statistics().orElseThrow().counter("rtp/pr")).hasValue(3);
      assertThat(released.statistics().orElseThrow().counter("rtp/ps")).hasValue(3);
      assertThat(released.statistics().orElseThrow().counter("nt/or")).hasValue(3L * (172 + 10));
      await(controller.releaseTermination(access.context(), coreSide.termination()));
      assertThat(handler.contextCount()).isZero();
      assertThat(relay.liveTerminations()).isZero();
      assertThat(relay.pool(Realm.ACCESS).inUse()).isZero();
      assertThat(relay.pool(Realm.CORE).inUse()).isZero();
    }
  }

  @Test
  void givenUnknownSuiteOverIq_whenReserving_thenTheControllerGetsError449AndNothingIsHeld() throws Exception {
    var reply = controller.reserveAndConfigureConnectionPoint(ConnectionPointRequest.reserveAndConfigure(
        ContextId.CHOOSE, "access", SdpText.of(accessLocal(SUITE)), SdpText.of(ueRemote(40_000, "NOT_A_SUITE_80"))));
    assertThatThrownBy(() -> await(reply)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(IqErrorReplyException.class, e -> assertThat(e.code()).isEqualTo(449));
    assertThat(handler.contextCount()).isZero();
    assertThat(relay.liveTerminations()).isZero();
  }

  @Test
  void givenExhaustedRangeOverIq_whenReserving_thenError510AndTheFirstCallIsUntouched() throws Exception {
    var first = await(controller.reserveConnectionPoint(ConnectionPointRequest.reserve(ContextId.CHOOSE, "core",
        SdpText.of(RelayGatewayHandlerTest.CORE_LOCAL))));
    await(controller.reserveConnectionPoint(ConnectionPointRequest.reserve(ContextId.CHOOSE, "core",
        SdpText.of(RelayGatewayHandlerTest.CORE_LOCAL))));
    var third = controller.reserveConnectionPoint(ConnectionPointRequest.reserve(ContextId.CHOOSE, "core",
        SdpText.of(RelayGatewayHandlerTest.CORE_LOCAL)));
    assertThatThrownBy(() -> await(third)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(IqErrorReplyException.class, e -> assertThat(e.code()).isEqualTo(510));
    assertThat(handler.contextCount()).isEqualTo(2);
    assertThat(relay.pool(Realm.CORE).inUse()).isEqualTo(2);
    await(controller.releaseTermination(first.context(), first.termination()));
    assertThat(relay.pool(Realm.CORE).inUse()).isEqualTo(1);
  }

  @Test
  void givenControllerGoneSilent_whenTheGraceTimeElapses_thenItsContextsAreReleasedWithPortsAndKeys() throws Exception {
    await(controller.reserveAndConfigureConnectionPoint(ConnectionPointRequest.reserveAndConfigure(ContextId.CHOOSE,
        "access", SdpText.of(accessLocal(SUITE)), SdpText.of(ueRemote(40_000, SUITE)))));
    await(controller.reserveConnectionPoint(ConnectionPointRequest.reserve(ContextId.CHOOSE, "core",
        SdpText.of(RelayGatewayHandlerTest.CORE_LOCAL))));
    assertThat(relay.liveTerminations()).isEqualTo(2);
    controller.close();
    var released = new java.util.concurrent.CompletableFuture<Integer>();
    try (var watchdog = handler.watchController(() -> gateway.transportStats().received(), released::complete)) {
      assertThat(released.get(5, TimeUnit.SECONDS)).isEqualTo(2);     // after the configured 300 ms of silence
    }
    assertThat(handler.contextCount()).isZero();
    assertThat(relay.liveTerminations()).isZero();
    assertThat(relay.pool(Realm.ACCESS).inUse()).isZero();
    assertThat(relay.pool(Realm.CORE).inUse()).isZero();
  }
}
