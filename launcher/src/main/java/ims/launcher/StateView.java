package ims.launcher;

import ims.media.relay.ContextView;
import ims.media.relay.DiscardReason;
import ims.media.relay.TerminationStatistics;
import ims.media.relay.TerminationView;
import ims.pcscf.registration.Binding;
import ims.pcscf.view.ActiveCall;
import ims.pcscf.view.MediaStreamView;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The operator's view of live state, as served on {@code /state} (JSON) and printed by {@code ims-e2ae state}:
 * registrations with their mediasec capability, active calls with the security mode of each stream and the
 * gateway contexts behind them, and the gateway's contexts with per-stream packet and drop counters. Built from
 * the modules' key-free views; it has no field that could hold a key (suite names only).
 */
record StateView(String role, boolean ready, String takenAt, Iq iq, List<Registration> registrations,
    List<Call> calls, List<GatewayContext> gatewayContexts) {

  StateView {
    registrations = List.copyOf(registrations);
    calls = List.copyOf(calls);
    gatewayContexts = List.copyOf(gatewayContexts);
  }

  /** The Iq association as the P-CSCF's controller sees it, or the gateway's registration (role agw). */
  record Iq(String association, String peer) {}

  record Registration(String aor, String contact, String ue, String transport, boolean mediasec,
      boolean networkOffersE2ae, boolean e2aeAgreed, long expiresInSeconds) {
    static Registration of(Binding b, Instant now) {
      return new Registration(b.aor().toString(), b.contact(), hostPort(b.ueAddress().source()),
          b.ueAddress().transport().name(), b.ueSupportsE2ae(), b.networkOffersE2ae(), b.e2aeAgreed(),
          Math.max(0, Duration.between(now, b.expiresAt()).toSeconds()));
    }
  }

  record Call(String callId, String direction, String mode, String startedAt, boolean answered,
      List<Stream> streams) {
    Call {
      streams = List.copyOf(streams);
    }

    static Call of(ActiveCall c) {
      return new Call(c.callId(), lower(c.direction().name()), lower(c.mode().name()), c.startedAt().toString(),
          c.answered(), c.streams().stream().map(Stream::of).toList());
    }
  }

  record Stream(int index, String media, String mode, List<Long> gatewayContexts) {
    Stream {
      gatewayContexts = List.copyOf(gatewayContexts);
    }

    static Stream of(MediaStreamView s) {
      return new Stream(s.index(), s.media(), lower(s.mode().name()), s.gatewayContexts());
    }
  }

  record GatewayContext(long context, List<GatewayTermination> terminations) {
    GatewayContext {
      terminations = List.copyOf(terminations);
    }

    static GatewayContext of(ContextView c) {
      return new GatewayContext(c.contextId(), c.terminations().stream().map(GatewayTermination::of).toList());
    }
  }

  /** One termination (a stream's leg in one realm) with its counters; suites by name only. */
  record GatewayTermination(String id, String realm, String local, String remote, boolean latched, String mode,
      String receiveSuite, String sendSuite, long packetsIn, long packetsOut, long octetsIn, long octetsOut,
      Map<String, Long> drops, String lastActivity) {
    GatewayTermination {
      drops = Map.copyOf(drops);
    }

    static GatewayTermination of(TerminationView t) {
      TerminationStatistics s = t.statistics();
      var drops = new TreeMap<String, Long>();
      for (DiscardReason reason : DiscardReason.values()) {
        long n = s.discarded(reason);
        if (n > 0) {
          drops.put(lower(reason.name()), n);
        }
      }
      return new GatewayTermination(t.id(), t.realm(), hostPort(t.localRtp()),
          t.remoteRtp().map(StateView::hostPort).orElse(""), t.latched(), lower(t.mode().name()),
          t.receiveSuite().orElse(""), t.sendSuite().orElse(""), s.packetsIn(), s.packetsOut(), s.octetsIn(),
          s.octetsOut(), drops, s.lastActivity().map(Instant::toString).orElse(""));
    }
  }

  static String hostPort(InetSocketAddress a) {
    String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  static String hostPort(Optional<InetSocketAddress> a) {
    return a.map(StateView::hostPort).orElse("");
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
