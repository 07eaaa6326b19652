package ims.media.relay;

import ims.iq.gateway.CommandOutcome;
import ims.iq.gateway.IqGatewayHandler;
import ims.iq.gateway.WildcardAuditOutcome;
import ims.iq.message.Add;
import ims.iq.message.AddReply;
import ims.iq.message.AmmCommand;
import ims.iq.message.Audit;
import ims.iq.message.AuditValue;
import ims.iq.message.AuditValueReply;
import ims.iq.message.ContextId;
import ims.iq.message.Descriptor;
import ims.iq.message.ErrorCode;
import ims.iq.message.EventParameter;
import ims.iq.message.Events;
import ims.iq.message.LocalControl;
import ims.iq.message.Media;
import ims.iq.message.Modify;
import ims.iq.message.ModifyReply;
import ims.iq.message.ObservedEvent;
import ims.iq.message.ObservedEvents;
import ims.iq.message.PropertyParm;
import ims.iq.message.RequestedEvent;
import ims.iq.message.SdpText;
import ims.iq.message.SrtpStatistics;
import ims.iq.message.Statistics;
import ims.iq.message.StatisticsParameter;
import ims.iq.message.Stream;
import ims.iq.message.StreamMode;
import ims.iq.message.StreamParms;
import ims.iq.message.Subtract;
import ims.iq.message.SubtractReply;
import ims.iq.message.TerminationId;
import ims.iq.message.TerminationState;
import ims.iq.message.Value;
import ims.media.srtp.SrtpParameters;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway side of Iq on top of the {@link MediaRelay}: Add reserves (and configures) a termination in the
 * realm named by {@code ipdc/realm}, with its SRTP keys from the {@code a=crypto} lines of the Local (encrypt toward
 * the remote) and Remote (decrypt from the remote) SDP; Modify changes remote, mode and keys (the same key keeps its
 * crypto contexts, ROC and replay window); Subtract releases the termination and returns its statistics; AuditValue
 * returns them without releasing.
 *
 * <p>Every failure is an Iq error reply and leaves nothing allocated: a termination that could not be set up is not
 * added, a context chosen for it ({@code $}) is not kept, and every key parsed for it is wiped. Each termination is
 * released exactly once: Subtract removes it from the handler's table before releasing, so a repeated Subtract gets
 * 430. Thread-safe: the tables are guarded by this object; relay work runs on the contexts' event loops.
 */
