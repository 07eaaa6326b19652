package ims.pcscf.sip;

import ims.pcscf.api.Side;
import ims.pcscf.view.ActiveCall;
import ims.pcscf.view.CallDirection;
import ims.pcscf.view.MediaStreamView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;

/**
 * The call legs in progress, for the monitoring view ({@link ActiveCall}): a leg starts when its initial INVITE is forwarded and ends with BYE (either side), a final
 * error answer to the INVITE (relayed or ours: 4xx-6xx, 408 on timeout, 487 after CANCEL) or the
 * proxy's close. Bounded: beyond {@code capacity} legs a new one is forwarded but not tracked (counted
 * {@code untrackedCalls}; a leg whose BYE never passes stays until close). Thread-safe.
 */
final class ActiveCalls {

  private record Key(String callId, CallDirection direction) {}

  private static final class Leg {
    final ServerTransaction transaction;
    final Instant startedAt;
    final List<StreamModes.Stream> streams;
    final GatewayCall gateway;
    volatile boolean answered;

    Leg(ServerTransaction transaction, Instant startedAt, List<StreamModes.Stream> streams, GatewayCall gateway) {
      this.transaction = transaction;
      this.startedAt = startedAt;
      this.streams = streams;
      this.gateway = gateway;
    }
  }

  private final ConcurrentMap<Key, Leg> legs = new ConcurrentHashMap<>();
  private final Clock clock;
  private final ProxyCounters counters;
  private final int capacity;

  ActiveCalls(Clock clock, ProxyCounters counters, int capacity) {
    this.clock = clock;
    this.counters = counters;
    this.capacity = capacity;
  }

  /**
   * An initial INVITE from {@code from} is about to be forwarded as {@code outgoing} (its SDP is what
   * the other side gets); {@code gateway} is its IMS-AGW call when anchored, else null.
   */
  void started(Side from, ServerTransaction transaction, Request outgoing, GatewayCall gateway) {
    List<StreamModes.Stream> streams = StreamModes.of(outgoing, gateway); // counted by MediaSecurity
    if (legs.size() >= capacity) {
      counters.untrackedCalls.increment();
      return;
    }
    var key = new Key(ProxyContext.callId(outgoing), direction(from));
    legs.put(key, new Leg(transaction, clock.instant(), streams, gateway));
  }

  /** A 2xx to the initial INVITE of {@code transaction} was relayed. */
  void answered(ServerTransaction transaction) {
    find(transaction).ifPresent(leg -> leg.answered = true);
  }

  /** The initial INVITE of {@code transaction} got a final error answer (or was never forwarded). */
  void ended(ServerTransaction transaction) {
    String callId = ProxyContext.callId(transaction.getRequest());
    for (CallDirection d : CallDirection.values()) {
      legs.computeIfPresent(new Key(callId, d), (k, leg) -> leg.transaction == transaction ? null : leg);
    }
  }

  /** BYE: every leg of the Call-ID ends. */
  void ended(String callId) {
    for (CallDirection d : CallDirection.values()) {
      legs.remove(new Key(callId, d));
    }
  }

  void clear() {
    legs.clear();
  }

  /** The legs in progress, oldest first. */
  List<ActiveCall> snapshot() {
    var result = new ArrayList<ActiveCall>();
    legs.forEach((key, leg) -> result.add(view(key, leg)));
    result.sort(Comparator.comparing(ActiveCall::startedAt));
    return List.copyOf(result);
  }

  private Optional<Leg> find(ServerTransaction transaction) {
    String callId = ProxyContext.callId(transaction.getRequest());
    for (CallDirection d : CallDirection.values()) {
      Leg leg = legs.get(new Key(callId, d));
      if (leg != null && leg.transaction == transaction) {
        return Optional.of(leg);
      }
    }
    return Optional.empty();
  }

  private static ActiveCall view(Key key, Leg leg) {
    List<GatewayCall.StreamContext> contexts = leg.gateway == null ? List.of() : leg.gateway.streams();
    var streams = new ArrayList<MediaStreamView>(leg.streams.size());
    for (StreamModes.Stream s : leg.streams) {
      List<Long> ids = contexts.stream().filter(c -> c.index == s.index()).map(c -> c.context.value()).toList();
      streams.add(new MediaStreamView(s.index(), s.media(), s.mode(), ids));
    }
    return new ActiveCall(key.callId(), key.direction(), leg.startedAt, leg.answered, streams);
  }

  private static CallDirection direction(Side from) {
    return from == Side.ACCESS ? CallDirection.ORIGINATING : CallDirection.TERMINATING;
  }
}
