package ims.media.relay;

import static ims.media.relay.RelayFixture.await;
import static ims.media.relay.RelayGatewayHandlerTest.CORE_LOCAL;
import static ims.media.relay.RelayGatewayHandlerTest.coreRemote;
import static ims.media.relay.RelayGatewayHandlerTest.localOf;
import static ims.media.relay.RelayGatewayHandlerTest.portOf;
import static ims.media.relay.RelayGatewayHandlerTest.success;
import static ims.media.relay.RelayGatewayHandlerTest.ueRemote;
import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.gateway.CommandOutcome;
import ims.iq.message.AddReply;
import ims.iq.message.ContextId;
import ims.iq.message.LocalControl;
import ims.iq.message.Media;
import ims.iq.message.Modify;
import ims.iq.message.SdpText;
import ims.iq.message.Stream;
import ims.iq.message.StreamMode;
import ims.iq.message.StreamParms;
import ims.iq.message.TerminationId;
import ims.media.srtp.SrtpReceiveContext;
import ims.media.srtp.SrtpSendContext;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A remote address learned by latching (H.248.37) survives Modify commands that do not move the remote (mode
 * changes, a restated Remote), and gives way to a Remote that names a new address. The UE's SDP names one socket,
 * its packets come from another, as behind a NAT.
 */
@Timeout(30)
class LatchingModifyTest {
  private static final String SUITE = "AES_CM_128_HMAC_SHA1_80";
  private static final int UE_SSRC = 0x61;
  private static final int CORE_SSRC = 0x62;

  /** A latched e2ae context over the handler: the UE sent one authentic packet from {@code ue}. */
  private static final class LatchedCall implements AutoCloseable {
    final MediaRelay relay = MediaRelay.start(RelayFixture.config(2, true));
    final RelayGatewayHandler handler = new RelayGatewayHandler(relay);
    final Peer ue = new Peer();
    final Peer sdpAddress = new Peer();
    final Peer core = new Peer();
    final SrtpSendContext ueTx = RelayFixture.ueSender(UE_SSRC);
    final SrtpReceiveContext ueRx = RelayFixture.ueReceiver(CORE_SSRC);
    final ContextId context;
    final TerminationId access;
    final InetSocketAddress accessPoint;
    final InetSocketAddress corePoint;
    private int seq;

    LatchedCall() throws Exception {
      var a = success(handler.add(ContextId.CHOOSE, RelayViewsTest.latchingAccess(sdpAddress.address().getPort())));
      var c = success(handler.add(a.context(), RelayGatewayHandlerTest.add("core", StreamMode.SEND_RECEIVE,
          SdpText.of(CORE_LOCAL), SdpText.of(coreRemote(core.address().getPort())))));
      context = a.context();
      access = ((AddReply) a.reply()).terminationId();
      accessPoint = new InetSocketAddress("127.0.0.1", portOf(localOf(a)));
      corePoint = new InetSocketAddress("127.0.0.1", portOf(localOf(c)));
      byte[] up = Packets.rtp(1, 160, UE_SSRC, 160);
      ue.send(RelayFixture.srtp(ueTx, up), accessPoint);
      assertThat(core.receive()).isEqualTo(up);
    }

    /** The core sends one RTP packet; returns what {@code at} receives, unprotected and checked. */
    void coreSendsAndArrivesAt(Peer at) throws Exception {
      seq++;
      byte[] down = Packets.rtp(seq, 160 * seq, CORE_SSRC, 160);
      core.send(down, corePoint);
      byte[] got = at.receive();
      assertThat(RelayFixture.plain(ueRx, got)).isEqualTo(down);
    }

    CommandOutcome.Success modify(StreamParms parms) throws Exception {
      return success(handler.modify(context, Modify.of(access, Media.of(new Stream(1, parms)))));
    }

    TerminationView accessView() throws Exception {
      return await(handler.contexts()).get(0).terminations().get(0);
    }

    @Override
    public void close() {
      ueTx.close();
      ueRx.close();
      handler.close();
      relay.close();
      ue.close();
      sdpAddress.close();
      core.close();
    }
  }

  @Test
  void givenLatchedRemote_whenModifyChangesOnlyTheMode_thenMediaStillGoesToTheLatchedAddress() throws Exception {
    try (var call = new LatchedCall()) {
      call.coreSendsAndArrivesAt(call.ue);
      call.modify(StreamParms.of(LocalControl.of(StreamMode.SEND_ONLY)));
      call.modify(StreamParms.of(LocalControl.of(StreamMode.SEND_RECEIVE)));
      call.coreSendsAndArrivesAt(call.ue);
      call.sdpAddress.assertNothingWithin(200);
      assertThat(call.accessView().latched()).isTrue();
      assertThat(call.accessView().remoteRtp()).contains(call.ue.address());
    }
  }

  @Test
  void givenLatchedRemote_whenModifyRestatesTheSameRemote_thenTheLatchIsKept() throws Exception {
    try (var call = new LatchedCall()) {
      call.modify(new StreamParms(Optional.empty(), Optional.empty(),
          Optional.of(SdpText.of(ueRemote(call.sdpAddress.address().getPort(), SUITE))), Optional.empty()));
      call.coreSendsAndArrivesAt(call.ue);
      call.sdpAddress.assertNothingWithin(200);
      assertThat(call.accessView().latched()).isTrue();
    }
  }

  @Test
  void givenLatchedRemote_whenModifyNamesANewRemote_thenMediaGoesThereUntilLatchedAnew() throws Exception {
    try (var call = new LatchedCall(); var moved = new Peer()) {
      call.modify(new StreamParms(Optional.empty(), Optional.empty(),
          Optional.of(SdpText.of(ueRemote(moved.address().getPort(), SUITE))), Optional.empty()));
      TerminationView view = call.accessView();
      assertThat(view.latched()).isFalse();
      assertThat(view.remoteRtp()).contains(moved.address());
      call.coreSendsAndArrivesAt(moved);
      call.ue.assertNothingWithin(200);
    }
  }
}
