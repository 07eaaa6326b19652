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
 * unless latching is on and the packet will authenticate) → gate (stream mode) → header (version, length) → SSRC
 * (known, or a trial context from the same master key, bounded per termination) → unprotect with the receive keys →
 * peer's gate and route → protect with the peer's send keys (in place when the receive buffer has tailroom, else in
 * one pooled buffer) → write from the peer's socket, one flush per read batch. All state is confined to the
 * context's event loop: no locks, no allocation by this package except Netty's {@code DatagramPacket} envelope per
 * forwarded packet (kept for sendmmsg batching on epoll) and the pooled buffer where a slice has no tailroom.
 *
 * <h2>Keys</h2>
 * The relay owns the {@link ims.media.srtp.MasterKey}s handed to it in settings: it keeps them to recognise the same
 * key on a later Modify (same key: contexts, ROC and replay window kept; new key: new contexts, old ones wiped) and
 * wipes them on release, on replacement, or at once on refusal.
 */
package ims.media.relay;
