package ims.media.relay;

import ims.media.rtp.RtpHeaders;
import ims.media.srtp.SrtpKeyListener;
import ims.media.srtp.SrtpParameters;
import ims.media.srtp.SrtpReceiveContext;
import ims.media.srtp.SrtpSendContext;
import ims.media.srtp.SrtpStatus;
import io.netty.buffer.ByteBuf;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.Future;
import io.netty.util.internal.PlatformDependent;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packet-path state of one termination: its sockets, remote addresses, mode, crypto contexts and counters, and
 * the peer termination of its context. Every field is confined to the context's event loop: the control plane
 * reaches it only through tasks on that loop ({@link RelayTermination}), so nothing here is locked or volatile.
 *
 * <p>A packet received on this termination's sockets is checked (source, gate, header) before any crypto work,
 * unprotected with the receive keys (if any), handed to the peer, protected with the peer's send keys (if any) and
 * written from the peer's socket to the peer's remote. A dropped packet is released and counted here, under the
 * reason; a forwarded one is owned by the write.
 */
final class Termination {
  /**
   * After a trial context for an unknown SSRC failed to authenticate, no new trial for this long: each costs a key
   * derivation, and a flood of forged SSRCs must not turn into a flood of derivations.
   */
  private static final long TRIAL_BACKOFF_NANOS = 20_000_000L;
  /** At most one drop summary per termination per this interval (no per-packet logging). */
  private static final long DROP_LOG_INTERVAL_NANOS = 10_000_000_000L;
  private static final Logger log = LoggerFactory.getLogger(Termination.class);
  /**
   * Bytes of the scratch array beyond the largest datagram: room for any SRTP/SRTCP trailer protect appends
   * (index 4 + MKI up to 128 + tag up to 16).
   */
  static final int SCRATCH_ROOM = 256;
  /** Netty copies direct buffers with Unsafe (else through NIO views, see {@link #copyOut}). */
  private static final boolean UNSAFE_COPIES = PlatformDependent.hasUnsafe();

  final String realm;
  final PortPair ports;
  private final int maxSsrcs;
  /** The loop's relay-wide counters, and this realm's index in them. */
  private final RelayCounters totals;
  private final int realmIndex;
  MediaPort rtpPort;
  MediaPort rtcpPort;
  Termination peer;

  private InetSocketAddress remoteRtp;
  private InetSocketAddress remoteRtcp;
  /** The remotes as configured (Remote descriptor); the ones above differ once latched. */
  private InetSocketAddress configuredRtp;
  private InetSocketAddress configuredRtcp;
  private boolean latchedRtp;
  private boolean latchedRtcp;
  private boolean rtcpMux;
  private MediaMode mode = MediaMode.SEND_RECEIVE;
  private boolean latching;
  private SsrcContexts<SrtpReceiveContext> rx;
  private SsrcContexts<SrtpSendContext> tx;
  /** A trial receive context that failed: kept for its SSRC so repeated garbage does not derive keys again. */
  private SrtpReceiveContext spareRx;
  private long lastFailedTrialNanos;
  private boolean trialFailed;
  private boolean plainSsrcSeen;
  private int plainSsrc;
  private boolean released;
  /** Reusable datagrams toward this termination's remote (see {@link SendRing}). */
  private final SendRing sendRing = new SendRing();
  /** The loop's packet scratch (shared by its terminations; one packet at a time on a loop). */
  private final byte[] scratch;
  /** The loop's budget of drop summaries (over all its terminations). */
  private final DropLog dropLog;
  /** Why the last {@link #unprotect} failed (a field, so the packet path returns a primitive). */
  private DiscardReason unprotectFailure;

  private long packetsIn;
  private long octetsIn;
  private long packetsOut;
  private long octetsOut;
  private final long[] discards = new long[DiscardReason.VALUES.length];
  private long ssrcChanges;
  private long lastActivityNanos;
  private boolean active;
  private long lastDropLogNanos;
  private boolean dropLogged;

