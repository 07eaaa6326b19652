package ims.iq.gateway;

import ims.iq.message.ActionReply;
import ims.iq.message.ActionRequest;
import ims.iq.message.Add;
import ims.iq.message.AuditCapabilities;
import ims.iq.message.AuditValue;
import ims.iq.message.AuditValueReply;
import ims.iq.message.Command;
import ims.iq.message.CommandReply;
import ims.iq.message.CommandRequest;
import ims.iq.message.ContextId;
import ims.iq.message.ContextProperties;
import ims.iq.message.ErrorCode;
import ims.iq.message.ErrorDescriptor;
import ims.iq.message.Modify;
import ims.iq.message.Move;
import ims.iq.message.Notify;
import ims.iq.message.ObservedEvents;
import ims.iq.message.ServiceChange;
import ims.iq.message.ServiceChangeMethod;
import ims.iq.message.ServiceChangeParms;
import ims.iq.message.ServiceChangeReply;
import ims.iq.message.Subtract;
import ims.iq.message.TerminationId;
import ims.iq.message.TransactionRequest;
import ims.iq.transport.IqErrorReplyException;
import ims.iq.transport.IqTimeoutException;
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
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway (IMS-AGW) end of Iq: decodes the controller's transactions, runs each command through
 * the {@link IqGatewayHandler}, and encodes the replies; announces itself with ServiceChange Restart
 * at start-up and reports events with Notify.
 *
 * <p>Commands of a transaction run in order; the first failure ends the transaction, and its reply
 * holds the replies so far plus the error (H.248.1 clause 8). A {@code $} context becomes the context
 * the first command chose, for the rest of its action.
 */
