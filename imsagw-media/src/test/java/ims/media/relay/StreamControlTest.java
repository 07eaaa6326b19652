package ims.media.relay;

import static ims.media.relay.RelayFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import ims.media.srtp.MasterKey;
import ims.media.srtp.SrtpContextFactory;
import ims.media.srtp.SrtpParameters;
import ims.media.srtp.SrtpSendContext;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Re-keying, stream modes, latching and SSRC handling, each observed over real UDP. */
@Timeout(30)
class StreamControlTest {
  private static final byte[] NEW_UE_KEY = HexFormat.of().parseHex("8899aabbccddeeff0011223344556677");
  private static final byte[] NEW_UE_SALT = HexFormat.of().parseHex("a0a1a2a3a4a5a6a7a8a9aaabacad");

  private static TerminationSettings accessWith(E2aeCall call, SrtpParameters rx, MediaMode mode) {
    return new TerminationSettings(Optional.of(call.ue.address()), Optional.of(call.ue.address()), false, mode, false,
        Optional.of(rx), Optional.of(RelayFixture.agwKey()));
  }

  @Test
  void givenSameKeyOnModify_whenOldPacketReplayed_thenReplayStateWasKept() throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(2, true));
         var call = E2aeCall.open(relay, E2aeCall.srtpAccess());
         var ueTx = RelayFixture.ueSender(5)) {
      byte[] first = Packets.rtp(1, 160, 5, 160);
      byte[] firstSrtp = call.ueSends(ueTx, first);
      assertThat(call.core.receive()).isEqualTo(first);

      await(call.access.configure(accessWith(call, RelayFixture.ueKey(), MediaMode.SEND_RECEIVE)));
      call.ue.send(firstSrtp, call.access.localRtp());                // same key kept: still a replay
      byte[] second = Packets.rtp(2, 320, 5, 160);
      call.ueSends(ueTx, second);
      assertThat(call.core.receive()).isEqualTo(second);
      TerminationStatistics s = await(call.access.statistics());
      assertThat(s.discarded(DiscardReason.REPLAY)).isEqualTo(1);
      assertThat(s.discarded(DiscardReason.AUTH_FAILURE)).isZero();
    }
  }

  @Test
  void givenNewKeyOnModify_whenUeSendsWithOldAndNewKey_thenOnlyNewKeyPasses() throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(2, true));
         var call = E2aeCall.open(relay, E2aeCall.srtpAccess());
         var oldTx = RelayFixture.ueSender(5);
         var newKey = MasterKey.of(NEW_UE_KEY, NEW_UE_SALT);
         var newFactory = new SrtpContextFactory(SrtpParameters.of(RelayFixture.PROFILE, newKey));
         SrtpSendContext newTx = newFactory.newSendContext(5)) {
      byte[] first = Packets.rtp(1, 160, 5, 160);
      call.ueSends(oldTx, first);
      assertThat(call.core.receive()).isEqualTo(first);

      SrtpParameters rekeyed = RelayFixture.params(NEW_UE_KEY, NEW_UE_SALT);
      await(call.access.configure(accessWith(call, rekeyed, MediaMode.SEND_RECEIVE)));
      call.ueSends(oldTx, Packets.rtp(2, 320, 5, 160));                // old key: refused
      byte[] third = Packets.rtp(1, 160, 5, 160);                       // new context: seq 1 is new again
      call.ueSends(newTx, third);
      assertThat(call.core.receive()).isEqualTo(third);
      assertThat(await(call.access.statistics()).discarded(DiscardReason.AUTH_FAILURE)).isEqualTo(1);
    }
  }

  @Test
  void givenModes_whenMediaFlows_thenOnlyOpenDirectionsPass() throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(2, true));
         var call = E2aeCall.open(relay, E2aeCall.srtpAccess());
         var ueTx = RelayFixture.ueSender(5);
         var ueRx = RelayFixture.ueReceiver(6)) {
      // SEND_ONLY on the access termination: toward the UE only.
      await(call.access.configure(accessWith(call, RelayFixture.ueKey(), MediaMode.SEND_ONLY)));
      call.ueSends(ueTx, Packets.rtp(1, 160, 5, 160));
      byte[] down = Packets.rtp(1, 160, 6, 160);
      call.core.send(down, call.coreSide.localRtp());
      byte[] srtp = call.ue.receive();
      assertThat(ueRx.unprotectRtp(srtp, 0, srtp.length)).isEqualTo(down.length);
      RelayFixture.awaitStatistics(call.access, s -> s.discarded(DiscardReason.GATE_CLOSED) == 1);

      // RECEIVE_ONLY: from the UE only; core media is refused at the gate, counted on the core termination.
      await(call.access.configure(accessWith(call, RelayFixture.ueKey(), MediaMode.RECEIVE_ONLY)));
      call.core.send(Packets.rtp(2, 320, 6, 160), call.coreSide.localRtp());
      byte[] up = Packets.rtp(2, 320, 5, 160);
      call.ueSends(ueTx, up);
      assertThat(call.core.receive()).isEqualTo(up);
      RelayFixture.awaitStatistics(call.coreSide, s -> s.discarded(DiscardReason.GATE_CLOSED) == 1);

      // INACTIVE: nothing either way.
      await(call.access.configure(accessWith(call, RelayFixture.ueKey(), MediaMode.INACTIVE)));
      call.ueSends(ueTx, Packets.rtp(3, 480, 5, 160));
      call.core.send(Packets.rtp(3, 480, 6, 160), call.coreSide.localRtp());
      RelayFixture.awaitStatistics(call.access, s -> s.discarded(DiscardReason.GATE_CLOSED) == 2);
      RelayFixture.awaitStatistics(call.coreSide, s -> s.discarded(DiscardReason.GATE_CLOSED) == 2);
      await(call.access.configure(accessWith(call, RelayFixture.ueKey(), MediaMode.SEND_RECEIVE)));
      byte[] again = Packets.rtp(4, 640, 5, 160);
      call.ueSends(ueTx, again);
      assertThat(call.core.receive()).isEqualTo(again);
      assertThat(await(call.access.statistics()).packetsOut()).isEqualTo(1);   // only the SEND_ONLY packet to the UE
    }
  }

  @Test
  void givenLatching_whenStrangerSendsGarbageThenUeSendsAuthenticPacket_thenRemoteIsLearnedFromTheUeOnly()
      throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(2, true));
         var call = E2aeCall.open(relay, new TerminationSettings(Optional.empty(), Optional.empty(), true,
             MediaMode.SEND_RECEIVE, true, Optional.of(RelayFixture.ueKey()), Optional.of(RelayFixture.agwKey())));
         var stranger = new Peer();
         var ueTx = RelayFixture.ueSender(5);
         var ueRx = RelayFixture.ueReceiver(6)) {
      assertThat(await(call.access.remoteRtp())).isNull();
      byte[] forged = Packets.withRoom(Packets.rtp(1, 160, 5, 160), 0);
      stranger.send(java.util.Arrays.copyOf(forged, forged.length + 10), call.access.localRtp());
      byte[] up = Packets.rtp(1, 160, 5, 160);
      call.ueSends(ueTx, up);
      assertThat(call.core.receive()).isEqualTo(up);
      assertThat(await(call.access.remoteRtp())).isEqualTo(call.ue.address());
      assertThat(await(call.access.statistics()).discarded(DiscardReason.AUTH_FAILURE)).isEqualTo(1);

      byte[] down = Packets.rtp(1, 160, 6, 160);
      call.core.send(down, call.coreSide.localRtp());
      byte[] srtp = call.ue.receive();                                  // sent to the latched address
      assertThat(ueRx.unprotectRtp(srtp, 0, srtp.length)).isEqualTo(down.length);
      stranger.assertNothingWithin(200);
    }
  }

  @Test
  void givenNewSsrcFromUe_whenAuthentic_thenItGetsItsOwnContextUntilTheBound() throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(2, true));   // bound: 2 SSRCs per termination
         var call = E2aeCall.open(relay, E2aeCall.srtpAccess());
         var a = RelayFixture.ueSender(0xA);
         var b = RelayFixture.ueSender(0xB);
         var c = RelayFixture.ueSender(0xC)) {
      byte[] fromA = Packets.rtp(1, 160, 0xA, 100);
      call.ueSends(a, fromA);
      assertThat(call.core.receive()).isEqualTo(fromA);
      byte[] fromB = Packets.rtp(500, 9000, 0xB, 100);
      call.ueSends(b, fromB);
      assertThat(call.core.receive()).isEqualTo(fromB);
      call.ueSends(c, Packets.rtp(7, 700, 0xC, 100));                    // third SSRC: over the bound
      byte[] fromA2 = Packets.rtp(2, 320, 0xA, 100);
      call.ueSends(a, fromA2);
      assertThat(call.core.receive()).isEqualTo(fromA2);
      TerminationStatistics s = await(call.access.statistics());
      assertThat(s.ssrcChanges()).isEqualTo(1);
      assertThat(s.discarded(DiscardReason.TOO_MANY_SSRCS)).isEqualTo(1);
    }
  }

  @Test
  void givenRtcpMux_whenUeSendsSrtcpOnTheRtpPort_thenCoreGetsRtcpOnItsRtcpRemote() throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(2, true));
         var call = E2aeCall.open(relay, E2aeCall.srtpAccess().withRtcpMux(true));
         var ueTx = RelayFixture.ueSender(5)) {
      byte[] rr = Packets.rtcpReceiverReport(5, 6);
      byte[] buf = Packets.withRoom(rr, 32);
      int n = ueTx.protectRtcp(buf, 0, rr.length);
      call.ue.send(java.util.Arrays.copyOf(buf, n), call.access.localRtp());
      assertThat(call.core.receive()).isEqualTo(rr);
      assertThat(await(call.access.statistics()).discardedTotal()).isZero();
    }
  }


  @Test
  void givenCoreSequenceWrap_whenRelayedTowardTheUe_thenTheUeDecryptsAcrossTheRolloverCounterChange() throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(2, true));
         var call = E2aeCall.open(relay, E2aeCall.srtpAccess());
         var ueRx = RelayFixture.ueReceiver(6)) {
      for (int i = 65_530; i < 65_545; i++) {
        byte[] down = Packets.rtp(i & 0xFFFF, 160 * i, 6, 160);
        call.core.send(down, call.coreSide.localRtp());
        byte[] srtp = call.ue.receive();
        assertThat(ueRx.unprotectRtp(srtp, 0, srtp.length)).as("seq %d", i & 0xFFFF).isEqualTo(down.length);
      }
      assertThat(ueRx.rolloverCounter()).isEqualTo(1);
    }
  }

  @Test
  void givenNewSendKeyOnly_whenCoreMediaFlows_thenTheUeNeedsTheNewKeyAndUplinkKeepsItsContext() throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(2, true));
         var call = E2aeCall.open(relay, E2aeCall.srtpAccess());
         var ueTx = RelayFixture.ueSender(5);
         var newKey = MasterKey.of(NEW_UE_KEY, NEW_UE_SALT);
         var newFactory = new SrtpContextFactory(SrtpParameters.of(RelayFixture.PROFILE, newKey));
         var ueRxNew = newFactory.newReceiveContext(6)) {
      byte[] up = Packets.rtp(1, 160, 5, 160);
      byte[] upSrtp = call.ueSends(ueTx, up);
      assertThat(call.core.receive()).isEqualTo(up);

      TerminationSettings rekeyTx = new TerminationSettings(Optional.of(call.ue.address()), Optional.of(call.ue.address()),
          false, MediaMode.SEND_RECEIVE, false, Optional.empty(),
          Optional.of(RelayFixture.params(NEW_UE_KEY, NEW_UE_SALT)));
      await(call.access.reconfigure(rekeyTx, false, true));

      byte[] down = Packets.rtp(1, 160, 6, 160);
      call.core.send(down, call.coreSide.localRtp());
      byte[] srtp = call.ue.receive();
      assertThat(ueRxNew.unprotectRtp(srtp, 0, srtp.length)).isEqualTo(down.length);

      call.ue.send(upSrtp, call.access.localRtp());                     // receive context untouched: a replay
      byte[] up2 = Packets.rtp(2, 320, 5, 160);
      call.ueSends(ueTx, up2);
      assertThat(call.core.receive()).isEqualTo(up2);
      assertThat(await(call.access.statistics()).discarded(DiscardReason.REPLAY)).isEqualTo(1);
    }
  }
}
