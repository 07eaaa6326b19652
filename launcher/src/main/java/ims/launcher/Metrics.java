package ims.launcher;

import ims.iq.controller.AssociationState;
import ims.iq.controller.IqController;
import ims.iq.message.CommandKind;
import ims.iq.transport.TransactionStats;
import ims.media.relay.DiscardReason;
import ims.media.relay.MediaRelay;
import ims.media.relay.Realm;
import ims.media.relay.RelayGatewayHandler;
import ims.media.relay.RelayTotals;
import ims.media.relay.TrafficCounters;
import ims.pcscf.sip.PcscfProxy;
import ims.pcscf.sip.ProxyCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Binds the modules' counters to Micrometer as function counters and gauges over their snapshots: read at
 * scrape time, nothing added to the SIP or packet paths. Prometheus names: {@code ims_pcscf_*}, {@code ims_iq_*},
 * {@code ims_agw_*}.
 */
final class Metrics {
  private Metrics() {}

  /**
   * The P-CSCF: registrations and active calls, calls by security mode, its Iq requests (outcomes, latency) and
   * every other counter of {@link ProxyCounters.Snapshot} (new ones included, by reflection).
   */
  static void bindPcscf(MeterRegistry registry, PcscfProxy proxy) {
    Gauge.builder("ims.pcscf.registrations", proxy, p -> p.registrations().size())
        .description("Live registration bindings (contacts) in the P-CSCF's store").register(registry);
    Gauge.builder("ims.pcscf.active.calls", proxy, p -> p.activeCalls().size())
        .description("Call legs from the initial INVITE until BYE or a final failure").register(registry);
    var modes = new java.util.LinkedHashMap<String, ToDoubleFunction<ProxyCounters.Snapshot>>();
    modes.put("e2ae", ProxyCounters.Snapshot::callsE2ae);
    modes.put("e2e_sdes", ProxyCounters.Snapshot::callsE2eSdes);
    modes.put("kms", ProxyCounters.Snapshot::callsKms);
    modes.put("plain", ProxyCounters.Snapshot::callsPlain);
    modes.put("no_offer", ProxyCounters.Snapshot::callsWithoutOffer);
    modes.forEach((mode, f) -> FunctionCounter.builder("ims.pcscf.calls", proxy, p -> f.applyAsDouble(p.counters()))
        .description("Call legs (initial INVITEs forwarded) by media security mode").tag("mode", mode)
        .register(registry));
    var outcomes = new java.util.LinkedHashMap<String, ToDoubleFunction<ProxyCounters.Snapshot>>();
    outcomes.put("succeeded", ProxyCounters.Snapshot::iqSucceeded);
    outcomes.put("error_reply", ProxyCounters.Snapshot::iqErrorReplies);
    outcomes.put("timeout", ProxyCounters.Snapshot::iqTimeouts);
    outcomes.put("other_failure", ProxyCounters.Snapshot::iqOtherFailures);
    outcomes.forEach((outcome, f) -> FunctionCounter.builder("ims.pcscf.iq.requests", proxy,
            p -> f.applyAsDouble(p.counters()))
        .description("Iq requests the P-CSCF sent to the IMS-AGW (reserve, configure, release), by outcome")
        .tag("outcome", outcome).register(registry));
    FunctionTimer.builder("ims.pcscf.iq.latency", proxy, p -> p.counters().iqCompleted(),
            p -> p.counters().iqLatencyMicrosTotal(), TimeUnit.MICROSECONDS)
        .description("Round trip of the P-CSCF's Iq requests to the IMS-AGW").register(registry);
    Gauge.builder("ims.pcscf.iq.latency.max", proxy, p -> p.counters().iqLatencyMicrosMax() / 1e6)
        .description("Slowest Iq round trip since start").baseUnit("seconds").register(registry);
    for (RecordComponent c : ProxyCounters.Snapshot.class.getRecordComponents()) {
      String name = c.getName();
      if (c.getType() != long.class || name.startsWith("calls") || name.startsWith("iq")) {
        continue;
      }
      Method accessor = c.getAccessor();
      FunctionCounter.builder("ims.pcscf." + dotted(name), proxy, p -> read(accessor, p.counters()))
          .description("P-CSCF counter " + name + " (ProxyCounters.Snapshot)").register(registry);
    }
  }

