package ims.media.relay;

import static ims.media.relay.RelayFixture.await;
import static ims.media.relay.RelayGatewayHandlerTest.CORE_LOCAL;
import static ims.media.relay.RelayGatewayHandlerTest.accessLocal;
import static ims.media.relay.RelayGatewayHandlerTest.coreRemote;
import static ims.media.relay.RelayGatewayHandlerTest.localOf;
import static ims.media.relay.RelayGatewayHandlerTest.portOf;
import static ims.media.relay.RelayGatewayHandlerTest.success;
import static ims.media.relay.RelayGatewayHandlerTest.ueRemote;
import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.message.Add;
import ims.iq.message.AddReply;
import ims.iq.message.ContextId;
import ims.iq.message.LocalControl;
import ims.iq.message.Media;
import ims.iq.message.PropertyParm;
import ims.iq.message.SdpText;
import ims.iq.message.Stream;
import ims.iq.message.StreamMode;
import ims.iq.message.StreamParms;
import ims.iq.message.TerminationId;
import ims.iq.message.TerminationState;
import ims.media.srtp.MasterKey;
import ims.media.srtp.SrtpContextFactory;
import ims.media.srtp.SrtpParameters;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The launcher's read-only views: relay-wide totals and the per-context list, checked against real traffic. */
@Timeout(30)
class RelayViewsTest {
  private static final String SUITE = "AES_CM_128_HMAC_SHA1_80";
  private static final int UE_SSRC = 0x51;
  private static final int CORE_SSRC = 0x52;
  /** RTP header (12) + 160 octets of G.711; SRTP adds the 10-octet tag of the _80 suite. */
  private static final int RTP_LENGTH = 172;
  private static final int SRTP_LENGTH = 182;

  /** Runs an empty task on the context's loop: everything the loop did before is visible afterwards. */
  static void drain(RelayContext context) throws Exception {
    var done = new CompletableFuture<Void>();
    context.eventLoop().execute(() -> done.complete(null));
    await(done);
  }

