package ims.media.relay;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of the whole relay's counters since it started (released terminations included), taken without
 * stopping or locking the packet path: each counter is read once, so two counters may be a few packets apart, but
 * every counter only grows. Holds no key material and no per-call data.
 *
 * @param epoll the native epoll transport carries the media (NIO otherwise)
 * @param realms per realm, in configuration order
 * @param discards packets dropped, by reason (every reason present)
 * @param ssrcChanges new SSRCs seen on established streams
 * @param liveContexts contexts holding at least one termination
 * @param liveTerminations terminations added and not yet released
 * @param doubleReleases release calls on a termination already released (controller-side bugs)
 */
public record RelayTotals(Instant takenAt, boolean epoll, List<RealmTotals> realms, Map<DiscardReason, Long> discards,
    long ssrcChanges, long liveContexts, long liveTerminations, long doubleReleases) {
  public RelayTotals {
    Objects.requireNonNull(takenAt, "takenAt");
    realms = List.copyOf(realms);
    discards = DiscardReason.everyReason(discards);
  }

  /** The realm named {@code name}. */
  public RealmTotals realm(String name) {
    for (RealmTotals r : realms) {
      if (r.realm().equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("no realm " + name);
  }

  /** Forwarded from the access realm to the core realm (SRTP in, RTP out): what the core terminations sent. */
  public TrafficCounters accessToCore() {
    return realm(Realm.CORE).sent();
  }

  /** Forwarded from the core realm to the access realm (RTP in, SRTP out): what the access terminations sent. */
  public TrafficCounters coreToAccess() {
    return realm(Realm.ACCESS).sent();
  }

  public long discarded(DiscardReason reason) {
    return discards.get(reason);
  }

  public long discardedTotal() {
    return DiscardReason.total(discards);
  }
}
