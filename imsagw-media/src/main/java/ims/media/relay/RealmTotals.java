package ims.media.relay;

import java.util.Objects;

/**
 * One realm's share of a {@link RelayTotals}: its port pool, what its terminations received from their remotes
 * (before any check: discarded packets included), and what they sent to their remotes, i.e. what was forwarded
 * <em>toward</em> this realm. For the e2ae pair, access to core is {@code core.sent()} and core to access is
 * {@code access.sent()}.
 *
 * @param portPairs RTP/RTCP pairs of the realm's range (pool size)
 * @param portPairsInUse pairs handed out and not yet returned
 */
public record RealmTotals(String realm, int portPairs, int portPairsInUse, long receivedPackets,
    long receivedOctets, TrafficCounters sent) {
  public RealmTotals {
    Objects.requireNonNull(realm, "realm");
    Objects.requireNonNull(sent, "sent");
    if (portPairs < 0 || portPairsInUse < 0 || receivedPackets < 0 || receivedOctets < 0) {
      throw new IllegalArgumentException("counters are never negative");
    }
  }
}
