package ims.pcscf.sip;

import ims.pcscf.api.Side;
import ims.pcscf.view.ActiveCall;
import ims.pcscf.view.CallDirection;
import ims.pcscf.view.MediaStreamView;
import ims.pcscf.view.SecurityMode;
import ims.sdes.SdesParseException;
import ims.sdes.e2ae.StreamClassifier;
import ims.sdes.e2ae.StreamKind;
import ims.sdes.sdp.Sdp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;

/**
 * The call legs in progress, for the monitoring view ({@link ActiveCall}) and the per-mode call
 * counters: a leg starts when its initial INVITE is forwarded and ends with BYE (either side), a final
 * error answer to the INVITE (relayed or ours: 4xx-6xx, 408 on timeout, 487 after CANCEL) or the
 * proxy's close. Bounded: beyond {@code capacity} legs a new one is forwarded but not tracked (counted
 * {@code untrackedCalls}; a leg whose BYE never passes stays until close). Thread-safe.
 */
final class ActiveCalls {

  private record Key(String callId, CallDirection direction) {}

  /** One stream as classified when the leg started; e2ae streams read their contexts live. */
  private record Stream(int index, String media, SecurityMode mode) {}

  private static final class Leg {
    final ServerTransaction transaction;
    final Instant startedAt;
    final List<Stream> streams;
    final GatewayCall gateway;
    volatile boolean answered;

    Leg(ServerTransaction transaction, Instant startedAt, List<Stream> streams, GatewayCall gateway) {
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
    List<Stream> streams = streamsOf(outgoing, gateway);
    SecurityMode mode = ActiveCall.modeOf(streams.stream().map(Stream::mode).toList());
    if (streams.isEmpty()) {
      counters.callsWithoutOffer.increment();
    } else {
      counters.callsByMode(mode).increment();
    }
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
    for (Stream s : leg.streams) {
      List<Long> ids = contexts.stream().filter(c -> c.index == s.index()).map(c -> c.context.value()).toList();
      streams.add(new MediaStreamView(s.index(), s.media(), s.mode(), ids));
    }
    return new ActiveCall(key.callId(), key.direction(), leg.startedAt, leg.answered, streams);
  }

  /**
   * The streams of the forwarded offer: those anchored at the IMS-AGW are e2ae, the others as the
   * {@code sdes} classifier sees them (a stray e2ae request that was not anchored travels as e2e SDES).
   */
  private static List<Stream> streamsOf(Request outgoing, GatewayCall gateway) {
    Optional<String> body = SdpBody.of(outgoing);
    if (body.isEmpty()) {
      return List.of();
    }
    Set<Integer> anchored = gateway == null ? Set.of()
        : gateway.streams().stream().map(c -> c.index).collect(Collectors.toUnmodifiableSet());
    try {
      Sdp sdp = Sdp.parse(body.get());
      List<StreamKind> kinds = StreamClassifier.classify(sdp);
      var streams = new ArrayList<Stream>(kinds.size());
      for (int i = 0; i < kinds.size(); i++) {
        SecurityMode mode = anchored.contains(i) ? SecurityMode.E2AE : switch (kinds.get(i)) {
          case E2AE_REQUESTED, E2E_SDES -> SecurityMode.E2E_SDES;
          case KMS -> SecurityMode.KMS;
          case PLAIN -> SecurityMode.PLAIN;
        };
        streams.add(new Stream(i, sdp.media(i).description().media(), mode));
      }
      return List.copyOf(streams);
    } catch (SdesParseException e) {
      return List.of(); // the spoof filter has already refused bodies that do not parse
    }
  }

  private static CallDirection direction(Side from) {
    return from == Side.ACCESS ? CallDirection.ORIGINATING : CallDirection.TERMINATING;
  }
}
