/**
 * The IMS-AGW media relay (TS 33.328 6.2.1.1/6.2.1.3): per context an access termination (SRTP/SRTCP toward the UE)
 * and a core termination (RTP/RTCP toward the network), moved by Netty UDP sockets and driven over Iq.
 *
 * <h2>Types</h2>
 * <ul>
 *   <li>{@link ims.media.relay.MediaRelay}: event loops (native epoll when available, NIO otherwise), one
 *       {@link ims.media.relay.PortPool} per {@link ims.media.relay.Realm} (RTP even, RTCP = RTP + 1), contexts.</li>
 *   <li>{@link ims.media.relay.RelayContext}: up to two terminations whose sockets share one event loop;
 *       {@link ims.media.relay.RelayTermination} is the control-plane handle of one (configure, statistics,
 *       release); {@link ims.media.relay.TerminationSettings} what the controller sets (remote, mode, latching,
 *       rtcp-mux, receive/send SRTP parameters).</li>
 *   <li>{@link ims.media.relay.RelayGatewayHandler}: the Iq gateway side (Add/Modify/Subtract/AuditValue) on top of
 *       the relay; {@link ims.media.relay.ControllerWatchdog} releases everything when the controller falls silent.</li>
 *   <li>{@link ims.media.relay.TerminationStatistics} and {@link ims.media.relay.DiscardReason}: counters per
 *       termination.</li>
 * </ul>
 *
 * <h2>Packet path</h2>
 * A datagram received on a termination is checked in this order, each failure a counted drop: source (the remote,
 * unless latching is on and the packet will authenticate) → gate (stream mode) → header (version, length) → copy into
 * the event loop's scratch array → SSRC (known, or a trial context from the same master key, bounded per
 * termination) → unprotect in place with the receive keys → peer's gate and route → protect in place with the peer's
 * send keys → copy into a reusable datagram of the peer ({@link ims.media.relay.SendRing}) → write from the peer's
 * socket, one flush per read batch. The received buffer is released as soon as it is copied. All state is confined
 * to the context's event loop: no locks, and nothing allocated per packet by this package (Netty's receive path
 * still makes a {@code DatagramPacket} per datagram, and on the open sockets the sender's address as well; see
 * {@code AllocationPerPacketTest}).
 *
 * <h2>Sockets</h2>
 * Each port of a termination ({@link ims.media.relay.MediaPort}) has an open socket that receives from anyone (source
 * check, latching, unknown-source counters); on epoll the RTP port also has a connected twin on the same port that
 * carries the remote's datagrams once the remote is known ({@link ims.media.relay.RelayConfig#connectedSockets()}): the kernel
 * picks the twin for the remote's datagrams, and Netty reads and writes a connected socket without address objects.
 *
 * <h2>Views, metrics and events</h2>
 * {@link ims.media.relay.MediaRelay#totals()} sums per-loop single-writer counters with opaque reads;
 * {@link ims.media.relay.RelayGatewayHandler#contexts()} lists contexts through one task per loop; a periodic sweep
 * per loop finds {@link ims.media.relay.MediaEvent}s (media inactivity, authentication-failure bursts, key lifetime,
 * termination heartbeats), which the handler reports to the controller as Notify. None of them touches the packet path's locks (there are none) or
 * key material.
 *
 * <h2>Keys</h2>
 * The relay owns the {@link ims.media.srtp.MasterKey}s handed to it in settings: it keeps them to recognise the same
 * key on a later Modify (same key: contexts, ROC and replay window kept; new key: new contexts, old ones wiped) and
 * wipes them on release, on replacement, or at once on refusal.
 */
package ims.media.relay;
