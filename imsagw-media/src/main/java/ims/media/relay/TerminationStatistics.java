package ims.media.relay;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one termination's counters since it was added: packets and octets received on its sockets and sent
 * from them, packets discarded by reason, SSRC changes seen from its remote, and the time of the last packet
 * received. Taken on the termination's event loop, so the numbers are consistent with each other.
 */
public record TerminationStatistics(long packetsIn, long octetsIn, long packetsOut, long octetsOut,
    Map<DiscardReason, Long> discards, long ssrcChanges, Optional<Instant> lastActivity) {
  public TerminationStatistics {
    Objects.requireNonNull(lastActivity, "lastActivity");
    discards = DiscardReason.everyReason(discards);
  }

  public long discarded(DiscardReason reason) {
    return discards.get(reason);
  }

  public long discardedTotal() {
    return DiscardReason.total(discards);
  }
}