  @Test
  void givenE2aeCallWithMediaBothWaysAndBadPackets_whenTotalsAreRead_thenEachDirectionDiscardAndPortIsCounted()
      throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(2, true));
         var call = E2aeCall.open(relay, E2aeCall.srtpAccess());
         var stranger = new Peer();
         var ueTx = RelayFixture.ueSender(UE_SSRC);
         var wrongKey = MasterKey.of(HexFormat.of().parseHex("00112233445566778899aabbccddeeff"),
             HexFormat.of().parseHex("00112233445566778899aabbccdd"));
         var wrongFactory = new SrtpContextFactory(SrtpParameters.of(RelayFixture.PROFILE, wrongKey));
         var wrongTx = wrongFactory.newSendContext(UE_SSRC)) {
      RelayTotals idle = relay.totals();
      assertThat(idle.liveContexts()).isEqualTo(1);
      assertThat(idle.liveTerminations()).isEqualTo(2);
      assertThat(idle.accessToCore()).isEqualTo(TrafficCounters.ZERO);

      for (int seq = 1; seq <= 3; seq++) {
        byte[] up = Packets.rtp(seq, 160 * seq, UE_SSRC, 160);
        call.ueSends(ueTx, up);
        assertThat(call.core.receive()).isEqualTo(up);
      }
      byte[] report = Packets.rtcpReceiverReport(UE_SSRC, CORE_SSRC);
      byte[] buf = Packets.withRoom(report, 32);
      call.ue.send(Arrays.copyOf(buf, ueTx.protectRtcp(buf, 0, report.length)), call.access.localRtcp());
      assertThat(call.core.receive()).isEqualTo(report);
      for (int seq = 1; seq <= 2; seq++) {
        call.core.send(Packets.rtp(seq, 160 * seq, CORE_SSRC, 160), call.coreSide.localRtp());
        assertThat(call.ue.receive()).hasSize(SRTP_LENGTH);
      }
      call.ueSends(wrongTx, Packets.rtp(4, 640, UE_SSRC, 160));                  // AUTH_FAILURE
      stranger.send(Packets.rtp(5, 800, UE_SSRC, 160), call.access.localRtp());   // UNKNOWN_SOURCE
      byte[] last = Packets.rtp(6, 960, UE_SSRC, 160);
      call.ueSends(ueTx, last);
      assertThat(call.core.receive()).isEqualTo(last);
      drain(call.context);

      RelayTotals t = relay.totals();
      assertThat(t.accessToCore()).isEqualTo(new TrafficCounters(4, 4L * RTP_LENGTH, 1, report.length));
      assertThat(t.coreToAccess()).isEqualTo(new TrafficCounters(2, 2L * SRTP_LENGTH, 0, 0));
      RealmTotals access = t.realm(Realm.ACCESS);
      assertThat(access.receivedPackets()).isEqualTo(7);     // 4 good SRTP, 1 SRTCP, wrong key, stranger
      assertThat(access.receivedOctets()).isEqualTo(4L * SRTP_LENGTH + report.length + 4 + 10 + SRTP_LENGTH
          + RTP_LENGTH);
      assertThat(t.realm(Realm.CORE).receivedPackets()).isEqualTo(2);
      assertThat(t.discarded(DiscardReason.AUTH_FAILURE)).isEqualTo(1);
      assertThat(t.discarded(DiscardReason.UNKNOWN_SOURCE)).isEqualTo(1);
      assertThat(t.discardedTotal()).isEqualTo(2);
      assertThat(access.portPairs()).isEqualTo(2);
      assertThat(access.portPairsInUse()).isEqualTo(1);
      assertThat(t.realm(Realm.CORE).portPairsInUse()).isEqualTo(1);

      await(call.context.release());
      RelayTotals after = relay.totals();
      assertThat(after.liveContexts()).isZero();
      assertThat(after.liveTerminations()).isZero();
      assertThat(after.realm(Realm.ACCESS).portPairsInUse()).isZero();
      assertThat(after.accessToCore()).isEqualTo(t.accessToCore());     // totals outlive the terminations
      assertThat(after.discards()).isEqualTo(t.discards());
    }
  }

  @Test
  void givenLatchingE2aeContextOverIq_whenContextsAreListed_thenTheyShowIdsAddressesLatchAndSuitesButNoKey()
      throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(2, true));
         var handler = new RelayGatewayHandler(relay);
         var ue = new Peer(); var sdpAddress = new Peer(); var core = new Peer();
         var ueTx = RelayFixture.ueSender(UE_SSRC)) {
      // The UE's SDP names one address (sdpAddress); its packets come from another (ue), as behind a NAT.
      var a = success(handler.add(ContextId.CHOOSE, latchingAccess(sdpAddress.address().getPort())));
      var c = success(handler.add(a.context(), RelayGatewayHandlerTest.add("core", StreamMode.SEND_RECEIVE,
          SdpText.of(CORE_LOCAL), SdpText.of(coreRemote(core.address().getPort())))));
      int accessPort = portOf(localOf(a));
      byte[] up = Packets.rtp(1, 160, UE_SSRC, 160);
      ue.send(RelayFixture.srtp(ueTx, up), new InetSocketAddress("127.0.0.1", accessPort));
      assertThat(core.receive()).isEqualTo(up);

      List<ContextView> views = await(handler.contexts());
      assertThat(views).hasSize(1);
      ContextView context = views.get(0);
      assertThat(ContextId.of(context.contextId())).isEqualTo(a.context());
      assertThat(context.terminations()).hasSize(2);
      TerminationView accessView = context.terminations().get(0);
      assertThat(accessView.id()).isEqualTo(((AddReply) a.reply()).terminationId().name());
      assertThat(accessView.realm()).isEqualTo(Realm.ACCESS);
      assertThat(accessView.localRtp().getPort()).isEqualTo(accessPort);
      assertThat(accessView.localRtcp().getPort()).isEqualTo(accessPort + 1);
      assertThat(accessView.latching()).isTrue();
      assertThat(accessView.latched()).isTrue();
      assertThat(accessView.remoteRtp()).contains(ue.address());
      assertThat(accessView.mode()).isEqualTo(MediaMode.SEND_RECEIVE);
      assertThat(accessView.receiveSuite()).contains(SUITE);
      assertThat(accessView.sendSuite()).contains(SUITE);
      assertThat(accessView.statistics().packetsIn()).isEqualTo(1);
      assertThat(accessView.lastActivity()).isPresent();

      TerminationView coreView = context.terminations().get(1);
      assertThat(coreView.id()).isEqualTo(((AddReply) c.reply()).terminationId().name());
      assertThat(coreView.realm()).isEqualTo(Realm.CORE);
      assertThat(coreView.remoteRtp()).contains(core.address());
      assertThat(coreView.latched()).isFalse();
      assertThat(coreView.receiveSuite()).isEmpty();
      assertThat(coreView.sendSuite()).isEmpty();
      assertThat(coreView.statistics().packetsOut()).isEqualTo(1);

      String text = views.toString();
      for (byte[] key : List.of(RelayFixture.UE_KEY, RelayFixture.AGW_KEY)) {
        assertThat(text).doesNotContain(Base64.getEncoder().encodeToString(key).substring(0, 12))
            .doesNotContain(HexFormat.of().formatHex(key));
      }
      assertThat(text).doesNotContain("inline");

      await(handler.releaseAll());
      assertThat(await(handler.contexts())).isEmpty();
    }
  }

  /** Reserve and configure the access side with latching on, the UE's SDP naming port {@code sdpPort}. */
  static Add latchingAccess(int sdpPort) {
    return Add.of(TerminationId.CHOOSE, Media.of(TerminationState.of(PropertyParm.quoted("ipdc/realm", "access")),
        new Stream(1, StreamParms.of(LocalControl.of(StreamMode.SEND_RECEIVE, PropertyParm.of("ipnapt/latch", "ON")),
            SdpText.of(accessLocal(SUITE)), SdpText.of(ueRemote(sdpPort, SUITE))))));
  }
}