  // Event watching: written by the packet path (flowPackets, the expired-key bits) or by the sweep, both on the loop.
  /** The control-plane handle, for events; set once the termination is added. */
  RelayTermination handle;
  /** Position in the loop's {@link EventSweep}; -1 when not in it. */
  int sweepIndex = -1;
  /** Packets that came from the remote (passed the source check): media inactivity is measured on these. */
  private long flowPackets;
  private long inactivityNanos;
  private long heartbeatNanos;
  private long lastHeartbeatNanos;
  private long flowSample;
  private long lastFlowNanos;
  private boolean inactivityReported;
  /** Authentication-failure counts of the last window's sweeps, a ring; null until watched. */
  private long[] authFailureSamples;
  private int authFailurePosition;
  private boolean inAuthFailureBurst;
  private boolean burstReported;
  private long lastBurstEventNanos;
  private boolean anyBurstReported;
  /** Bit i: master key i of the receive (send) parameters reached its lifetime; set by the SRTP engine's listener. */
  private int receiveKeysExpired;
  private int sendKeysExpired;
  private int receiveKeysReported;
  private int sendKeysReported;
  private final SrtpKeyListener receiveKeyListener = (context, index) -> receiveKeysExpired |= keyBit(index);
  private final SrtpKeyListener sendKeyListener = (context, index) -> sendKeysExpired |= keyBit(index);

  Termination(String realm, PortPair ports, int maxSsrcs, LoopState loop, int realmIndex) {
    this.realm = realm;
    this.scratch = loop.scratch;
    this.dropLog = loop.dropLog;
    this.ports = ports;
    this.maxSsrcs = maxSsrcs;
    this.totals = loop.counters;
    this.realmIndex = realmIndex;
  }

  // ------------------------------------------------------------------ control (tasks on the loop)

  /** Applies settings; the same receive/send parameters as now keep their contexts (ROC, replay window). */
  void apply(TerminationSettings s) {
    apply(s, true, true);
  }

