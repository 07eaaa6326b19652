package ims.iq.controller;

import ims.iq.message.ActionReply;
import ims.iq.message.ActionRequest;
import ims.iq.message.Add;
import ims.iq.message.AddReply;
import ims.iq.message.Audit;
import ims.iq.message.AuditReturn;
import ims.iq.message.AuditValue;
import ims.iq.message.AuditValueReply;
import ims.iq.message.Command;
import ims.iq.message.CommandReply;
import ims.iq.message.CommandRequest;
import ims.iq.message.ContextId;
import ims.iq.message.Descriptor;
import ims.iq.message.ErrorCode;
import ims.iq.message.ErrorDescriptor;
import ims.iq.message.Events;
import ims.iq.message.LocalControl;
import ims.iq.message.Media;
import ims.iq.message.Modify;
import ims.iq.message.ModifyReply;
import ims.iq.message.Notify;
import ims.iq.message.NotifyReply;
import ims.iq.message.ObservedEvent;
import ims.iq.message.PropertyParm;
import ims.iq.message.RequestedEvent;
import ims.iq.message.SdpText;
import ims.iq.message.ServiceChange;
import ims.iq.message.ServiceChangeMethod;
import ims.iq.message.ServiceChangeParms;
import ims.iq.message.ServiceChangeReply;
import ims.iq.message.ServiceChangeResult;
import ims.iq.message.Stream;
import ims.iq.message.StreamMode;
import ims.iq.message.StreamParms;
import ims.iq.message.Subtract;
import ims.iq.message.SubtractReply;
import ims.iq.message.TerminationId;
import ims.iq.message.TerminationState;
import ims.iq.message.Value;
import ims.iq.transport.IqErrorReplyException;
import ims.iq.transport.MegacoFraming;
import ims.iq.transport.MessageCodec;
import ims.iq.transport.ReplyContent;
import ims.iq.transport.TransactionLayer;
import ims.iq.transport.TransactionStats;
import ims.iq.transport.TransportStats;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller (P-CSCF / IMS-ALG) end of Iq: the TS 23.334 clause 8 procedures as typed calls
 * returning futures, the gateway association (ServiceChange handling with version negotiation,
 * link checks by empty AuditValue on ROOT), and gateway events delivered to a listener.
 *
 * <p>Every future completes exactly once: with the result, or exceptionally with an
 * {@link ims.iq.transport.IqException} — {@link IqErrorReplyException} (the gateway's H.248 error),
 * {@link ims.iq.transport.IqTimeoutException}, {@link IqNotAssociatedException} or
 * {@link IqProtocolException}. Futures and the listener run on the callback executor, never on the
 * Iq transport thread.
 */
public final class IqController implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IqController.class);
  static final String REALM = "ipdc/realm";
  static final String TERMINATION_HEARTBEAT = "hangterm/thb";
  static final String GENERAL_CAUSE = "g/cause";
  static final String SRTP_KEY_LIFETIME = "srtps/kl";

  private final ControllerConfig config;
  private final IqControllerListener listener;
  private final Executor events;
  private final TransactionLayer<List<ActionRequest>, ReplyContent> layer;
  private final AtomicLong nextEventRequestId = new AtomicLong(1);
  private final Object lock = new Object();
  private final ScheduledFuture<?> heartbeat;
  private final KnownContexts known = new KnownContexts();

  // Guarded by lock.
  private AssociationState state = AssociationState.AWAITING_GATEWAY;
  private InetSocketAddress gateway;
  private int version;
  private int heartbeatFailures;
  private boolean heartbeatInFlight;

  private IqController(ControllerConfig config, IqControllerListener listener, MessageCodec codec, Executor callbacks) {
    this.config = Objects.requireNonNull(config, "config");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.events = new SerialExecutor(Objects.requireNonNull(callbacks, "callbacks"));
    this.gateway = config.gateway().orElse(null);
    this.version = config.maxVersion();
    this.layer = TransactionLayer.open(config.transport()::open,
        new MegacoFraming(config.mId(), codec), config.transactions(), this::onRequest, callbacks);
    long period = config.heartbeatInterval().toMillis();
    this.heartbeat = layer.transport().executor().scheduleWithFixedDelay(this::linkCheck, period, period,
        TimeUnit.MILLISECONDS);
  }

  public static IqController start(ControllerConfig config, IqControllerListener listener, MessageCodec codec,
      Executor callbacks) {
    return new IqController(config, listener, codec, callbacks);
  }

  public static IqController start(ControllerConfig config, IqControllerListener listener) {
    return start(config, listener, MessageCodec.TEXT, ForkJoinPool.commonPool());
  }

  public InetSocketAddress localAddress() {
    return layer.localAddress();
  }

  public AssociationState state() {
    synchronized (lock) {
      return state;
    }
  }

  /** The gateway's address: configured, or learned from its ServiceChange. */
  public Optional<InetSocketAddress> gateway() {
    synchronized (lock) {
      return Optional.ofNullable(gateway);
    }
  }

  /** The H.248 version agreed in the last ServiceChange (H.248.1 11.3). */
  public int negotiatedVersion() {
    synchronized (lock) {
      return version;
    }
  }

  public TransactionStats transactionStats() {
    return layer.stats();
  }

  public TransportStats transportStats() {
    return layer.transport().stats();
  }

  // ---------------------------------------------------------------- TS 23.334 procedures

  /** Reserve AGW Connection Point: Add $ with the Local template; the reply's Local has the address and port. */
  public CompletableFuture<ConnectionPoint> reserveConnectionPoint(ConnectionPointRequest request) {
    if (request.remote().isPresent()) {
      throw new IllegalArgumentException("a Remote SDP makes this Reserve and Configure AGW Connection Point");
    }
    return add(request);
  }

  /** Reserve and Configure AGW Connection Point: Add $ with Local template and Remote SDP. */
  public CompletableFuture<ConnectionPoint> reserveAndConfigureConnectionPoint(ConnectionPointRequest request) {
    if (request.remote().isEmpty()) throw new IllegalArgumentException("Reserve and Configure needs a Remote SDP");
    return add(request);
  }

  /** Configure AGW Connection Point: Modify the stream's mode, Local and/or Remote. */
  public CompletableFuture<ConnectionPoint> configureConnectionPoint(ConfigureRequest request) {
    var parms = new StreamParms(request.mode().map(IqController::mode), request.local(), request.remote(),
        Optional.empty());
    var modify = Modify.of(request.termination(), Media.of(new Stream(1, parms)));
    return send(request.context(), modify, reply -> {
      var modified = single(reply, ModifyReply.class);
      return new ConnectionPoint(request.context(), request.termination(), localOf(modified));
    });
  }

  /** Change Through-Connection: Modify LocalControl Mode (e.g. SendReceive, Inactive). */
  public CompletableFuture<Void> changeThroughConnection(ContextId.Numbered context, TerminationId termination,
      StreamMode mode) {
    var modify = Modify.of(termination, Media.of(new Stream(1, StreamParms.of(LocalControl.of(mode)))));
    return send(context, modify, reply -> {
      single(reply, ModifyReply.class);
      return null;
    });
  }

  /** Release AGW Termination: Subtract, returning the statistics the gateway reports. */
  public CompletableFuture<ReleasedTermination> releaseTermination(ContextId.Numbered context,
      TerminationId termination) {
    CompletableFuture<ReleasedTermination> released = send(context, Subtract.of(termination), reply -> {
      var subtracted = single(reply, SubtractReply.class);
      return new ReleasedTermination(subtracted.terminationId(), subtracted.statistics());
    });
    released.whenComplete((done, failure) -> {
      if (failure == null || isGone(failure)) known.removed(context, termination);
    });
    return released;
  }

  /** AuditValue of a context's termination (or {@code *}): what the gateway holds, for resynchronisation. */
  public CompletableFuture<AuditValueReply> audit(ContextId context, TerminationId termination, Audit audit) {
    return send(context, new AuditValue(termination, audit), reply -> single(reply, AuditValueReply.class));
  }

  /**
   * AuditValue that may match several terminations: {@code Context = *} (H.248.1 7.2.5: the gateway answers one
   * action reply per context) or a wildcard termination id ({@code *}, {@code ip/1/access/*}). The result lists the
   * contexts in reply order, each with its terminations' replies; an error anywhere fails it (431 when nothing
   * matched). The whole listing must fit one UDP datagram (no segmentation): for resynchronisation of a full gateway
   * prefer per-termination {@link #audit}.
   */
  public CompletableFuture<List<AuditedContext>> auditAll(ContextId context, TerminationId termination, Audit audit) {
    return send(context, new AuditValue(termination, audit), IqController::auditedContexts);
  }

  private static List<AuditedContext> auditedContexts(ReplyContent reply) throws IqProtocolException {
    var result = new java.util.ArrayList<AuditedContext>(reply.actions().size());
    for (ActionReply action : reply.actions()) {
      var terminations = new java.util.ArrayList<AuditValueReply>(action.replies().size());
      for (CommandReply r : action.replies()) {
        if (!(r instanceof AuditValueReply a)) throw new IqProtocolException("expected AuditValue replies");
        terminations.add(a);
      }
      result.add(new AuditedContext(action.contextId(), terminations));
    }
    return List.copyOf(result);
  }

  /** Stops the link checks and the transport; outstanding futures fail with {@code IqClosedException}. */
  @Override
  public void close() {
    heartbeat.cancel(false);
    layer.close();
  }

  private CompletableFuture<ConnectionPoint> add(ConnectionPointRequest request) {
    if (state() == AssociationState.OUT_OF_SERVICE) {
      return CompletableFuture.failedFuture(new IqNotAssociatedException("the gateway is out of service"));
    }
    var stream = new StreamParms(Optional.of(mode(request.mode())), Optional.of(request.local()), request.remote(),
        Optional.empty());
    var state = TerminationState.of(PropertyParm.quoted(REALM, request.realm()));
    List<Descriptor> descriptors = new ArrayList<>();
    descriptors.add(Media.of(state, new Stream(1, stream)));
    if (request.terminationHeartbeatSeconds().isPresent()) {
      descriptors.add(Events.of(nextEventRequestId.getAndIncrement(), RequestedEvent.of(TERMINATION_HEARTBEAT,
          PropertyParm.of("timerx", request.terminationHeartbeatSeconds().getAsInt()))));
    }
    var add = new Add(TerminationId.CHOOSE, descriptors);
    return send(request.context(), add, reply -> {
      ActionReply action = singleAction(reply);
      if (!(action.contextId() instanceof ContextId.Numbered context)) {
        throw new IqProtocolException("Add reply without a context id");
      }
      var added = single(reply, AddReply.class);
      if (added.terminationId().isWildcard()) throw new IqProtocolException("Add reply without a termination id");
      known.added(context, added.terminationId());
      return new ConnectionPoint(context, added.terminationId(), localOf(added));
    });
  }

  /** A reply-reading step that may find the reply malformed. */
  @FunctionalInterface
  private interface ReplyReader<T> {
    T read(ReplyContent reply) throws IqProtocolException;
  }

  private <T> CompletableFuture<T> send(ContextId context, Command command, ReplyReader<T> reader) {
    InetSocketAddress to = gateway().orElse(null);
    if (to == null) return CompletableFuture.failedFuture(new IqNotAssociatedException("no gateway has registered"));
    return layer.request(to, List.of(ActionRequest.of(context, command))).thenCompose(reply -> {
      Optional<ErrorDescriptor> error = reply.firstError();
      if (error.isPresent()) return CompletableFuture.failedFuture(new IqErrorReplyException(error.get()));
      try {
        return CompletableFuture.completedFuture(reader.read(reply));
      } catch (IqProtocolException e) {
        return CompletableFuture.failedFuture(e);
      }
    });
  }

  /** The gateway says the termination or its context does not exist (411, 430, 435): nothing left to release. */
  private static boolean isGone(Throwable failure) {
    Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (!(cause instanceof IqErrorReplyException error)) return false;
    ErrorCode code = error.error().code();
    return code.equals(ErrorCode.UNKNOWN_CONTEXT_ID) || code.equals(ErrorCode.UNKNOWN_TERMINATION_ID)
        || code.equals(ErrorCode.TERMINATION_NOT_IN_CONTEXT);
  }

  private static ActionReply singleAction(ReplyContent reply) throws IqProtocolException {
    if (reply.actions().size() != 1) throw new IqProtocolException(reply.actions().size() + " action replies for one action");
    return reply.actions().getFirst();
  }

  private static <R extends CommandReply> R single(ReplyContent reply, Class<R> type) throws IqProtocolException {
    ActionReply action = singleAction(reply);
    if (action.replies().size() != 1 || !type.isInstance(action.replies().getFirst())) {
      throw new IqProtocolException("expected one " + type.getSimpleName());
    }
    return type.cast(action.replies().getFirst());
  }

  private static Optional<SdpText> localOf(AuditReturn reply) {
    return reply.media().flatMap(m -> m.stream(1)).flatMap(StreamParms::local);
  }

  private static LocalControl mode(StreamMode mode) {
    return LocalControl.of(mode);
  }

  // ---------------------------------------------------------------- link check

  private void linkCheck() {
    InetSocketAddress to;
    synchronized (lock) {
      if (heartbeatInFlight || gateway == null) return;
      heartbeatInFlight = true;
      to = gateway;
    }
    layer.request(to, List.of(ActionRequest.of(ContextId.NULL, AuditValue.rootHeartbeat())))
        .whenComplete((reply, failure) -> onLinkCheck(failure == null));
  }

  /** Any reply, even an error, proves the gateway is there. */
  private void onLinkCheck(boolean answered) {
    GatewayEvent event = null;
    synchronized (lock) {
      heartbeatInFlight = false;
      if (answered) {
        heartbeatFailures = 0;
        if (state == AssociationState.LINK_DOWN) {
          state = AssociationState.IN_SERVICE;
          event = new GatewayEvent.LinkUp();
        } else if (state == AssociationState.AWAITING_GATEWAY) {
          state = AssociationState.IN_SERVICE;
        }
      } else {
        heartbeatFailures++;
        if (heartbeatFailures >= config.heartbeatFailuresForLinkDown() && state != AssociationState.LINK_DOWN) {
          state = AssociationState.LINK_DOWN;
          event = new GatewayEvent.LinkDown(heartbeatFailures);
          log.warn("Iq link to {} down after {} failed link checks", gateway, heartbeatFailures);
        }
      }
    }
    if (event != null) emit(event);
  }

  // ---------------------------------------------------------------- the gateway's requests

  private CompletionStage<ReplyContent> onRequest(InetSocketAddress peer, List<ActionRequest> actions) {
    List<ActionReply> replies = new ArrayList<>(actions.size());
    for (ActionRequest action : actions) {
      List<CommandReply> commandReplies = new ArrayList<>();
      Optional<ErrorDescriptor> error = Optional.empty();
      for (CommandRequest request : action.commands()) {
        var outcome = switch (request.command()) {
          case ServiceChange sc -> onServiceChange(peer, sc);
          case Notify notify -> onNotify(action.contextId(), notify);
          case ims.iq.message.AmmCommand amm -> notAccepted(amm);
          case Subtract subtract -> notAccepted(subtract);
          case AuditValue audit -> notAccepted(audit);
          case ims.iq.message.AuditCapabilities caps -> notAccepted(caps);
        };
        if (outcome.reply != null) commandReplies.add(outcome.reply);
        if (outcome.error != null) {
          error = Optional.of(outcome.error);
          break;
        }
      }
      if (commandReplies.isEmpty() && error.isEmpty()) {
        error = Optional.of(ErrorDescriptor.of(ErrorCode.UNSUPPORTED_COMMAND, "no command"));
      }
      replies.add(new ActionReply(action.contextId(), ims.iq.message.ContextProperties.NONE, commandReplies, error));
      if (error.isPresent()) break;
    }
    return CompletableFuture.completedFuture(ReplyContent.of(replies));
  }

  /** Commands a gateway has no business sending to its controller: 443. */
  private static CommandResult notAccepted(Command command) {
    return CommandResult.failed(ErrorDescriptor.of(ErrorCode.UNSUPPORTED_COMMAND,
        command.getClass().getSimpleName() + " is not accepted by the controller"));
  }

  /** A reply or an error for one command of the gateway's. */
  private record CommandResult(CommandReply reply, ErrorDescriptor error) {
    static CommandResult ok(CommandReply reply) {
      return new CommandResult(reply, null);
    }

    static CommandResult failed(ErrorDescriptor error) {
      return new CommandResult(null, error);
    }
  }

  /** ServiceChange from the gateway: association state, version negotiation (H.248.1 11.3), listener. */
  private CommandResult onServiceChange(InetSocketAddress peer, ServiceChange serviceChange) {
    ServiceChangeParms parms = serviceChange.parms();
    TerminationId termination = serviceChange.terminationId();
    if (!termination.isRoot()) {
      emit(new GatewayEvent.TerminationServiceChange(termination, parms.method(), parms.reason()));
      return CommandResult.ok(ServiceChangeReply.of(termination));
    }
    int offered = parms.version().orElse(config.maxVersion());
    int agreed = Math.min(offered, config.maxVersion());
    if (agreed < config.minVersion()) {
      return CommandResult.ok(new ServiceChangeReply(termination, Optional.of(ErrorDescriptor.of(
          ErrorCode.VERSION_NOT_SUPPORTED, "Version Not Supported: we speak " + config.minVersion() + " to "
              + config.maxVersion())), Optional.empty()));
    }
    GatewayEvent event;
    synchronized (lock) {
      gateway = peer;
      version = agreed;
      heartbeatFailures = 0;
      boolean inService = switch (parms.method()) {
        case RESTART, FAILOVER, DISCONNECTED, HANDOFF -> true;
        case FORCED, GRACEFUL -> false;
      };
      state = inService ? AssociationState.IN_SERVICE : AssociationState.OUT_OF_SERVICE;
      event = inService
          ? new GatewayEvent.GatewayInService(parms.method(), parms.reason(), agreed,
              parms.method() == ServiceChangeMethod.RESTART)
          : new GatewayEvent.GatewayOutOfService(parms.method(), parms.reason(), parms.delay(),
              parms.method() == ServiceChangeMethod.FORCED);
    }
    log.info("Iq gateway {} sent ServiceChange {}; version {}", peer, parms.method(), agreed);
    emit(event);
    switch (parms.method()) {
      case RESTART, FORCED -> known.clear();
      // H.248.1 7.2.8: after Disconnected (and a Failover) the gateway's state may differ from ours; audit it.
      // Queued behind this request on the transport thread, so the ServiceChange reply goes first.
      case FAILOVER, DISCONNECTED -> layer.transport().executor().execute(() -> resynchronise(parms.method()));
      case GRACEFUL, HANDOFF -> { }
    }
    return CommandResult.ok(ServiceChangeReply.of(TerminationId.ROOT, ServiceChangeResult.version(agreed)));
  }

  /** Audits every context we believe the gateway has and tells the listener what it no longer has. */
  private void resynchronise(ServiceChangeMethod method) {
    var audited = known.snapshot();
    ContextAudit.run(audited, (context, termination) -> audit(context, termination, Audit.EMPTY))
        .thenAccept(findings -> {
          var report = ContextAudit.summarise(method, audited, findings, known);
          if (!report.missingContexts().isEmpty() || !report.unverified().isEmpty()) {
            log.warn("Iq gateway audit after {}: {} of {} contexts missing, {} unverified", method,
                report.missingContexts().size(), audited.size(), report.unverified().size());
          }
          emit(report);
        });
  }

  private CommandResult onNotify(ContextId context, Notify notify) {
    TerminationId termination = notify.terminationId();
    for (ObservedEvent observed : notify.observedEvents().events()) {
      String name = observed.name().toLowerCase(java.util.Locale.ROOT);
      emit(switch (name) {
        case TERMINATION_HEARTBEAT -> new GatewayEvent.TerminationHeartbeat(context, termination);
        case GENERAL_CAUSE -> new GatewayEvent.BearerReleased(context, termination, generalCause(observed));
        case SRTP_KEY_LIFETIME -> new GatewayEvent.SrtpKeyLifetime(context, termination);
        default -> new GatewayEvent.OtherEvent(context, termination, observed);
      });
    }
    return CommandResult.ok(NotifyReply.of(termination));
  }

  private static Optional<String> generalCause(ObservedEvent observed) {
    for (var p : observed.parameters()) {
      if (p instanceof PropertyParm pp && pp.name().equalsIgnoreCase("Generalcause")) {
        return pp.single().map(Value::text);
      }
    }
    return Optional.empty();
  }

  private void emit(GatewayEvent event) {
    events.execute(() -> {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        log.warn("Iq controller listener failed on {}: {}", event.getClass().getSimpleName(), e.getClass().getName());
      }
    });
  }
}
