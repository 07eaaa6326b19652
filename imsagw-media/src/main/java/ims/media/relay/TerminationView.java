package ims.media.relay;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one termination is doing, for operators and metrics: taken as a task on its event loop, so it is consistent
 * in itself. Names the SRTP suites only, never a key, salt or MKI.
 *
 * @param id the termination's Iq id (e.g. {@code ip/1/access/17})
 * @param remoteRtp the address media goes to and is accepted from: the configured one, or the latched one
 * @param latched the remote RTP (or RTCP) address was learned from an authentic packet (H.248.37 latching)
 * @param latching latching is on for this termination
 * @param receiveSuite the suite packets from the remote are unprotected with; empty for plain RTP
 * @param sendSuite the suite packets to the remote are protected with; empty for plain RTP
 */
public record TerminationView(String id, String realm, InetSocketAddress localRtp, InetSocketAddress localRtcp,
    Optional<InetSocketAddress> remoteRtp, Optional<InetSocketAddress> remoteRtcp, boolean rtcpMux, boolean latching,
    boolean latched, MediaMode mode, Optional<String> receiveSuite, Optional<String> sendSuite,
    TerminationStatistics statistics) {
  public TerminationView {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(realm, "realm");
    Objects.requireNonNull(localRtp, "localRtp");
    Objects.requireNonNull(localRtcp, "localRtcp");
    Objects.requireNonNull(remoteRtp, "remoteRtp");
    Objects.requireNonNull(remoteRtcp, "remoteRtcp");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(receiveSuite, "receiveSuite");
    Objects.requireNonNull(sendSuite, "sendSuite");
    Objects.requireNonNull(statistics, "statistics");
  }

  /** When the last packet arrived from the remote; empty if none yet. */
  public Optional<Instant> lastActivity() {
    return statistics.lastActivity();
  }
}
