package ims.media.relay;

import static ims.media.relay.RelayFixture.await;
import static ims.media.relay.RelayFixture.awaitStatistics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ims.media.srtp.SrtpSendContext;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Connected twin sockets ({@link RelayConfig#connectedSockets()}, {@code MediaPort}): on epoll each RTP port whose
 * remote is known gets a second socket on the same port, connected to the remote; it follows the remote (Modify,
 * latching), strangers still reach the open socket and are counted, and a released termination leaves its ports free
 * for an exclusive bind. (That the remote's datagrams really come through the twin shows in what the loop allocates per
 * packet: {@code AllocationPerPacketTest}.)
 */
@Timeout(30)
class ConnectedSocketsTest {
  /** Task hops to wait for a twin's bind and connect (each a round trip through the loop, no sleeping). */
  private static final int MAX_HOPS = 10_000;

  @Test
  void givenKnownRemotes_whenCallIsUp_thenEachRtpPortHasATwinAndMediaFlowsBothWays() throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(2, true));
         var call = E2aeCall.open(relay, E2aeCall.srtpAccess())) {
      assumeTrue(relay.usesConnectedSockets(), "epoll not available");
      awaitTwin(call.access, t -> t.rtpPort, call.ue.address());
      awaitTwin(call.coreSide, t -> t.rtpPort, call.core.address());
      assertThat((boolean) onLoop(call.access, t -> t.rtcpPort.hasTwin())).as("RTCP ports keep one socket").isFalse();
      SrtpSendContext ueTx = RelayFixture.ueSender(7);
      byte[] rtp = Packets.rtp(1, 160, 7, 160);
      call.ueSends(ueTx, rtp);
      assertThat(call.core.receive()).isEqualTo(rtp);
      byte[] down = Packets.rtp(1, 160, 8, 160);
      call.core.send(down, call.coreSide.localRtp());
      byte[] srtp = call.ue.receive();
      var ueRx = RelayFixture.ueReceiver(8);
      assertThat(RelayFixture.plain(ueRx, srtp)).isEqualTo(down);
    }
  }

  @Test
  void givenConnectedTwin_whenAStrangerSendsToThePort_thenItIsDroppedAsUnknownSourceAndTheRemoteStillFlows()
      throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(2, true));
         var call = E2aeCall.open(relay, E2aeCall.srtpAccess());
         var stranger = new Peer()) {
      assumeTrue(relay.usesConnectedSockets(), "epoll not available");
      awaitTwin(call.access, t -> t.rtpPort, call.ue.address());
      SrtpSendContext ueTx = RelayFixture.ueSender(7);
      byte[] forged = Packets.rtp(1, 160, 7, 160);
      stranger.send(forged, call.access.localRtp());
      awaitStatistics(call.access, s -> s.discarded(DiscardReason.UNKNOWN_SOURCE) == 1);
      byte[] rtp = Packets.rtp(2, 320, 7, 160);
      call.ueSends(ueTx, rtp);
      assertThat(call.core.receive()).isEqualTo(rtp);
      TerminationStatistics s = await(call.access.statistics());
      assertThat(s.packetsIn()).isEqualTo(2);
      assertThat(s.packetsOut()).isZero();          // the access side sent nothing toward the UE
      assertThat(await(call.coreSide.statistics()).packetsOut()).isEqualTo(1);
    }
  }

  @Test
  void givenRemoteMovedByReconfigure_thenTheTwinFollowsAndTheOldRemoteBecomesAStranger() throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(2, true));
         var call = E2aeCall.open(relay, E2aeCall.srtpAccess());
         var moved = new Peer()) {
      assumeTrue(relay.usesConnectedSockets(), "epoll not available");
      awaitTwin(call.access, t -> t.rtpPort, call.ue.address());
      await(call.access.reconfigure(TerminationSettings.plain().withRemote(moved.address()), false, false));
      awaitTwin(call.access, t -> t.rtpPort, moved.address());
      assertThat(connected(call.access, t -> t.rtpPort, call.ue.address())).isFalse();
      SrtpSendContext ueTx = RelayFixture.ueSender(7);
      byte[] stale = Packets.rtp(1, 160, 7, 160);
      call.ueSends(ueTx, stale);                        // from the old address: a stranger now
      awaitStatistics(call.access, s -> s.discarded(DiscardReason.UNKNOWN_SOURCE) == 1);
      byte[] rtp = Packets.rtp(2, 320, 7, 160);
      moved.send(RelayFixture.srtp(ueTx, rtp), call.access.localRtp());
      assertThat(call.core.receive()).isEqualTo(rtp);
    }
  }

  @Test
  void givenLatching_whenTheUeSendsFromAnotherAddress_thenTheTwinFollowsTheLatchedAddress() throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(2, true));
         var call = E2aeCall.open(relay, E2aeCall.srtpAccess().withLatching(true));
         var nat = new Peer()) {
      assumeTrue(relay.usesConnectedSockets(), "epoll not available");
      awaitTwin(call.access, t -> t.rtpPort, call.ue.address());
      SrtpSendContext ueTx = RelayFixture.ueSender(7);
      byte[] rtp = Packets.rtp(1, 160, 7, 160);
      nat.send(RelayFixture.srtp(ueTx, rtp), call.access.localRtp());
      assertThat(call.core.receive()).isEqualTo(rtp);
      assertThat(await(call.access.remoteRtp())).isEqualTo(nat.address());
      awaitTwin(call.access, t -> t.rtpPort, nat.address());
      // Downlink now goes to the latched address, through the twin.
      byte[] down = Packets.rtp(1, 160, 8, 160);
      call.core.send(down, call.coreSide.localRtp());
      byte[] srtp = nat.receive();
      var ueRx = RelayFixture.ueReceiver(8);
      assertThat(RelayFixture.plain(ueRx, srtp)).isEqualTo(down);
    }
  }

  @Test
  void givenReleasedTermination_whenItsPortsAreBoundWithoutSharing_thenTheBindSucceeds() throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(2, true));
         var call = E2aeCall.open(relay, E2aeCall.srtpAccess())) {
      assumeTrue(relay.usesConnectedSockets(), "epoll not available");
      awaitTwin(call.access, t -> t.rtpPort, call.ue.address());
      InetSocketAddress rtp = call.access.localRtp();
      InetSocketAddress rtcp = call.access.localRtcp();
      await(call.access.release());
      // A plain socket (no SO_REUSEPORT) binds only where no socket of ours is left on the port.
      try (var a = new DatagramSocket(rtp); var b = new DatagramSocket(rtcp)) {
        assertThat(a.getLocalPort()).isEqualTo(rtp.getPort());
        assertThat(b.getLocalPort()).isEqualTo(rtcp.getPort());
      }
    }
  }

  @Test
  void givenConnectedSocketsOff_whenCallIsUp_thenNoTwinAndMediaStillFlows() throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(2, true).withConnectedSockets(false));
         var call = E2aeCall.open(relay, E2aeCall.srtpAccess())) {
      assertThat(relay.usesConnectedSockets()).isFalse();
      SrtpSendContext ueTx = RelayFixture.ueSender(7);
      byte[] rtp = Packets.rtp(1, 160, 7, 160);
      call.ueSends(ueTx, rtp);
      assertThat(call.core.receive()).isEqualTo(rtp);
      assertThat(connected(call.access, t -> t.rtpPort, call.ue.address())).isFalse();
    }
  }

  @Test
  void givenUnknownRemote_whenTerminationIsAdded_thenNoTwinIsMade() throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(2, true))) {
      assumeTrue(relay.usesConnectedSockets(), "epoll not available");
      RelayTermination t = RelayFixture.added(relay.newContext().add(Realm.CORE, TerminationSettings.plain()));
      assertThat((boolean) onLoop(t, p -> p.rtpPort.hasTwin() || p.rtcpPort.hasTwin())).isFalse();
      await(t.release());
    }
  }

  private static void awaitTwin(RelayTermination t, Function<Termination, MediaPort> port, InetSocketAddress remote)
      throws Exception {
    for (int hop = 0; hop < MAX_HOPS; hop++) {
      if (connected(t, port, remote)) {
        return;
      }
    }
    throw new AssertionError("no twin connected to " + remote);
  }

  private static boolean connected(RelayTermination t, Function<Termination, MediaPort> port,
      InetSocketAddress remote) throws Exception {
    return onLoop(t, p -> port.apply(p).connectedTo(remote));
  }

  private static <T> T onLoop(RelayTermination t, Function<Termination, T> query) throws Exception {
    var result = new CompletableFuture<T>();
    t.context().eventLoop().execute(() -> result.complete(query.apply(t.packetPath())));
    return await(result);
  }
}