public final class RelayGatewayHandler implements IqGatewayHandler, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RelayGatewayHandler.class);
  /** H.248.37 IP NAPT traversal: latching on the termination. */
  static final String LATCH = "ipnapt/latch";
  static final String REALM = "ipdc/realm";
  /** H.248.40 application data inactivity detection: IP flow stop (TS 29.334 lists {@code adid} as optional). */
  static final String INACTIVITY_EVENT = "adid/ipstop";
  /** Detection time of {@code adid/ipstop}, in seconds (the unit is our reading; H.248.40 was not available). */
  static final String DETECTION_TIME = "dt";
  static final String DIRECTION = "dir";
  static final long MAX_DETECTION_SECONDS = 86_400;
  /** H.248.36 termination heartbeat, and its period parameter in seconds. */
  static final String HEARTBEAT_EVENT = "hangterm/thb";
  static final String HEARTBEAT_PERIOD = "timerx";
  /** The heartbeat period when {@code hangterm/thb} comes without {@code timerx}. */
  static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(60);
  /** Notify transactions of ours awaiting the controller's reply; beyond it events are dropped and counted. */
  static final int MAX_NOTIFIES_IN_FLIGHT = 256;
  private static final long NOTIFY_LOG_INTERVAL_NANOS = 10_000_000_000L;

  private final MediaRelay relay;
  private final Map<Long, IqContext> contexts = new LinkedHashMap<>();
  private long nextContext = 1;
  private long nextTermination = 1;
  /** Where each termination's events go (its Iq ids and Events request id); read lock-free by the event sweeps. */
  private final Map<RelayTermination, EventRoute> routes = new ConcurrentHashMap<>();
  private volatile MediaEventConfig eventConfig = MediaEventConfig.DEFAULT;
  private volatile Notifier notifier;
  private final AtomicInteger notifiesInFlight = new AtomicInteger();
  private final AtomicLong notifiesSent = new AtomicLong();
  private final AtomicLong notifiesDropped = new AtomicLong();
  private final AtomicLong notifiesFailed = new AtomicLong();
  private final AtomicLong lastNotifyLogNanos =
      new AtomicLong(System.nanoTime() - NOTIFY_LOG_INTERVAL_NANOS);

  /** A context as the controller sees it: its relay context and named terminations. */
  private static final class IqContext {
    final long id;
    final RelayContext relay;
    final Map<TerminationId, IqTermination> terminations = new LinkedHashMap<>();

    IqContext(long id, RelayContext relay) {
      this.id = id;
      this.relay = relay;
    }
  }

  /** Control-plane view of a termination (no keys: the relay owns those). */
  private record IqTermination(TerminationId id, RelayTermination relay, TerminationSettings media, long addedNanos) {
  }

  public RelayGatewayHandler(MediaRelay relay) {
    this.relay = relay;
  }

  /** Contexts currently held. */
  public synchronized int contextCount() {
    return contexts.size();
  }

  /**
   * Every context with its terminations, as they are now (see {@link ContextView}), in context id order; key-free.
   * The table is copied under this handler's lock (control plane), then one task per event loop reads that loop's
   * terminations, so the packet path is neither locked nor paused. Terminations released meanwhile are left out,
   * and so is a context left without any.
   */
  public CompletableFuture<List<ContextView>> contexts() {
    Map<EventLoop, List<IqContextCopy>> byLoop = new IdentityHashMap<>();
    synchronized (this) {
      for (IqContext c : contexts.values()) {
        byLoop.computeIfAbsent(c.relay.eventLoop(), l -> new ArrayList<>())
            .add(new IqContextCopy(c.id, List.copyOf(c.terminations.values())));
      }
    }
    List<CompletableFuture<List<ContextView>>> parts = new ArrayList<>(byLoop.size());
    byLoop.forEach((loop, copies) -> {
      var part = new CompletableFuture<List<ContextView>>();
      loop.execute(() -> part.complete(views(copies)));
      parts.add(part);
    });
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
      var all = new ArrayList<ContextView>();
      for (var part : parts) {
        all.addAll(part.join());
      }
      all.sort(Comparator.comparingLong(ContextView::contextId));
      return List.copyOf(all);
    });
  }

  /** A context's id and terminations, copied out of the table for a loop task. */
  private record IqContextCopy(long id, List<IqTermination> terminations) {
  }

  /** Runs on the contexts' loop. */
  private static List<ContextView> views(List<IqContextCopy> copies) {
    var out = new ArrayList<ContextView>(copies.size());
    for (IqContextCopy c : copies) {
      var terminations = new ArrayList<TerminationView>(c.terminations().size());
      for (IqTermination t : c.terminations()) {
        TerminationView v = t.relay().viewOnLoop(t.id().name());
        if (v != null) {
          terminations.add(v);
        }
      }
      if (!terminations.isEmpty()) {
        out.add(new ContextView(c.id(), terminations));
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ Add

  @Override
  public CompletionStage<CommandOutcome> add(ContextId context, Add add) {
    try {
      return addChecked(context, add);
    } finally {
      wipe(add);
    }
  }

  private CompletionStage<CommandOutcome> addChecked(ContextId context, Add add) {
    IqContext target;
    boolean chosen = context == ContextId.CHOOSE;
    synchronized (this) {
      if (chosen) {
        target = new IqContext(allocateContextId(), relay.newContext());
      } else if (context instanceof ContextId.Numbered n && contexts.containsKey(n.value())) {
        target = contexts.get(n.value());
      } else {
        return done(CommandOutcome.unknownContext(context));
      }
    }
    if (!add.terminationId().isChoose()) {
      return done(CommandOutcome.failure(ErrorCode.UNKNOWN_TERMINATION_ID,
          "Only $ terminations are supported: " + add.terminationId().name()));
    }
    String realm = realmOf(add).orElse(relay.config().realms().get(0).name());
    if (!relay.config().hasRealm(realm)) {
      return done(CommandOutcome.unsupportedValue(REALM, realm));
    }
    EventsRequest events = EventsRequest.of(add, eventConfig.defaultInactivityTime());
    if (events instanceof EventsRequest.Refused r) {
      return done(r.outcome());
    }
    Request request = Request.of(add, TerminationSettings.plain());
    if (request instanceof Request.Refused r) {
      return done(r.outcome());
    }
    var ok = (Request.Ok) request;
    Optional<String> template = localTemplate(add);
    return target.relay.add(realm, ok.settings()).thenApply(result -> switch (result) {
      case AddResult.Added a -> registered(target, chosen, a.termination(), ok, template, events);
      case AddResult.Refused r -> refused(r);
    });
  }

  private CommandOutcome registered(IqContext target, boolean chosen, RelayTermination t, Request.Ok request,
      Optional<String> template, EventsRequest events) {
    TerminationId id;
    synchronized (this) {
      if (!chosen && contexts.get(target.id) != target) {
        // The context was subtracted while this termination was being bound: it must not outlive it.
        t.release();
        return CommandOutcome.unknownContext(ContextId.of(target.id));
      }
      id = TerminationId.of("ip/1/" + t.realm() + "/" + nextTermination++);
      if (chosen) {
        contexts.put(target.id, target);
      }
      target.terminations.put(id, new IqTermination(id, t, request.settings().withKeys(Optional.empty(),
          Optional.empty()), System.nanoTime()));
      routes.put(t, new EventRoute(ContextId.of(target.id), id, 0));
      applyEvents(t, events);
    }
    return CommandOutcome.success(ContextId.of(target.id), new AddReply(id, localAnswer(template, t)));
  }

  private static CommandOutcome refused(AddResult.Refused r) {
    return switch (r.reason()) {
      case PORTS_EXHAUSTED, BIND_FAILED -> CommandOutcome.insufficientResources(r.detail());
      case CONTEXT_FULL -> CommandOutcome.failure(ErrorCode.TOO_MANY_TERMINATIONS_IN_CONTEXT,
          "Max number of Terminations in a Context exceeded");
      case UNKNOWN_REALM -> CommandOutcome.unsupportedValue(REALM, r.detail());
    };
  }

  // ------------------------------------------------------------------ Modify

  @Override
  public CompletionStage<CommandOutcome> modify(ContextId context, Modify modify) {
    try {
      return modifyChecked(context, modify);
    } finally {
      wipe(modify);
    }
  }

  private CompletionStage<CommandOutcome> modifyChecked(ContextId context, Modify modify) {
    IqContext target;
    IqTermination term;
    synchronized (this) {
      var found = find(context, modify.terminationId());
      if (found instanceof Found.Missing m) {
        return done(m.outcome());
      }
      target = ((Found.Present) found).context();
      term = ((Found.Present) found).termination();
    }
    EventsRequest events = EventsRequest.of(modify, eventConfig.defaultInactivityTime());
    if (events instanceof EventsRequest.Refused r) {
      return done(r.outcome());
    }
    Request request = Request.of(modify, term.media());
    if (request instanceof Request.Refused r) {
      return done(r.outcome());
    }
    var ok = (Request.Ok) request;
    Optional<String> template = localTemplate(modify);
    return term.relay().reconfigure(ok.settings(), ok.replacesReceiveKeys(), ok.replacesSendKeys())
        .handle((v, failure) -> {
          if (failure != null) {
            return CommandOutcome.unknownTermination(term.id());
          }
          synchronized (this) {
            target.terminations.computeIfPresent(term.id(), (k, old) -> new IqTermination(old.id(), old.relay(),
                ok.settings().withKeys(Optional.empty(), Optional.empty()), old.addedNanos()));
            if (target.terminations.containsKey(term.id())) {
              applyEvents(term.relay(), events);
            }
          }
          return CommandOutcome.success(ContextId.of(target.id), new ModifyReply(term.id(),
              localAnswer(template, term.relay())));
        });
  }

  // ------------------------------------------------------------------ Subtract

  @Override
  public CompletionStage<CommandOutcome> subtract(ContextId context, Subtract subtract) {
    List<IqTermination> released = new ArrayList<>();
    IqContext target;
    synchronized (this) {
      if (!(context instanceof ContextId.Numbered n) || !contexts.containsKey(n.value())) {
        return done(CommandOutcome.unknownContext(context));
      }
      target = contexts.get(n.value());
      if (subtract.terminationId().equals(TerminationId.ALL)) {
        released.addAll(target.terminations.values());
        target.terminations.clear();
      } else {
        IqTermination t = target.terminations.remove(subtract.terminationId());
        if (t == null) {
          return done(CommandOutcome.unknownTermination(subtract.terminationId()));
        }
        released.add(t);
      }
      if (target.terminations.isEmpty()) {
        contexts.remove(target.id);
      }
    }
    if (released.isEmpty()) {
      return done(CommandOutcome.success(context, new SubtractReply(subtract.terminationId(), List.of())));
    }
    // One reply per command: statistics of the (first) released termination; a wildcard releases them all.
    List<CompletableFuture<TerminationStatistics>> stats = new ArrayList<>();
    for (IqTermination t : released) {
      routes.remove(t.relay());
      stats.add(t.relay().release());
    }
    IqTermination first = released.get(0);
    return CompletableFuture.allOf(stats.toArray(CompletableFuture[]::new)).handle((v, failure) -> {
      if (failure != null) {
        log.warn("Iq Subtract: release of {} failed: {}", first.id(), failure.getClass().getName());
        return CommandOutcome.internalError("release");
      }
      List<Descriptor> returned = subtract.audit().isPresent()
          ? List.of()
          : List.of(statistics(stats.get(0).join(), first.addedNanos()));
      return CommandOutcome.success(context, new SubtractReply(subtract.terminationId().equals(TerminationId.ALL)
          ? TerminationId.ALL : first.id(), returned));
    });
  }

  // ------------------------------------------------------------------ AuditValue

  /**
   * AuditValue as the controller's resynchronisation sends it ({@code ims.iq.controller}: {@code AuditValue =
   * <termination> { Audit { } }} in the termination's context after ServiceChange Disconnected or Failover): an
   * empty Audit is answered with the termination id alone (it exists), 411 when the context is gone, 430 when the
   * termination is. {@code Audit { Statistics }} adds the termination's statistics (as Subtract returns them),
   * {@code Audit { Media }} its realm, mode and latching (never its SDP: that holds keys); other items are
   * answered with nothing, as the gateway keeps no such descriptor. On ROOT, {@code Audit { Statistics }} returns
   * the relay-wide totals under the same names.
   *
   * <p>{@code Context = *} (other than on ROOT) and wildcard terminations are answered by {@link #auditWildcard}; the
   * server routes them there, so the 501 below only answers a caller that bypasses it.
   */
  @Override
  public CompletionStage<CommandOutcome> auditValue(ContextId context, AuditValue auditValue) {
    List<Audit.AuditItem> items = auditValue.audit().items();
    TerminationId id = auditValue.terminationId();
    if (id.isRoot()) {
      return done(CommandOutcome.success(ContextId.NULL, items.contains(Audit.AuditItem.STATISTICS)
          ? AuditValueReply.of(TerminationId.ROOT, rootStatistics(relay.totals()))
          : AuditValueReply.of(TerminationId.ROOT)));
    }
    if (context == ContextId.ALL || id.isWildcard()) {
      return done(CommandOutcome.failure(ErrorCode.NOT_IMPLEMENTED, "AuditValue of all contexts or of a wildcard"
          + " termination is not implemented: audit each termination in its context"));
    }
    IqTermination term;
    synchronized (this) {
      var found = find(context, id);
      if (found instanceof Found.Missing m) {
        return done(m.outcome());
      }
      term = ((Found.Present) found).termination();
    }
    List<Descriptor> media = items.contains(Audit.AuditItem.MEDIA) ? List.of(mediaOf(term)) : List.of();
    if (!items.contains(Audit.AuditItem.STATISTICS)) {
      return done(CommandOutcome.success(context, new AuditValueReply(term.id(), media)));
    }
    return term.relay().statistics().handle((s, failure) -> {
      if (failure != null) {
        return CommandOutcome.unknownTermination(term.id());
      }
      var returned = new ArrayList<Descriptor>(media);
      returned.add(statistics(s, term.addedNanos()));
      return CommandOutcome.success(context, new AuditValueReply(term.id(), returned));
    });
  }

  /**
   * AuditValue of several terminations: {@code Context = *} lists every context (H.248.1 7.2.5), in Iq context id
   * order, each with its terminations that match the id; a wildcard id ({@code *}, or a {@code *} segment such as
   * {@code ip/1/access/*}) selects within one context. Each termination is answered as {@link #auditValue} answers
   * it alone: {@code Audit { }} gives the id only, Statistics and Media add those descriptors. A termination
   * released while its statistics were read is left out (it is gone); nothing matched gives 431 (the server's), an
   * unknown context 411. On UDP the listing must fit one datagram (no segmentation, TS 29.334): more than 64
   * contexts gets 533 from the server.
   */
  @Override
  public CompletionStage<WildcardAuditOutcome> auditWildcard(ContextId context, AuditValue auditValue) {
    TerminationId id = auditValue.terminationId();
    if (id.isRoot()) {
      return IqGatewayHandler.super.auditWildcard(context, auditValue);
    }
    if (id.name().indexOf('$') >= 0) {
      return CompletableFuture.completedFuture(CommandOutcome.unsupportedValue("TerminationID", id.name()));
    }
    var selected = new ArrayList<Map.Entry<Long, List<IqTermination>>>();
    synchronized (this) {
      if (context == ContextId.ALL) {
        contexts.values().stream().sorted(Comparator.comparingLong(c -> c.id))
            .forEach(c -> selected.add(Map.entry(c.id, matching(c, id))));
      } else if (context instanceof ContextId.Numbered n && contexts.containsKey(n.value())) {
        selected.add(Map.entry(n.value(), matching(contexts.get(n.value()), id)));
      } else {
        return CompletableFuture.completedFuture(CommandOutcome.unknownContext(context));
      }
    }
    List<Audit.AuditItem> items = auditValue.audit().items();
    var perContext = new ArrayList<CompletableFuture<Optional<WildcardAuditOutcome.ContextReplies>>>();
    for (var entry : selected) {
      var replies = entry.getValue().stream().map(t -> auditOne(t, items)).toList();
      perContext.add(CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).thenApply(v -> {
        var present = replies.stream().map(CompletableFuture::join).flatMap(Optional::stream)
            .map(r -> (ims.iq.message.CommandReply) r).toList();
        return present.isEmpty() ? Optional.<WildcardAuditOutcome.ContextReplies>empty()
            : Optional.of(new WildcardAuditOutcome.ContextReplies(ContextId.of(entry.getKey()), present));
      }));
    }
    return CompletableFuture.allOf(perContext.toArray(CompletableFuture[]::new)).thenApply(v ->
        new WildcardAuditOutcome.Matched(perContext.stream().map(CompletableFuture::join).flatMap(Optional::stream)
            .toList()));
  }

  /** One termination's audit reply; empty when it was released before its statistics could be read. */
  private static CompletableFuture<Optional<AuditValueReply>> auditOne(IqTermination term, List<Audit.AuditItem> items) {
    List<Descriptor> media = items.contains(Audit.AuditItem.MEDIA) ? List.of(mediaOf(term)) : List.of();
    if (!items.contains(Audit.AuditItem.STATISTICS)) {
      return CompletableFuture.completedFuture(Optional.of(new AuditValueReply(term.id(), media)));
    }
    return term.relay().statistics().handle((s, failure) -> {
      if (failure != null) return Optional.empty();
      var returned = new ArrayList<Descriptor>(media);
      returned.add(statistics(s, term.addedNanos()));
      return Optional.of(new AuditValueReply(term.id(), returned));
    });
  }

  private static List<IqTermination> matching(IqContext context, TerminationId pattern) {
    return context.terminations.values().stream().filter(t -> matches(pattern.name(), t.id().name())).toList();
  }

  /**
   * H.248.1 text wildcards over the {@code /} hierarchy of our ids: {@code *} alone matches every termination, a
   * {@code *} segment matches any one segment, and a final {@code *} segment any non-empty rest; other segments
   * compare exactly.
   */
  static boolean matches(String pattern, String id) {
    if (pattern.equals("*")) return true;
    String[] p = pattern.split("/", -1);
    String[] n = id.split("/", -1);
    for (int i = 0; i < p.length; i++) {
      boolean last = i == p.length - 1;
      if (i >= n.length) return false;
      if (p[i].equals("*")) {
        if (last) return true;
        continue;
      }
      if (!p[i].equals(n[i])) return false;
    }
    return p.length == n.length;
  }

  /** Realm, mode and latching of a termination, as the controller set them; no SDP (it would carry keys). */
  private static Media mediaOf(IqTermination term) {
    var control = new LocalControl(Optional.of(streamMode(term.media().mode())), Optional.empty(), Optional.empty(),
        List.of(PropertyParm.of(LATCH, term.media().latching() ? "ON" : "OFF")));
    return Media.of(TerminationState.of(PropertyParm.quoted(REALM, term.relay().realm())),
        new Stream(1, StreamParms.of(control)));
  }

  /** The relay's totals under the names of a termination's statistics. */
  static Statistics rootStatistics(RelayTotals t) {
    long receivedPackets = 0;
    long receivedOctets = 0;
    long sentPackets = 0;
    long sentOctets = 0;
    for (RealmTotals r : t.realms()) {
      receivedPackets += r.receivedPackets();
      receivedOctets += r.receivedOctets();
      sentPackets += r.sent().packets();
      sentOctets += r.sent().octets();
    }
    return Statistics.of(
        StatisticsParameter.of("nt/os", sentOctets),
        StatisticsParameter.of("nt/or", receivedOctets),
        StatisticsParameter.of("rtp/ps", sentPackets),
        StatisticsParameter.of("rtp/pr", receivedPackets),
        StatisticsParameter.of(SrtpStatistics.AUTH_FAILED, t.discarded(DiscardReason.AUTH_FAILURE)),
        StatisticsParameter.of(SrtpStatistics.REPLAY_DISCARDED, t.discarded(DiscardReason.REPLAY)),
        StatisticsParameter.of(SrtpStatistics.MALFORMED_DISCARDED, t.discarded(DiscardReason.MALFORMED)));
  }

  // ------------------------------------------------------------------ events toward the controller

  /** Sends gateway-initiated Notify commands; {@code IqGatewayServer::notify} fits. */
  @FunctionalInterface
  public interface Notifier {
    CompletableFuture<Void> notify(ContextId context, TerminationId termination, ObservedEvents events);
  }

  /** A termination's Iq ids and the request id of its current Events descriptor (0: none given). */
  private record EventRoute(ContextId context, TerminationId termination, long requestId) {
  }

  /**
   * Starts reporting media events to the controller through {@code notifier} (typically
   * {@code gateway::notify}), each as a Notify of the termination in its context:
   * <ul>
   *   <li>{@code hangterm/thb} (H.248.36) every {@code timerx} seconds (default 60) on terminations whose Events
   *       descriptor asked for it, as the project's controller does with {@code withTerminationHeartbeat};</li>
   *   <li>{@code adid/ipstop} (H.248.40) when no packet came from the remote for the detection time, only on
   *       terminations whose Events descriptor asked for it ({@code Events = id { adid/ipstop [{ dt = s }] }}, dt in
   *       seconds, default {@link MediaEventConfig#defaultInactivityTime()}), with that request id, as H.248.1
   *       7.1.9 prescribes for requested events;</li>
   *   <li>{@code srtps/afb { n = failures }} once per burst of authentication failures, and {@code srtps/kl
   *       { dir = in | out }} when the receive or send master key reached its lifetime. Our {@code srtps} package
   *       defines both as reported whether requested or not: they are security conditions the controller must
   *       learn (re-key or release), and the project's controller does not request them. The request id is that of
   *       the termination's Events descriptor, or 0 when it has none.</li>
   * </ul>
   * Events are found off the packet path (see {@link MediaRelay#startEvents}) and never carry key material. At most
   * {@value #MAX_NOTIFIES_IN_FLIGHT} Notify transactions are outstanding; beyond that events are dropped and
   * counted ({@link #notifiesDropped()}). Closing the result stops the reporting.
   */
  public AutoCloseable reportEvents(Notifier sink, MediaEventConfig config) {
    this.eventConfig = Objects.requireNonNull(config, "config");
    this.notifier = Objects.requireNonNull(sink, "sink");
    AutoCloseable sweeps = relay.startEvents(config, this::onMediaEvent);
    return () -> {
      notifier = null;
      sweeps.close();
    };
  }

  /** Notify commands sent for media events. */
  public long notifiesSent() {
    return notifiesSent.get();
  }

  /** Media events dropped because too many Notify transactions were outstanding. */
  public long notifiesDropped() {
    return notifiesDropped.get();
  }

  /** Notify transactions that failed (timeout, error reply). */
  public long notifiesFailed() {
    return notifiesFailed.get();
  }

  /** Runs on an event loop (the sweep): quick and non-blocking, the Notify itself is asynchronous. */
  private void onMediaEvent(MediaEvent event) {
    Notifier sink = notifier;
    EventRoute route = routes.get(event.termination());
    if (sink == null || route == null) {
      return;                              // released meanwhile, or reporting stopped
    }
    ObservedEvent observed = switch (event) {
      case MediaEvent.MediaInactive m -> ObservedEvent.of(INACTIVITY_EVENT);
      case MediaEvent.Heartbeat h -> ObservedEvent.of(HEARTBEAT_EVENT);
      case MediaEvent.AuthFailureBurst b -> ObservedEvent.of(SrtpStatistics.AUTH_FAILURE_BURST_EVENT,
          PropertyParm.of("n", b.failures()));
      case MediaEvent.KeyLifetimeReached k -> ObservedEvent.of(SrtpStatistics.KEY_LIFETIME_EVENT,
          PropertyParm.of(DIRECTION, k.use() == MediaEvent.KeyUse.RECEIVE ? "in" : "out"));
    };
    if (notifiesInFlight.incrementAndGet() > MAX_NOTIFIES_IN_FLIGHT) {
      notifiesInFlight.decrementAndGet();
      notifiesDropped.incrementAndGet();
      logNotifyTrouble();
      return;
    }
    notifiesSent.incrementAndGet();
    sink.notify(route.context(), route.termination(), ObservedEvents.of(route.requestId(), observed))
        .whenComplete((v, failure) -> {
          notifiesInFlight.decrementAndGet();
          if (failure != null) {
            notifiesFailed.incrementAndGet();
            logNotifyTrouble();
          }
        });
  }

  /** At most one line per interval, counters only. */
  private void logNotifyTrouble() {
    long now = System.nanoTime();
    long last = lastNotifyLogNanos.get();
    if (now - last >= NOTIFY_LOG_INTERVAL_NANOS && lastNotifyLogNanos.compareAndSet(last, now)) {
      log.warn("Iq event Notify: {} failed, {} dropped (over {} outstanding) so far", notifiesFailed.get(),
          notifiesDropped.get(), MAX_NOTIFIES_IN_FLIGHT);
    }
  }

  /** Applies what an Events descriptor asked for; under this handler's lock. */
  private void applyEvents(RelayTermination t, EventsRequest events) {
    if (events instanceof EventsRequest.Replace r) {
      routes.computeIfPresent(t, (k, old) -> new EventRoute(old.context(), old.termination(), r.requestId()));
      t.detectInactivity(r.inactivity());
      t.reportHeartbeat(r.heartbeat());
    }
  }

  /** What the Events descriptor of an Add or Modify asks of the relay. */
  private sealed interface EventsRequest {
    /** No Events descriptor: what was requested before stays. */
    record Unchanged() implements EventsRequest {
    }

    /** A new Events descriptor replaces the old one (H.248.1 7.1.9); an empty one ({@code Events}) clears. */
    record Replace(long requestId, Optional<Duration> inactivity, Optional<Duration> heartbeat)
        implements EventsRequest {
    }

    record Refused(CommandOutcome outcome) implements EventsRequest {
    }

    static EventsRequest of(AmmCommand command, Duration defaultInactivity) {
      Optional<Events> events = command.events();
      if (events.isEmpty()) {
        return new Unchanged();
      }
      Optional<Duration> inactivity = Optional.empty();
      Optional<Duration> heartbeat = Optional.empty();
      for (RequestedEvent requested : events.get().events()) {
        if (requested.name().equalsIgnoreCase(HEARTBEAT_EVENT)) {
          Duration period = DEFAULT_HEARTBEAT;
          for (EventParameter p : requested.parameters()) {
            if (p instanceof PropertyParm pp && pp.name().equalsIgnoreCase(HEARTBEAT_PERIOD)) {
              String value = pp.single().map(Value::text).orElse("");
              long seconds = parseSeconds(value);
              if (seconds < 1) {
                return new Refused(CommandOutcome.unsupportedValue(HEARTBEAT_EVENT + " " + HEARTBEAT_PERIOD, value));
              }
              period = Duration.ofSeconds(seconds);
            }
          }
          heartbeat = Optional.of(period);
          continue;
        }
        if (!requested.name().equalsIgnoreCase(INACTIVITY_EVENT)) {
          continue;                        // srtps events need nothing here
        }
        Duration time = defaultInactivity;
        for (EventParameter p : requested.parameters()) {
          if (!(p instanceof PropertyParm pp)) {
            continue;
          }
          String value = pp.single().map(Value::text).orElse("");
          if (pp.name().equalsIgnoreCase(DETECTION_TIME)) {
            long seconds = parseSeconds(value);
            if (seconds < 1) {
              return new Refused(CommandOutcome.unsupportedValue(INACTIVITY_EVENT + " " + DETECTION_TIME, value));
            }
            time = Duration.ofSeconds(seconds);
          } else if (pp.name().equalsIgnoreCase(DIRECTION) && !value.equalsIgnoreCase("in")) {
            // Only arrivals from the remote are watched: 'out' or 'both' would promise more than we detect.
            return new Refused(CommandOutcome.unsupportedValue(INACTIVITY_EVENT + " " + DIRECTION, value));
          }
        }
        inactivity = Optional.of(time);
      }
      return new Replace(events.get().requestId().orElse(0), inactivity, heartbeat);
    }

    /** 1..{@value #MAX_DETECTION_SECONDS}, or -1. */
    private static long parseSeconds(String text) {
      if (text.isEmpty() || text.length() > 6 || !text.chars().allMatch(Character::isDigit)) {
        return -1;
      }
      long n = Long.parseLong(text);
      return n <= MAX_DETECTION_SECONDS ? n : -1;
    }
  }

  // ------------------------------------------------------------------ controller loss

  /**
   * Releases every context (the controller is gone, or the gateway shuts down); completes when all ports are back
   * and all keys wiped. Each termination is released once: the tables are emptied first.
   */
  public CompletableFuture<Integer> releaseAll() {
    List<IqContext> all;
    synchronized (this) {
      all = List.copyOf(contexts.values());
      contexts.clear();
    }
    List<CompletableFuture<?>> releases = new ArrayList<>();
    for (IqContext c : all) {
      for (IqTermination t : c.terminations.values()) {
        routes.remove(t.relay());
        releases.add(t.relay().release());
      }
    }
    return CompletableFuture.allOf(releases.toArray(CompletableFuture[]::new)).handle((v, e) -> all.size());
  }

  /**
   * Releases every context once {@code activity} (e.g. {@code () -> server.transportStats().received()}) has not moved
   * for the configured {@link RelayConfig#controllerGraceTime()}; the caller closes the watchdog.
   */
  public ControllerWatchdog watchController(java.util.function.LongSupplier activity) {
    return watchController(activity, n -> log.warn("Iq controller silent for {}: released {} contexts",
        relay.config().controllerGraceTime(), n));
  }

  /** As {@link #watchController(java.util.function.LongSupplier)}; {@code onReleased} gets the number released. */
  public ControllerWatchdog watchController(java.util.function.LongSupplier activity,
      java.util.function.IntConsumer onReleased) {
    return ControllerWatchdog.start(activity, relay.config().controllerGraceTime(),
        () -> releaseAll().thenAccept(onReleased::accept));
  }

  @Override
  public void close() {
    releaseAll().join();
  }

  // ------------------------------------------------------------------ helpers

  private sealed interface Found {
    record Present(IqContext context, IqTermination termination) implements Found {
    }

    record Missing(CommandOutcome outcome) implements Found {
    }
  }

  private Found find(ContextId context, TerminationId termination) {
    if (!(context instanceof ContextId.Numbered n) || !contexts.containsKey(n.value())) {
      return new Found.Missing(CommandOutcome.unknownContext(context));
    }
    IqContext c = contexts.get(n.value());
    IqTermination t = c.terminations.get(termination);
    if (t == null) {
      return new Found.Missing(CommandOutcome.unknownTermination(termination));
    }
    return new Found.Present(c, t);
  }

  private long allocateContextId() {
    for (int i = 0; i < 1_000_000; i++) {
      long id = nextContext;
      nextContext = nextContext == ContextId.Numbered.MAX ? 1 : nextContext + 1;
      if (!contexts.containsKey(id)) {
        return id;
      }
    }
    throw new IllegalStateException("no free context id");
  }

  private static Optional<String> realmOf(AmmCommand command) {
    return command.media().flatMap(Media::terminationState).flatMap(s -> s.property(REALM))
        .flatMap(PropertyParm::single).map(Value::text);
  }

  /** Stream 1's Local template without keys, read before the command's SDP is wiped. */
  private static Optional<String> localTemplate(AmmCommand command) {
    return command.media().flatMap(m -> m.stream(1)).flatMap(StreamParms::local).map(IqSdp::templateWithoutKeys);
  }

  /** The Local SDP of stream 1 with {@code $} filled in, as the reply's Media; nothing if no Local was sent. */
  private static List<Descriptor> localAnswer(Optional<String> template, RelayTermination t) {
    if (template.isEmpty()) {
      return List.of();
    }
    SdpText filled = IqSdp.fillLocal(template.get(), t.localRtp().getAddress(), t.ports().rtp());
    var parms = new StreamParms(Optional.empty(), Optional.of(filled), Optional.empty(), Optional.empty());
    return List.of(Media.of(new Stream(1, parms)));
  }

  static Statistics statistics(TerminationStatistics s, long addedNanos) {
    long seconds = Duration.ofNanos(System.nanoTime() - addedNanos).toSeconds();
    return Statistics.of(
        StatisticsParameter.of("nt/os", s.octetsOut()),
        StatisticsParameter.of("nt/or", s.octetsIn()),
        StatisticsParameter.of("nt/dur", seconds),
        StatisticsParameter.of("rtp/ps", s.packetsOut()),
        StatisticsParameter.of("rtp/pr", s.packetsIn()),
        StatisticsParameter.of(SrtpStatistics.AUTH_FAILED, s.discarded(DiscardReason.AUTH_FAILURE)),
        StatisticsParameter.of(SrtpStatistics.REPLAY_DISCARDED, s.discarded(DiscardReason.REPLAY)),
        StatisticsParameter.of(SrtpStatistics.MALFORMED_DISCARDED, s.discarded(DiscardReason.MALFORMED)));
  }

  /** The SDP of a command belongs to the handler (IqGatewayHandler): wiped once read. */
  private static void wipe(AmmCommand command) {
    command.media().ifPresent(m -> {
      m.defaultStream().ifPresent(RelayGatewayHandler::wipe);
      for (Stream s : m.streams()) {
        wipe(s.parms());
      }
    });
  }

  private static void wipe(StreamParms parms) {
    parms.local().ifPresent(SdpText::close);
    parms.remote().ifPresent(SdpText::close);
  }

  private static CompletionStage<CommandOutcome> done(CommandOutcome outcome) {
    return CompletableFuture.completedFuture(outcome);
  }

  // ------------------------------------------------------------------ reading a command

  /** What an Add or Modify asks of a termination, or why it cannot be done. */
  private sealed interface Request {
    /** {@code settings} owns the keys parsed for it. */
    record Ok(TerminationSettings settings, boolean replacesReceiveKeys, boolean replacesSendKeys) implements Request {
    }

    record Refused(CommandOutcome outcome) implements Request {
    }

    /** Reads stream 1 over {@code base} (the termination's current media settings, without keys). */
    static Request of(AmmCommand command, TerminationSettings base) {
      Optional<StreamParms> stream = command.media().flatMap(m -> m.stream(1));
      TerminationSettings s = base;
      Optional<LocalControl> control = stream.flatMap(StreamParms::localControl);
      if (control.isPresent()) {
        if (control.get().mode().isPresent()) {
          Optional<MediaMode> mode = mediaMode(control.get().mode().get());
          if (mode.isEmpty()) {
            return new Refused(CommandOutcome.failure(ErrorCode.UNSUPPORTED_MODE,
                "Unsupported or invalid mode " + control.get().mode().get()));
          }
          s = s.withMode(mode.get());
        }
        Optional<PropertyParm> latch = control.get().property(LATCH);
        if (latch.isPresent()) {
          String v = latch.get().single().map(Value::text).orElse("").toLowerCase(Locale.ROOT);
          if (!v.equals("on") && !v.equals("off") && !v.equals("true") && !v.equals("false")) {
            return new Refused(CommandOutcome.unsupportedValue(LATCH, v));
          }
          s = s.withLatching(v.equals("on") || v.equals("true"));
        }
      }
      boolean replaceRx = false;
      boolean replaceTx = false;
      Optional<SrtpParameters> rx = Optional.empty();
      Optional<SrtpParameters> tx = Optional.empty();
      try {
        Optional<SdpText> remote = stream.flatMap(StreamParms::remote);
        if (remote.isPresent()) {
          IqSdp.Remote r;
          try {
            r = IqSdp.readRemote(remote.get());
          } catch (IqSdp.BadSdp e) {
            return new Refused(CommandOutcome.unsupportedValue("Remote", e.getMessage()));
          }
          s = new TerminationSettings(r.rtp(), r.rtcp(), r.rtcpMux(), s.mode(), s.latching(), Optional.empty(),
              Optional.empty());
          // RTP/SAVP without a=crypto keeps the keys in use (e2e pass-through has none): a descriptor that only
          // moves the address must never turn SRTP toward the UE into plain RTP.
          replaceRx = !(r.savp() && r.cryptoValues().isEmpty());
          var keys = keysOf(r.cryptoValues());
          if (keys instanceof KeyLines.Bad b) {
            return new Refused(b.outcome());
          }
          rx = ((KeyLines.Good) keys).parameters();
        }
        Optional<SdpText> local = stream.flatMap(StreamParms::local);
        if (local.isPresent()) {
          IqSdp.Local l = IqSdp.readLocal(local.get());
          replaceTx = !(l.savp() && l.cryptoValues().isEmpty());
          if (l.rtcpMux()) {
            s = s.withRtcpMux(true);
          }
          var keys = keysOf(l.cryptoValues());
          if (keys instanceof KeyLines.Bad b) {
            rx.ifPresent(SsrcContexts::closeKeys);
            return new Refused(b.outcome());
          }
          tx = ((KeyLines.Good) keys).parameters();
        }
      } catch (RuntimeException e) {
        rx.ifPresent(SsrcContexts::closeKeys);
        tx.ifPresent(SsrcContexts::closeKeys);
        throw e;
      }
      return new Ok(s.withKeys(rx, tx), replaceRx, replaceTx);
    }
  }

  private sealed interface KeyLines {
    record Good(Optional<SrtpParameters> parameters) implements KeyLines {
    }

    record Bad(CommandOutcome outcome) implements KeyLines {
    }
  }

  /** The first a=crypto line of a descriptor (a configured stream carries the one chosen), or none. */
  private static KeyLines keysOf(List<String> cryptoValues) {
    if (cryptoValues.isEmpty()) {
      return new KeyLines.Good(Optional.empty());
    }
    return switch (SrtpParametersFromSdes.map(cryptoValues.get(0))) {
      case SrtpParametersFromSdes.Result.Ok ok -> new KeyLines.Good(Optional.of(ok.parameters()));
      case SrtpParametersFromSdes.Result.Unsupported u -> new KeyLines.Bad(CommandOutcome.unsupportedValue("a=crypto",
          u.what()));
    };
  }

  private static StreamMode streamMode(MediaMode mode) {
    return switch (mode) {
      case SEND_RECEIVE -> StreamMode.SEND_RECEIVE;
      case SEND_ONLY -> StreamMode.SEND_ONLY;
      case RECEIVE_ONLY -> StreamMode.RECEIVE_ONLY;
      case INACTIVE -> StreamMode.INACTIVE;
    };
  }

  private static Optional<MediaMode> mediaMode(StreamMode mode) {
    return switch (mode) {
      case SEND_RECEIVE -> Optional.of(MediaMode.SEND_RECEIVE);
      case SEND_ONLY -> Optional.of(MediaMode.SEND_ONLY);
      case RECEIVE_ONLY -> Optional.of(MediaMode.RECEIVE_ONLY);
      case INACTIVE -> Optional.of(MediaMode.INACTIVE);
      case LOOPBACK -> Optional.empty();
    };
  }
}
