package ims.media.relay;

import static ims.media.relay.RelayFixture.added;

import ims.media.srtp.SrtpSendContext;
import java.util.Optional;

/** One e2ae context of a relay with a simulated UE and core peer (test helper). */
final class E2aeCall implements AutoCloseable {
  final Peer ue;
  final Peer core;
  final RelayContext context;
  final RelayTermination access;
  final RelayTermination coreSide;

  private E2aeCall(Peer ue, Peer core, RelayContext context, RelayTermination access, RelayTermination coreSide) {
    this.ue = ue;
    this.core = core;
    this.context = context;
    this.access = access;
    this.coreSide = coreSide;
  }

  /** UE and core peer each on one socket (RTP and RTCP remotes = that socket). */
  static E2aeCall open(MediaRelay relay, TerminationSettings accessSettings) throws Exception {
    var ue = new Peer();
    var core = new Peer();
    RelayContext context = relay.newContext();
    var access = added(context.add(Realm.ACCESS, accessSettings.remoteRtp().isPresent()
        ? new TerminationSettings(Optional.of(ue.address()), Optional.of(ue.address()), accessSettings.rtcpMux(),
            accessSettings.mode(), accessSettings.latching(), accessSettings.receiveKeys(), accessSettings.sendKeys())
        : accessSettings));
    var coreSide = added(context.add(Realm.CORE, new TerminationSettings(Optional.of(core.address()),
        Optional.of(core.address()), false, MediaMode.SEND_RECEIVE, false, Optional.empty(), Optional.empty())));
    return new E2aeCall(ue, core, context, access, coreSide);
  }

  /** Access settings with the UE as remote (filled in by {@link #open}), UE key in, AGW key out. */
  static TerminationSettings srtpAccess() {
    return TerminationSettings.plain().withRemote(new java.net.InetSocketAddress(0))
        .withKeys(Optional.of(RelayFixture.ueKey()), Optional.of(RelayFixture.agwKey()));
  }

  /** Protects {@code rtp} with {@code tx} and sends it from the UE to the access RTP port. */
  byte[] ueSends(SrtpSendContext tx, byte[] rtp) throws Exception {
    byte[] srtp = RelayFixture.srtp(tx, rtp);
    ue.send(srtp, access.localRtp());
    return srtp;
  }

  /**
   * One SRTP packet up ({@code srtp}, sent as it is) and {@code down} (RTP, its sequence number set to {@code seq})
   * down, each awaited at the far end: one datagram per wake-up of the relay in each direction.
   */
  void relayOneEachWay(byte[] srtp, byte[] down, int seq) throws Exception {
    ue.send(srtp, access.localRtp());
    core.receive();
    down[2] = (byte) (seq >> 8);
    down[3] = (byte) seq;
    core.send(down, coreSide.localRtp());
    ue.receive();
  }

  @Override
  public void close() {
    ue.close();
    core.close();
  }
}