  static void bindController(MeterRegistry registry, IqController controller) {
    bindTransactions(registry, "controller", controller, IqController::transactionStats);
    for (AssociationState state : AssociationState.values()) {
      Gauge.builder("ims.iq.association.state", controller, c -> c.state() == state ? 1 : 0)
          .description("1 for the Iq controller's current association state with its gateway")
          .tag("state", state.name().toLowerCase(Locale.ROOT)).register(registry);
    }
  }

  /** The IMS-AGW: contexts, packets forwarded and received, drops by reason, port pools (relay totals). */
  static void bindGateway(MeterRegistry registry, AgwNode agw) {
    bindTransactions(registry, "gateway", agw, a -> a.server().transactionStats());
    ObservedGateway g = agw.observed();
    MediaRelay relay = agw.relay();
    Gauge.builder("ims.agw.contexts", relay, MediaRelay::liveContexts)
        .description("IMS-AGW contexts held now").register(registry);
    Gauge.builder("ims.agw.terminations", relay, MediaRelay::liveTerminations)
        .description("IMS-AGW terminations held now").register(registry);
    FunctionCounter.builder("ims.agw.context.creations", g, ObservedGateway::contextsCreated)
        .description("IMS-AGW contexts created by Iq Add").register(registry);
    FunctionCounter.builder("ims.agw.context.releases", agw,
            a -> Math.max(0, a.observed().contextsCreated() - a.relay().liveContexts()))
        .description("IMS-AGW contexts released (created minus held now)").register(registry);
    FunctionCounter.builder("ims.agw.double.releases", relay, MediaRelay::doubleReleases)
        .description("Release calls on a termination already released (controller-side bugs)").register(registry);
    RelayGatewayHandler handler = agw.handler();
    FunctionCounter.builder("ims.agw.notifies.sent", handler, RelayGatewayHandler::notifiesSent)
        .description("Media events (Iq Notify) sent to the controller").register(registry);
    FunctionCounter.builder("ims.agw.notifies.dropped", handler, RelayGatewayHandler::notifiesDropped)
        .description("Media events not sent (per-sweep or outstanding-Notify bound)").register(registry);
    FunctionCounter.builder("ims.agw.notifies.failed", handler, RelayGatewayHandler::notifiesFailed)
        .description("Media event Notifies the controller did not accept or answer").register(registry);
    FunctionCounter.builder("ims.agw.ssrc.changes", relay, r -> r.totals().ssrcChanges())
        .description("New SSRCs seen on established streams").register(registry);
    for (String direction : List.of("access_to_core", "core_to_access")) {
      Function<RelayTotals, TrafficCounters> traffic =
          direction.equals("access_to_core") ? RelayTotals::accessToCore : RelayTotals::coreToAccess;
      FunctionCounter.builder("ims.agw.packets.forwarded", relay, r -> traffic.apply(r.totals()).rtpPackets())
          .description("Packets the IMS-AGW forwarded").tag("direction", direction).tag("kind", "rtp")
          .register(registry);
      FunctionCounter.builder("ims.agw.packets.forwarded", relay, r -> traffic.apply(r.totals()).rtcpPackets())
          .description("Packets the IMS-AGW forwarded").tag("direction", direction).tag("kind", "rtcp")
          .register(registry);
      FunctionCounter.builder("ims.agw.octets.forwarded", relay, r -> traffic.apply(r.totals()).octets())
          .description("Octets the IMS-AGW forwarded (RTP and RTCP)").tag("direction", direction).register(registry);
    }
    for (Realm realm : relay.config().realms()) {
      String name = realm.name();
      FunctionCounter.builder("ims.agw.packets.received", relay, r -> r.totals().realm(name).receivedPackets())
          .description("Datagrams received on the realm's media sockets (drops included)").tag("realm", name)
          .register(registry);
      Gauge.builder("ims.agw.port.pairs.in.use", relay, r -> r.pool(name).inUse())
          .description("RTP/RTCP port pairs allocated").tag("realm", name).register(registry);
      Gauge.builder("ims.agw.port.pairs", relay, r -> r.pool(name).range().pairs())
          .description("RTP/RTCP port pairs configured").tag("realm", name).register(registry);
    }
    for (DiscardReason reason : DiscardReason.values()) {
      FunctionCounter.builder("ims.agw.drops", relay, r -> r.totals().discarded(reason))
          .description("Packets the IMS-AGW dropped, by reason").tag("reason", reason.name().toLowerCase(Locale.ROOT))
          .register(registry);
    }
  }

