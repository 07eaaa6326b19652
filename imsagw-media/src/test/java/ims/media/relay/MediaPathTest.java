package ims.media.relay;

import static ims.media.relay.RelayFixture.added;
import static ims.media.relay.RelayFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import ims.media.srtp.SrtpReceiveContext;
import ims.media.srtp.SrtpSendContext;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The e2ae media path over real UDP on 127.0.0.1: a UE speaking SRTP/SRTCP, a core peer speaking RTP/RTCP. */
@Timeout(30)
class MediaPathTest {
  private static final int UE_SSRC = 0x11223344;
  private static final int CORE_SSRC = 0x55667788;

  @ParameterizedTest(name = "epoll preferred: {0}")
  @ValueSource(booleans = {true, false})
  void givenE2aeContext_whenBothSidesSendRtpAndRtcp_thenEachSideGetsTheOtherSidesPacketsByteForByte(boolean epoll)
      throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(4, epoll));
         var ue = new Peer(); var coreRtp = new Peer(); var coreRtcp = new Peer();
         SrtpSendContext ueTx = RelayFixture.ueSender(UE_SSRC);
         SrtpReceiveContext ueRx = RelayFixture.ueReceiver(CORE_SSRC)) {
      assertThat(relay.usesEpoll()).isEqualTo(epoll && io.netty.channel.epoll.Epoll.isAvailable());
      RelayContext context = relay.newContext();
      // The UE uses one socket for RTP and RTCP: its RTCP remote is given explicitly.
      RelayTermination access = added(context.add(Realm.ACCESS, new TerminationSettings(Optional.of(ue.address()),
          Optional.of(ue.address()), false, MediaMode.SEND_RECEIVE, false,
          Optional.of(RelayFixture.ueKey()), Optional.of(RelayFixture.agwKey()))));
      RelayTermination core = added(context.add(Realm.CORE, new TerminationSettings(Optional.of(coreRtp.address()),
          Optional.of(coreRtcp.address()), false, MediaMode.SEND_RECEIVE, false, Optional.empty(), Optional.empty())));

      // UE -> core: SRTP in, the original RTP out.
      for (int seq = 65_530; seq < 65_540; seq++) {     // crosses a sequence-number wrap (ROC 0 -> 1)
        byte[] rtp = Packets.rtp(seq & 0xFFFF, 160 * seq, UE_SSRC, 160);
        byte[] srtp = Packets.withRoom(rtp, 16);
        int n = ueTx.protectRtp(srtp, 0, rtp.length);
        assertThat(n).isEqualTo(rtp.length + 10);
        ue.send(Arrays.copyOf(srtp, n), access.localRtp());
        assertThat(coreRtp.receive()).isEqualTo(rtp);
      }

      // core -> UE: RTP in, SRTP out that the UE's libsrtp-equivalent context authenticates and decrypts.
      for (int seq = 100; seq < 110; seq++) {
        byte[] rtp = Packets.rtp(seq, 160 * seq, CORE_SSRC, 160);
        coreRtp.send(rtp, core.localRtp());
        byte[] srtp = ue.receive();
        assertThat(srtp).hasSize(rtp.length + 10);
        int n = ueRx.unprotectRtp(srtp, 0, srtp.length);
        assertThat(n).isEqualTo(rtp.length);
        assertThat(Arrays.copyOf(srtp, n)).isEqualTo(rtp);
      }

      // RTCP both ways.
      byte[] rr = Packets.rtcpReceiverReport(UE_SSRC, CORE_SSRC);
      byte[] srtcp = Packets.withRoom(rr, 32);
      int n = ueTx.protectRtcp(srtcp, 0, rr.length);
      ue.send(Arrays.copyOf(srtcp, n), access.localRtcp());
      assertThat(coreRtcp.receive()).isEqualTo(rr);

      byte[] coreRr = Packets.rtcpReceiverReport(CORE_SSRC, UE_SSRC);
      coreRtcp.send(coreRr, core.localRtcp());
      byte[] fromRelay = ue.receive();            // the UE's single socket is both its RTP and RTCP remote here
      int m = ueRx.unprotectRtcp(fromRelay, 0, fromRelay.length);
      assertThat(m).isEqualTo(coreRr.length);
      assertThat(Arrays.copyOf(fromRelay, m)).isEqualTo(coreRr);

      TerminationStatistics a = await(access.statistics());
      TerminationStatistics c = await(core.statistics());
      assertThat(a.packetsIn()).isEqualTo(11);
      assertThat(a.packetsOut()).isEqualTo(11);
      assertThat(c.packetsIn()).isEqualTo(11);
      assertThat(c.packetsOut()).isEqualTo(11);
      assertThat(a.octetsIn()).isEqualTo(10L * (172 + 10) + (32 + 4 + 10));
      assertThat(c.octetsOut()).isEqualTo(10L * 172 + 32);
      assertThat(a.discardedTotal()).isZero();
      assertThat(c.discardedTotal()).isZero();
      assertThat(a.lastActivity()).isPresent();
      assertThat(a.ssrcChanges()).isZero();
      assertThat(await(context.release())).hasSize(2);
    }
  }
}