  /**
   * Applies remote, mux, mode and latching, and the receive (send) keys only when {@code receiveKeys}
   * ({@code sendKeys}) is set; keys not applied are closed.
   */
  void apply(TerminationSettings s, boolean receiveKeys, boolean sendKeys) {
    InetSocketAddress rtp = s.remoteRtp().orElse(null);
    InetSocketAddress rtcp = s.remoteRtcp().orElse(null);
    if (rtcp == null && rtp != null) {
      rtcp = s.rtcpMux() ? rtp : new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1);
    }
    // A latched address stays while the controller's remote is unchanged (a Modify without Remote, or with the same
    // one, e.g. a mode change or a re-key): the SDP address of a UE behind a NAT is not where its packets come from.
    // A new remote, a change of rtcp-mux or latching switched off go back to the configured address.
    boolean keepLatched = s.latching() && s.rtcpMux() == rtcpMux && Objects.equals(rtp, configuredRtp)
        && Objects.equals(rtcp, configuredRtcp);
    configuredRtp = rtp;
    configuredRtcp = rtcp;
    if (!(keepLatched && latchedRtp)) {
      remoteRtp = rtp;
      latchedRtp = false;
    }
    if (!(keepLatched && latchedRtcp)) {
      remoteRtcp = rtcp;
      latchedRtcp = false;
    }
    rtcpMux = s.rtcpMux();
    mode = s.mode();
    latching = s.latching();
    if (receiveKeys) {
      closeSpare();
      var before = rx;
      rx = rekey(rx, s.receiveKeys(), SsrcContexts.RECEIVE, receiveKeyListener);
      if (rx != before) {
        receiveKeysExpired = 0;
        receiveKeysReported = 0;
      }
    } else {
      s.receiveKeys().ifPresent(SsrcContexts::closeKeys);
    }
    if (sendKeys) {
      var before = tx;
      tx = rekey(tx, s.sendKeys(), SsrcContexts.SEND, sendKeyListener);
      if (tx != before) {
        sendKeysExpired = 0;
        sendKeysReported = 0;
      }
    } else {
      s.sendKeys().ifPresent(SsrcContexts::closeKeys);
    }
    if (latching && rx == null) {
      latching = false;    // latching needs an authentic packet, so receive keys
      remoteRtp = configuredRtp;
      remoteRtcp = configuredRtcp;
      latchedRtp = false;
      latchedRtcp = false;
    }
    followRemotes();
  }

  /** Points the ports' connected twins (where they have them) at the remotes in use. */
  private void followRemotes() {
    rtpPort.follow(remoteRtp);
    rtcpPort.follow(rtcpMux ? null : remoteRtcp);
  }

  private <C extends ims.media.srtp.SrtpContext> SsrcContexts<C> rekey(SsrcContexts<C> current,
      Optional<SrtpParameters> next, SsrcContexts.Creator<C> creator, SrtpKeyListener keyListener) {
    if (next.isEmpty()) {
      if (current != null) {
        current.close();
      }
      return null;
    }
    if (current != null && current.params().equals(next.get())) {
      if (next.get() != current.params()) {
        SsrcContexts.closeKeys(next.get());
      }
      return current;
    }
    if (current != null) {
      current.close();
    }
    return new SsrcContexts<>(next.get(), creator, maxSsrcs, keyListener);
  }

  private void closeSpare() {
    if (spareRx != null) {
      spareRx.close();
      spareRx = null;
    }
  }

  /** Wipes keys and unlinks; the caller closes the channels and returns the ports. Idempotent. */
  boolean release() {
    if (released) {
      return false;
    }
    released = true;
    if (peer != null) {
      peer.peer = null;
      peer = null;
    }
    closeSpare();
    if (rx != null) {
      rx.close();
    }
    if (tx != null) {
      tx.close();
    }
    sendRing.close();
    return true;
  }

  boolean isReleased() {
    return released;
  }

  /** True once every key this termination held is wiped (after release, or when it never had any). */
  boolean keysWiped() {
    return (rx == null || rx.isClosed()) && (tx == null || tx.isClosed()) && spareRx == null;
  }

  InetSocketAddress remoteRtp() {
    return remoteRtp;
  }

  /** A key-free view (suites by name only); runs on the loop. */
  TerminationView view(String id, InetSocketAddress localRtp) {
    return new TerminationView(id, realm, localRtp, new InetSocketAddress(localRtp.getAddress(), ports.rtcp()),
        Optional.ofNullable(remoteRtp), Optional.ofNullable(remoteRtcp), rtcpMux, latching, latchedRtp || latchedRtcp,
        mode, suiteOf(rx), suiteOf(tx), statistics());
  }

  private static Optional<String> suiteOf(SsrcContexts<?> contexts) {
    return contexts == null ? Optional.empty() : Optional.of(contexts.params().profile().name());
  }

  TerminationStatistics statistics() {
    var map = new EnumMap<DiscardReason, Long>(DiscardReason.class);
    for (DiscardReason r : DiscardReason.VALUES) {
      map.put(r, discards[r.ordinal()]);
    }
    Optional<Instant> last = active
        ? Optional.of(Instant.now().minusNanos(System.nanoTime() - lastActivityNanos))
        : Optional.empty();
    return new TerminationStatistics(packetsIn, octetsIn, packetsOut, octetsOut, map, ssrcChanges, last);
  }

  // ------------------------------------------------------------------ packet path

  /** One datagram received on this termination's RTP ({@code rtcpSocket == false}) or RTCP socket; released here. */
  void receive(DatagramPacket packet, boolean rtcpSocket) {
    ByteBuf buf = packet.content();
    int length = buf.readableBytes();
    packetsIn++;
    octetsIn += length;
    totals.received(realmIndex, length);
    lastActivityNanos = System.nanoTime();
    active = true;
    // Copied out at once (one bulk copy; every later check reads the array, with no reference-count or bounds check
    // per byte) and released: what is forwarded goes out of a copy (see send).
    boolean fits = length <= scratch.length - SCRATCH_ROOM;
    if (fits) {
      copyOut(buf, scratch, length);
    }
    InetSocketAddress sender = packet.sender();
    packet.release();
    boolean rtcp = rtcpSocket || (rtcpMux && fits && RtpHeaders.isRtcpOnMuxedPort(scratch, length));
    DiscardReason why = process(sender, length, fits, rtcp);
    if (why != null) {
      discards[why.ordinal()]++;
      totals.discarded(why);
      if (!dropLogged || lastActivityNanos - lastDropLogNanos >= DROP_LOG_INTERVAL_NANOS) {
        dropLogged = true;                 // this termination's summary is due: logged, or held back by the loop
        lastDropLogNanos = lastActivityNanos;
        if (dropLog.tryLog(lastActivityNanos)) {
          logDrops(why);
        }
      }
    }
  }

  /**
   * A rate-limited summary (one per termination per interval, and a budget per event loop): counters, the latest
   * reason and how many other summaries the loop held back; never packet bytes, addresses of strangers or keys.
   */
  private void logDrops(DiscardReason latest) {
    long heldBack = dropLog.takeHeldBack();
    if (log.isInfoEnabled()) {
      log.info("{} termination on port {}: dropped {} (auth {}, replay {}, malformed {}, unknown source {}, gate {}),"
          + " latest {}; {} summaries of other terminations held back", realm, ports.rtp(), total(),
          discards[DiscardReason.AUTH_FAILURE.ordinal()], discards[DiscardReason.REPLAY.ordinal()],
          discards[DiscardReason.MALFORMED.ordinal()], discards[DiscardReason.UNKNOWN_SOURCE.ordinal()],
          discards[DiscardReason.GATE_CLOSED.ordinal()], latest, heldBack);
    }
  }

  private long total() {
    long sum = 0;
    for (long d : discards) {
      sum += d;
    }
    return sum;
  }

  /**
   * Null when the packet in the loop's scratch array ({@code length} bytes, copied there if it {@code fits}) was
   * forwarded, else why it must be dropped. The checks that need no crypto come first; the SRTP engine then works in
   * place on the array (its array API), and the result is copied into a reusable outgoing datagram.
   */
  private DiscardReason process(InetSocketAddress sender, int length, boolean fits, boolean rtcp) {
    if (released) {
      return DiscardReason.NO_ROUTE;
    }
    InetSocketAddress expected = rtcp ? remoteRtcp : remoteRtp;
    boolean fromRemote = expected != null && expected.equals(sender);
    if (!fromRemote && !(latching && rx != null)) {
      return DiscardReason.UNKNOWN_SOURCE;
    }
    flowPackets++;
    if (!mode.receives()) {
      return DiscardReason.GATE_CLOSED;
    }
    if (!fits) {
      return DiscardReason.MALFORMED;      // larger than any receive buffer: cannot happen, never trusted
    }
    if (!RtpHeaders.isWellFormed(scratch, length, rtcp)) {
      return DiscardReason.MALFORMED;
    }
    int ssrc = RtpHeaders.ssrc(scratch, rtcp);
    if (rx != null) {
      int plain = unprotect(length, ssrc, rtcp);
      if (plain < 0) {
        return unprotectFailure;
      }
      length = plain;
      if (!fromRemote) {
        latch(sender, rtcp);
      }
    } else if (!rtcp) {
      if (plainSsrcSeen && plainSsrc != ssrc) {
        ssrcChanges++;
        totals.ssrcChanged();
      }
      plainSsrcSeen = true;
      plainSsrc = ssrc;
    }
    Termination to = peer;
    return to == null ? DiscardReason.NO_ROUTE : to.send(scratch, length, ssrc, rtcp);
  }

  /**
   * Copies the readable bytes of {@code buf} to {@code to[0..length)} without allocating where Netty allows it:
   * when Netty uses {@code sun.misc.Unsafe}, {@code getBytes} is a plain memory copy; without it (JDK 24+
   * unless {@code --sun-misc-unsafe-memory-access=allow}) {@code getBytes} duplicates the NIO buffer per call, so the
   * buffer's internal NIO view is used instead, which a whole buffer caches (a receive slice still makes one).
   */
  private static void copyOut(ByteBuf buf, byte[] to, int length) {
    int reader = buf.readerIndex();
    if (!UNSAFE_COPIES && buf.nioBufferCount() == 1) {
      ByteBuffer nio = buf.internalNioBuffer(reader, length);
      nio.get(nio.position(), to, 0, length);
    } else {
      buf.getBytes(reader, to, 0, length);
    }
  }

  /** Appends {@code from[0..length)} to {@code buf}, the same way (see {@link #copyOut}). */
  private static void copyIn(byte[] from, int length, ByteBuf buf) {
    if (!UNSAFE_COPIES && buf.nioBufferCount() == 1) {
      ByteBuffer nio = buf.internalNioBuffer(buf.writerIndex(), length);
      nio.put(nio.position(), from, 0, length);
      buf.writerIndex(buf.writerIndex() + length);
    } else {
      buf.writeBytes(from, 0, length);
    }
  }

  /** Unprotects {@code scratch[0..length)} in place: the plain length, or -1 with {@link #unprotectFailure} set. */
  private int unprotect(int length, int ssrc, boolean rtcp) {
    SrtpReceiveContext context = rx.find(ssrc);
    boolean trial = context == null;
    if (trial) {
      if (rx.isFull()) {
        return fail(DiscardReason.TOO_MANY_SSRCS);
      }
      if (spareRx != null && spareRx.ssrc() == ssrc) {
        context = spareRx;
      } else {
        if (trialFailed && System.nanoTime() - lastFailedTrialNanos < TRIAL_BACKOFF_NANOS) {
          return fail(DiscardReason.TOO_MANY_SSRCS);
        }
        closeSpare();
        context = rx.create(ssrc);
        if (context == null) {
          return fail(DiscardReason.KEY_EXPIRED);
        }
      }
    }
    int result = rtcp ? context.unprotectRtcp(scratch, 0, length) : context.unprotectRtp(scratch, 0, length);
    if (result < 0) {
      if (trial) {
        spareRx = context;
        trialFailed = true;
        lastFailedTrialNanos = System.nanoTime();
      }
      return fail(DiscardReason.ofUnprotect(SrtpStatus.ofResult(result)));
    }
    if (trial) {
      trialFailed = false;
      if (context == spareRx) {
        spareRx = null;
      }
      if (rx.size() > 0) {
        ssrcChanges++;
        totals.ssrcChanged();
      }
      rx.commit(ssrc, context);
    }
    return result;
  }

  private int fail(DiscardReason why) {
    unprotectFailure = why;
    return -1;
  }

  private void latch(InetSocketAddress sender, boolean rtcp) {
    if (rtcp) {
      remoteRtcp = sender;
      latchedRtcp = true;
    } else {
      remoteRtp = sender;
      latchedRtp = true;
      if (rtcpMux) {
        remoteRtcp = sender;
        latchedRtcp = true;
      }
    }
    followRemotes();
  }

  /**
   * Sends {@code packet[0..length)} (arrived on the peer, already unprotected) toward this termination's remote,
   * protected in place first if this side has send keys ({@code packet} has {@link #SCRATCH_ROOM} bytes after it);
   * null when written.
   */
  private DiscardReason send(byte[] packet, int length, int ssrc, boolean rtcp) {
    InetSocketAddress to = rtcp ? remoteRtcp : remoteRtp;
    if (to == null) {
      return DiscardReason.NO_ROUTE;
    }
    if (!mode.sends()) {
      return DiscardReason.GATE_CLOSED;
    }
    if (tx != null) {
      SrtpSendContext context = tx.find(ssrc);
      if (context == null) {
        if (tx.isFull()) {
          return DiscardReason.TOO_MANY_SSRCS;
        }
        context = tx.create(ssrc);
        if (context == null) {
          return DiscardReason.PROTECT_FAILED;
        }
        tx.commit(ssrc, context);
      }
      length = rtcp ? context.protectRtcp(packet, 0, length) : context.protectRtp(packet, 0, length);
      if (length < 0) {
        return DiscardReason.PROTECT_FAILED;
      }
    }
    MediaPort port = rtcp && !rtcpMux ? rtcpPort : rtpPort;
    DatagramPacket slot = sendRing.acquire(port.alloc(), to, length);
    if (slot == null) {
      // Every reusable datagram is in flight (a socket that cannot keep up): one of its own, from the pool.
      ByteBuf out = port.alloc().directBuffer(length);
      copyIn(packet, length, out);
      slot = new DatagramPacket(out, to);
    } else {
      copyIn(packet, length, slot.content());
      slot.retain();                         // the ring keeps its reference; Netty releases this one once sent
    }
    packetsOut++;
    octetsOut += length;
    totals.sent(realmIndex, rtcp, length);
    port.write(slot);
    return null;
  }

  // ------------------------------------------------------------------ events (the loop's sweep)

  private static int keyBit(int masterKeyIndex) {
    return 1 << Math.min(masterKeyIndex, 31);
  }

  /** The sweep starts looking at this termination: failures before now are not part of a burst. */
  void startWatching(MediaEventConfig config, long nowNanos) {
    authFailureSamples = new long[config.windowSweeps()];
    Arrays.fill(authFailureSamples, discards[DiscardReason.AUTH_FAILURE.ordinal()]);
    authFailurePosition = 0;
    inAuthFailureBurst = false;
    if (inactivityNanos > 0) {
      armInactivity(nowNanos);
    }
  }

  /** Reports a heartbeat every {@code nanos}, the first one {@code nanos} from now; 0 stops. */
  void reportHeartbeat(long nanos) {
    heartbeatNanos = nanos;
    lastHeartbeatNanos = System.nanoTime();
  }

  /** Reports media inactivity after {@code nanos} without a packet from the remote; 0 stops. */
  void detectInactivity(long nanos) {
    inactivityNanos = nanos;
    armInactivity(System.nanoTime());
  }

  private void armInactivity(long nowNanos) {
    flowSample = flowPackets;
    lastFlowNanos = nowNanos;
    inactivityReported = false;
  }

  /** One look at the counters by the loop's sweep; events go through {@code sweep.emit}, which may defer them. */
  void sweep(long now, EventSweep sweep) {
    if (released || handle == null) {
      return;
    }
    if (flowPackets != flowSample) {
      armInactivity(now);
    } else if (inactivityNanos > 0 && !inactivityReported && now - lastFlowNanos >= inactivityNanos) {
      inactivityReported = sweep.emit(new MediaEvent.MediaInactive(handle, Duration.ofNanos(inactivityNanos)));
    }
    if (heartbeatNanos > 0 && now - lastHeartbeatNanos >= heartbeatNanos
        && sweep.emit(new MediaEvent.Heartbeat(handle))) {
      lastHeartbeatNanos = now;
    }
    sweepAuthFailures(now, sweep);
    receiveKeysReported = reportKeys(sweep, MediaEvent.KeyUse.RECEIVE, receiveKeysExpired, receiveKeysReported);
    sendKeysReported = reportKeys(sweep, MediaEvent.KeyUse.SEND, sendKeysExpired, sendKeysReported);
  }

  private void sweepAuthFailures(long now, EventSweep sweep) {
    if (authFailureSamples == null) {
      return;
    }
    MediaEventConfig config = sweep.config();
    long current = discards[DiscardReason.AUTH_FAILURE.ordinal()];
    long inWindow = current - authFailureSamples[authFailurePosition];
    authFailureSamples[authFailurePosition] = current;
    authFailurePosition = (authFailurePosition + 1) % authFailureSamples.length;
    if (inWindow == 0) {
      inAuthFailureBurst = false;          // a whole window without failures ends the burst
      burstReported = false;
      return;
    }
    if (inWindow >= config.authFailureBurst()) {
      inAuthFailureBurst = true;
    }
    boolean rateAllows = !anyBurstReported || now - lastBurstEventNanos >= config.minBurstInterval().toNanos();
    if (inAuthFailureBurst && !burstReported && rateAllows
        && sweep.emit(new MediaEvent.AuthFailureBurst(handle, inWindow, config.authFailureWindow()))) {
      burstReported = true;
      anyBurstReported = true;
      lastBurstEventNanos = now;
    }
  }

  /** Reports each newly expired key bit once; returns the reported bits. */
  private int reportKeys(EventSweep sweep, MediaEvent.KeyUse use, int expired, int reported) {
    int fresh = expired & ~reported;
    while (fresh != 0) {
      int index = Integer.numberOfTrailingZeros(fresh);
      if (!sweep.emit(new MediaEvent.KeyLifetimeReached(handle, use, index))) {
        break;
      }
      reported |= 1 << index;
      fresh &= fresh - 1;
    }
    return reported;
  }

  /** After a read batch on the peer: one flush per socket that has writes pending. */
  void flushPending() {
    rtpPort.flush();
    rtcpPort.flush();
  }

  /** Closes the sockets of both ports; the future completes once the ports are free. */
  Future<Void> closeSockets() {
    var done = rtpPort.open().eventLoop().<Void>newPromise();
    rtpPort.close().addListener(a -> rtcpPort.close().addListener(b -> done.setSuccess(null)));
    return done;
  }
}
