package ims.media.relay;

import static ims.media.relay.RelayFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import ims.media.srtp.MasterKey;
import ims.media.srtp.SrtpContextFactory;
import ims.media.srtp.SrtpParameters;
import ims.media.srtp.SrtpSendContext;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Wrong key, replay, garbage and strangers are dropped and counted on the termination that received them, before or
 * by the crypto, and a concurrent call on the same relay is not affected.
 *
 * <p>Ordering makes the checks event-driven: datagrams to one socket are handled in arrival order on one loop, so
 * when a valid packet sent after the bad ones arrives at the core peer, the bad ones have been handled.
 */
@Timeout(30)
class BadPacketsTest {
  private static final int SSRC = 0x0BADF00D;

  @Test
  void givenWrongKeyReplayGarbageAndStranger_whenReceived_thenEachIsDroppedAndCountedAndOtherCallFlows() throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(4, true));
         var call = E2aeCall.open(relay, E2aeCall.srtpAccess());
         var other = E2aeCall.open(relay, E2aeCall.srtpAccess());
         var stranger = new Peer();
         SrtpSendContext ueTx = RelayFixture.ueSender(SSRC);
         SrtpSendContext otherTx = RelayFixture.ueSender(SSRC);
         var wrongKey = MasterKey.of(HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"),
             HexFormat.of().parseHex("000102030405060708090a0b0c0d"));
         var wrongFactory = new SrtpContextFactory(SrtpParameters.of(RelayFixture.PROFILE, wrongKey));
         SrtpSendContext wrongTx = wrongFactory.newSendContext(SSRC)) {
      byte[] first = Packets.rtp(1, 160, SSRC, 160);
      byte[] firstSrtp = call.ueSends(ueTx, first);
      assertThat(call.core.receive()).isEqualTo(first);

      call.ueSends(wrongTx, Packets.rtp(2, 320, SSRC, 160));          // wrong key: AUTH_FAILURE
      call.ue.send(firstSrtp, call.access.localRtp());                 // replay: REPLAY
      call.ue.send(new byte[] {(byte) 0x80, 8, 0, 3, 1}, call.access.localRtp());   // truncated: MALFORMED
      call.ue.send(new byte[40], call.access.localRtp());              // version 0: MALFORMED
      stranger.send(firstSrtp, call.access.localRtp());                // not the UE: UNKNOWN_SOURCE

      // Meanwhile the other call carries media as usual.
      byte[] otherRtp = Packets.rtp(1, 160, SSRC, 160);
      other.ueSends(otherTx, otherRtp);
      assertThat(other.core.receive()).isEqualTo(otherRtp);

      byte[] next = Packets.rtp(3, 480, SSRC, 160);
      call.ueSends(ueTx, next);
      assertThat(call.core.receive()).isEqualTo(next);               // the bad ones never reached the core

      TerminationStatistics s = await(call.access.statistics());
      assertThat(s.discarded(DiscardReason.AUTH_FAILURE)).isEqualTo(1);
      assertThat(s.discarded(DiscardReason.REPLAY)).isEqualTo(1);
      assertThat(s.discarded(DiscardReason.MALFORMED)).isEqualTo(2);
      assertThat(s.discarded(DiscardReason.UNKNOWN_SOURCE)).isEqualTo(1);
      assertThat(s.discardedTotal()).isEqualTo(5);
      assertThat(s.packetsIn()).isEqualTo(7);
      assertThat(await(call.coreSide.statistics()).packetsOut()).isEqualTo(2);

      TerminationStatistics o = await(other.access.statistics());
      assertThat(o.discardedTotal()).isZero();
      assertThat(o.packetsIn()).isEqualTo(1);
    }
  }

  @Test
  void givenCorePacketFromStranger_whenReceived_thenDroppedAsUnknownSourceAndUeGetsNothing() throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(2, false));
         var call = E2aeCall.open(relay, E2aeCall.srtpAccess());
         var stranger = new Peer()) {
      stranger.send(Packets.rtp(1, 160, 42, 160), call.coreSide.localRtp());
      byte[] rtp = Packets.rtp(2, 320, 42, 160);
      call.core.send(rtp, call.coreSide.localRtp());
      byte[] srtp = call.ue.receive();
      assertThat(srtp).hasSize(rtp.length + 10);
      assertThat(srtp[3]).isEqualTo((byte) 2);                        // the UE's first packet is the valid one
      TerminationStatistics s = await(call.coreSide.statistics());
      assertThat(s.discarded(DiscardReason.UNKNOWN_SOURCE)).isEqualTo(1);
      assertThat(s.packetsIn()).isEqualTo(2);
    }
  }
}