public final class IqGatewayServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IqGatewayServer.class);

  private final GatewayConfig config;
  private final IqGatewayHandler handler;
  private final TransactionLayer<List<ActionRequest>, ReplyContent> layer;
  private final Executor loop;
  private final CompletableFuture<Integer> registration = new CompletableFuture<>();

  private IqGatewayServer(GatewayConfig config, IqGatewayHandler handler, MessageCodec codec, Executor callbacks) {
    this.config = Objects.requireNonNull(config, "config");
    this.handler = Objects.requireNonNull(handler, "handler");
    this.layer = TransactionLayer.open(config.transport()::open,
        new MegacoFraming(config.mId(), codec), config.transactions(), this::onRequest, callbacks);
    this.loop = layer.transport().executor();
  }

  /** Binds, then sends ServiceChange Restart to the controller (see {@link #registration()}). */
  public static IqGatewayServer start(GatewayConfig config, IqGatewayHandler handler, MessageCodec codec,
      Executor callbacks) {
    var server = new IqGatewayServer(config, handler, codec, callbacks);
    server.register(1);
    return server;
  }

  public static IqGatewayServer start(GatewayConfig config, IqGatewayHandler handler) {
    return start(config, handler, MessageCodec.TEXT, ForkJoinPool.commonPool());
  }

  /**
   * Completes with the H.248 version the controller accepted once it answered our ServiceChange
   * Restart, or exceptionally when every attempt timed out or the controller refused.
   */
  public CompletableFuture<Integer> registration() {
    return registration.copy();
  }

  public InetSocketAddress localAddress() {
    return layer.localAddress();
  }

  public TransactionStats transactionStats() {
    return layer.stats();
  }

  public TransportStats transportStats() {
    return layer.transport().stats();
  }

  /** Reports observed events of a termination (e.g. {@code hangterm/thb}, {@code g/cause}) to the controller. */
  public CompletableFuture<Void> notify(ContextId context, TerminationId termination, ObservedEvents events) {
    var action = ActionRequest.of(context, Notify.of(termination, events));
    return layer.request(config.controller(), List.of(action)).thenCompose(IqGatewayServer::checkReply);
  }

  /** Sends a ServiceChange for ROOT or one termination (out of service, graceful shut-down, ...). */
  public CompletableFuture<Void> serviceChange(TerminationId termination, ServiceChangeParms parms) {
    var action = ActionRequest.of(ContextId.NULL, new ServiceChange(termination, parms));
    return layer.request(config.controller(), List.of(action)).thenCompose(IqGatewayServer::checkReply);
  }

  /** Stops answering; outstanding requests of ours fail with {@code IqClosedException}. */
  @Override
  public void close() {
    layer.close();
    registration.completeExceptionally(new IllegalStateException("gateway closed before registration"));
  }

  // ---------------------------------------------------------------- ServiceChange Restart

  private void register(int attempt) {
    var parms = ServiceChangeParms.of(ServiceChangeMethod.RESTART, "901 Cold Boot").withVersion(config.version());
    if (config.profile().isPresent()) parms = parms.withProfile(config.profile().get());
    var action = ActionRequest.of(ContextId.NULL, new ServiceChange(TerminationId.ROOT, parms));
    layer.request(config.controller(), List.of(action)).whenComplete((reply, failure) -> {
      if (failure == null) {
        onRestartReply(reply);
      } else if (unwrap(failure) instanceof IqTimeoutException && attempt < config.restartAttempts()) {
        log.info("ServiceChange Restart attempt {} to {} timed out; retrying", attempt, config.controller());
        CompletableFuture.delayedExecutor(config.restartRetryDelay().toMillis(), TimeUnit.MILLISECONDS, loop)
            .execute(() -> register(attempt + 1));
      } else {
        registration.completeExceptionally(unwrap(failure));
      }
    });
  }

  private void onRestartReply(ReplyContent reply) {
    Optional<ErrorDescriptor> error = reply.firstError();
    if (error.isPresent()) {
      registration.completeExceptionally(new IqErrorReplyException(error.get()));
      return;
    }
    int version = config.version();
    for (ActionReply action : reply.actions()) {
      for (CommandReply r : action.replies()) {
        if (r instanceof ServiceChangeReply sc && sc.result().isPresent() && sc.result().get().version().isPresent()) {
          version = sc.result().get().version().getAsInt();
        }
      }
    }
    log.info("Iq association with {} established, H.248 version {}", config.controller(), version);
    registration.complete(version);
  }

  // ---------------------------------------------------------------- the controller's requests

  private CompletionStage<ReplyContent> onRequest(InetSocketAddress peer, List<ActionRequest> actions) {
    var done = new ArrayList<ActionReply>(actions.size());
    CompletableFuture<Boolean> chain = CompletableFuture.completedFuture(true);
    for (ActionRequest action : actions) {
      chain = chain.thenComposeAsync(ok -> {
        if (ok) return runAction(action, done);
        action.commands().forEach(c -> wipe(c.command()));
        return CompletableFuture.completedFuture(false);
      }, loop);
    }
    return chain.thenApply(ok -> ReplyContent.of(done));
  }

  /** Runs one action's commands in order; false when one failed (the transaction stops there). */
  private CompletableFuture<Boolean> runAction(ActionRequest action, List<ActionReply> done) {
    if (isAuditOfAllContexts(action)) return runAuditOfAllContexts((AuditValue) action.commands().get(0).command(), done);
    if (action.commands().isEmpty()) {
      done.add(ActionReply.error(action.contextId(), ErrorDescriptor.of(ErrorCode.NOT_IMPLEMENTED,
          "Context properties alone are not supported")));
      return CompletableFuture.completedFuture(false);
    }
    var replies = new ArrayList<CommandReply>();
    var context = new ContextId[] {action.contextId()};
    CompletableFuture<Optional<ErrorDescriptor>> chain = CompletableFuture.completedFuture(Optional.empty());
    for (CommandRequest request : action.commands()) {
      chain = chain.thenComposeAsync(error -> {
        if (error.isPresent()) {
          wipe(request.command()); // never runs: its keys go now
          return CompletableFuture.completedFuture(error);
        }
        if (request.command() instanceof AuditValue audit && audit.terminationId().isWildcard()) {
          return runWildcardAudit(context[0], audit, replies);
        }
        return runCommand(context[0], request.command()).thenApply(outcome -> switch (outcome) {
          case CommandOutcome.Success s -> {
            context[0] = s.context();
            replies.add(s.reply());
            yield Optional.<ErrorDescriptor>empty();
          }
          case CommandOutcome.Failure f -> Optional.of(f.error());
        });
      }, loop);
    }
    return chain.thenApply(error -> {
      ContextId replyContext = context[0] == ContextId.CHOOSE ? ContextId.NULL : context[0];
      if (replies.isEmpty() && error.isEmpty()) error = Optional.of(ErrorDescriptor.of(ErrorCode.INTERNAL_SOFTWARE_FAILURE));
      done.add(new ActionReply(replyContext, ContextProperties.NONE, replies, error));
      return error.isEmpty();
    });
  }

  /** {@code Context = * { AuditValue = ... }} alone in its action: one action reply per context (H.248.1 7.2.5). */
  private static boolean isAuditOfAllContexts(ActionRequest action) {
    return action.contextId() == ContextId.ALL && action.commands().size() == 1
        && action.commands().get(0).command() instanceof AuditValue audit && !isLinkCheck(ContextId.ALL, audit);
  }

  private CompletableFuture<Boolean> runAuditOfAllContexts(AuditValue audit, List<ActionReply> done) {
    return wildcardAudit(ContextId.ALL, audit).thenApply(outcome -> {
      Optional<ErrorDescriptor> error = switch (outcome) {
        case CommandOutcome.Failure f -> Optional.of(f.error());
        case WildcardAuditOutcome.Matched m when m.contexts().isEmpty() -> Optional.of(noMatch());
        case WildcardAuditOutcome.Matched m when done.size() + m.contexts().size() > TransactionRequest.MAX_ACTIONS ->
            Optional.of(ErrorDescriptor.of(ErrorCode.RESPONSE_TOO_LARGE, m.contexts().size()
                + " contexts do not fit one reply: audit them one context at a time"));
        case WildcardAuditOutcome.Matched m -> {
          m.contexts().forEach(c -> done.add(new ActionReply(c.context(), ContextProperties.NONE, c.replies(),
              Optional.empty())));
          yield Optional.empty();
        }
      };
      error.ifPresent(e -> done.add(ActionReply.error(ContextId.ALL, e)));
      return error.isEmpty();
    });
  }

  /** A wildcard termination inside one context: every match's reply joins the action's replies. */
  private CompletableFuture<Optional<ErrorDescriptor>> runWildcardAudit(ContextId context, AuditValue audit,
      List<CommandReply> replies) {
    return wildcardAudit(context, audit).thenApply(outcome -> switch (outcome) {
      case CommandOutcome.Failure f -> Optional.of(f.error());
      case WildcardAuditOutcome.Matched m when m.contexts().isEmpty() -> Optional.of(noMatch());
      case WildcardAuditOutcome.Matched m when m.contexts().stream().anyMatch(c -> !c.context().equals(context)) ->
          Optional.of(ErrorDescriptor.of(ErrorCode.INTERNAL_SOFTWARE_FAILURE,
              "Internal software failure: wildcard audit answered for another context"));
      case WildcardAuditOutcome.Matched m -> {
        m.contexts().forEach(c -> replies.addAll(c.replies()));
        yield Optional.empty();
      }
    });
  }

  private CompletableFuture<WildcardAuditOutcome> wildcardAudit(ContextId context, AuditValue audit) {
    CompletionStage<WildcardAuditOutcome> stage;
    try {
      stage = handler.auditWildcard(context, audit);
      if (stage == null) throw new IllegalStateException("handler returned null");
    } catch (RuntimeException e) {
      log.warn("Iq gateway handler failed on a wildcard AuditValue: {}", e.getClass().getName());
      return CompletableFuture.completedFuture(CommandOutcome.internalError("AuditValue"));
    }
    return stage.toCompletableFuture().exceptionally(failure -> {
      log.warn("Iq gateway handler failed on a wildcard AuditValue: {}", failure.getClass().getName());
      return CommandOutcome.internalError("AuditValue");
    }).thenApply(outcome -> outcome == null ? CommandOutcome.internalError("no outcome") : outcome);
  }

  private static ErrorDescriptor noMatch() {
    return ErrorDescriptor.of(ErrorCode.NO_TERMINATION_ID_MATCHED);
  }

  private CompletableFuture<CommandOutcome> runCommand(ContextId context, Command command) {
    CompletionStage<CommandOutcome> stage;
    try {
      stage = switch (command) {
        case Add add -> checked(add).orElseGet(() -> handler.add(context, add));
        case Modify modify -> checked(modify).orElseGet(() -> handler.modify(context, modify));
        case Subtract subtract -> handler.subtract(context, subtract);
        case AuditValue audit -> isLinkCheck(context, audit)
            ? CompletableFuture.completedFuture(CommandOutcome.success(ContextId.NULL, AuditValueReply.of(TerminationId.ROOT)))
            : handler.auditValue(context, audit);
        case Move move -> notImplemented("Move");
        case AuditCapabilities caps -> notImplemented("AuditCapabilities");
        case Notify notify -> unsupportedCommand("Notify");
        case ServiceChange serviceChange -> unsupportedCommand("ServiceChange");
      };
      if (stage == null) throw new IllegalStateException("handler returned null");
    } catch (RuntimeException e) {
      log.warn("Iq gateway handler failed on {}: {}", command.getClass().getSimpleName(), e.getClass().getName());
      return CompletableFuture.completedFuture(CommandOutcome.internalError(command.getClass().getSimpleName()));
    }
    return stage.toCompletableFuture().exceptionally(failure -> {
      log.warn("Iq gateway handler failed on {}: {}", command.getClass().getSimpleName(), failure.getClass().getName());
      return CommandOutcome.internalError(command.getClass().getSimpleName());
    }).thenApply(outcome -> outcome == null ? CommandOutcome.internalError("no outcome") : outcome);
  }

  /** 445 before the handler sees it; the refused command's SDP (its keys) is wiped at once. */
  private static Optional<CompletionStage<CommandOutcome>> checked(ims.iq.message.AmmCommand command) {
    Optional<String> unsupported = PackageCheck.firstUnsupported(command);
    if (unsupported.isEmpty()) return Optional.empty();
    command.media().ifPresent(IqGatewayServer::wipe);
    return Optional.of(CompletableFuture.completedFuture(CommandOutcome.unsupportedProperty(unsupported.get())));
  }

  private static void wipe(Command command) {
    if (command instanceof ims.iq.message.AmmCommand amm) amm.media().ifPresent(IqGatewayServer::wipe);
  }

  private static void wipe(ims.iq.message.Media media) {
    media.defaultStream().ifPresent(IqGatewayServer::wipe);
    for (ims.iq.message.Stream s : media.streams()) wipe(s.parms());
  }

  private static void wipe(ims.iq.message.StreamParms parms) {
    parms.local().ifPresent(ims.iq.message.SdpText::close);
    parms.remote().ifPresent(ims.iq.message.SdpText::close);
  }

  private static boolean isLinkCheck(ContextId context, AuditValue audit) {
    return audit.terminationId().isRoot() && audit.audit().items().isEmpty()
        && (context == ContextId.NULL || context == ContextId.ALL);
  }

  private static CompletionStage<CommandOutcome> notImplemented(String what) {
    return CompletableFuture.completedFuture(CommandOutcome.failure(ErrorCode.NOT_IMPLEMENTED, what + " is not implemented"));
  }

  private static CompletionStage<CommandOutcome> unsupportedCommand(String what) {
    return CompletableFuture.completedFuture(CommandOutcome.failure(ErrorCode.UNSUPPORTED_COMMAND,
        what + " is not accepted by the gateway"));
  }

  // ---------------------------------------------------------------- helpers

  private static CompletableFuture<Void> checkReply(ReplyContent reply) {
    Optional<ErrorDescriptor> error = reply.firstError();
    return error.isPresent()
        ? CompletableFuture.failedFuture(new IqErrorReplyException(error.get()))
        : CompletableFuture.completedFuture(null);
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }
}