  /** {@code owner} is held by the running product: Micrometer keeps only a weak reference to it. */
  private static <T> void bindTransactions(MeterRegistry registry, String side, T owner,
      Function<T, TransactionStats> stats) {
    counter(registry, side, "requests.sent", owner, stats, TransactionStats::requestsSent, "Iq requests sent");
    counter(registry, side, "retransmissions", owner, stats, TransactionStats::retransmissions, "Iq retransmissions");
    counter(registry, side, "timeouts", owner, stats, TransactionStats::timeouts, "Iq requests that got no reply");
    counter(registry, side, "replies.received", owner, stats, TransactionStats::repliesReceived, "Iq replies received");
    counter(registry, side, "handler.invocations", owner, stats, TransactionStats::handlerInvocations,
        "Iq requests from the peer handled");
    counter(registry, side, "undecodable", owner, stats, TransactionStats::undecodable, "Iq messages that did not decode");
    counter(registry, side, "overload.drops", owner, stats, TransactionStats::overloadDrops, "Iq requests dropped by caps");
    Gauge.builder("ims.iq.transactions.outstanding", owner, o -> stats.apply(o).outstandingRequests())
        .description("Iq requests awaiting a reply").tag("side", side).register(registry);
    counter(registry, side, "error.replies", owner, stats, s -> s.errorReplies().total(),
        "Replies to our Iq requests that carried an H.248 error");
    FunctionTimer.builder("ims.iq.reply", owner, o -> stats.apply(o).replyLatency().count(),
            o -> stats.apply(o).replyLatency().totalMicros(), TimeUnit.MICROSECONDS)
        .description("Iq round trips, first attempt sent to reply received").tag("side", side).register(registry);
    Gauge.builder("ims.iq.reply.max.seconds", owner, o -> stats.apply(o).replyLatency().maxMicros() / 1e6)
        .description("Longest Iq round trip since start").tag("side", side).register(registry);
    for (CommandKind kind : CommandKind.values()) {
      FunctionCounter.builder("ims.iq.commands.sent", owner, o -> stats.apply(o).commandsSent(kind))
          .description("Commands in the Iq requests we sent, by kind").tag("side", side)
          .tag("command", kind.name().toLowerCase(Locale.ROOT)).register(registry);
    }
  }

  private static <T> void counter(MeterRegistry registry, String side, String name, T owner,
      Function<T, TransactionStats> stats, ToDoubleFunction<TransactionStats> f, String description) {
    FunctionCounter.builder("ims.iq.transactions." + name, owner, o -> f.applyAsDouble(stats.apply(o)))
        .description(description).tag("side", side).register(registry);
  }

  private static double read(Method accessor, Object snapshot) {
    try {
      return ((Number) accessor.invoke(snapshot)).doubleValue();
    } catch (ReflectiveOperationException e) {
      return Double.NaN;
    }
  }

  /** {@code gatewayContextsReserved} -> {@code gateway.contexts.reserved}. */
  static String dotted(String camel) {
    var sb = new StringBuilder();
    for (char ch : camel.toCharArray()) {
      if (Character.isUpperCase(ch)) {
        sb.append('.').append(Character.toLowerCase(ch));
      } else {
        sb.append(ch);
      }
    }
    return sb.toString();
  }
}
