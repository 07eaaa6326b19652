package ims.pcscf.sip;

import ims.iq.controller.IqController;
import ims.iq.message.ContextId;
import ims.iq.message.TerminationId;
import ims.sdes.e2ae.MediaAnchor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import ims.iq.transport.IqErrorReplyException;
import ims.iq.transport.IqTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IMS-AGW side of one e2ae call: one Iq context per anchored stream (core and access
 * terminations), the key holders of the call's SDES transforms, the answer sent to the offerer once computed,
 * and the order in which the call's SIP messages leave. {@link #release()} subtracts every
 * termination and wipes every key exactly once, whoever calls it first (BYE, CANCEL, error, timeout);
 * a context reserved after that is released as soon as it is reported. Thread-safe (one monitor).
 */
final class GatewayCall {
  private static final Logger log = LoggerFactory.getLogger(GatewayCall.class);

  /** One stream's context: the core termination first, the access termination once reserved. */
  static final class StreamContext {
    final int index;
    final ContextId.Numbered context;
    final TerminationId core;
    final MediaAnchor coreAnchor;
    TerminationId access;
    MediaAnchor accessAnchor;

    StreamContext(int index, ContextId.Numbered context, TerminationId core, MediaAnchor coreAnchor) {
      this.index = index;
      this.context = context;
      this.core = core;
      this.coreAnchor = coreAnchor;
    }
  }

  private final IqController iq;
  private final ProxyCounters counters;
  private final String callId;
  private final List<StreamContext> contexts = new ArrayList<>();
  private final List<AutoCloseable> keyHolders = new ArrayList<>();
  private CompletableFuture<Void> sequence = CompletableFuture.completedFuture(null);
  private String offererAnswer;
  private boolean released;
  /** The SIP side of the call for a release the P-CSCF starts itself (gateway lost); null when hosted. */
  private CallDialog dialog;
  /** The rewritten offer went on: from now a CANCEL goes downstream and the answer releases. */
  private boolean forwarded;

  GatewayCall(IqController iq, ProxyCounters counters, String callId) {
    this.iq = iq;
    this.counters = counters;
    this.callId = callId;
  }

  String callId() {
    return callId;
  }

  /**
   * Sends one Iq request through the call's controller, counted and timed ({@code iqRequests},
   * outcome, latency); the returned future completes after the counters are updated.
   */
  <T> CompletableFuture<T> iq(Function<IqController, CompletableFuture<T>> request) {
    counters.iqRequests.increment();
    long started = System.nanoTime();
    CompletableFuture<T> sent;
    try {
      sent = request.apply(iq);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    return sent.whenComplete((value, failure) ->
        counters.iqCompleted(outcomeOf(failure), (System.nanoTime() - started) / 1_000));
  }

  private static ProxyCounters.IqOutcome outcomeOf(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    return switch (cause) {
      case null -> ProxyCounters.IqOutcome.OK;
      case IqErrorReplyException e -> ProxyCounters.IqOutcome.ERROR_REPLY;
      case IqTimeoutException e -> ProxyCounters.IqOutcome.TIMEOUT;
      default -> ProxyCounters.IqOutcome.OTHER_FAILURE;
    };
  }

  /** Adds a reserved context; if the call is already released, the context is released at once. */
  void add(StreamContext context) {
    synchronized (this) {
      if (!released) {
        contexts.add(context);
        counters.gatewayContextsReserved.increment();
        return;
      }
    }
    counters.gatewayContextsReserved.increment();
    subtract(context);
  }

  /** Adds the access termination of a stream; released at once if the call was released meanwhile. */
  void addAccess(StreamContext context, TerminationId access, MediaAnchor anchor) {
    synchronized (this) {
      if (!released) {
        context.access = access;
        context.accessAnchor = anchor;
        return;
      }
    }
    iq(c -> c.releaseTermination(context.context, access));
  }

  synchronized Optional<StreamContext> stream(int index) {
    return contexts.stream().filter(c -> c.index == index).findFirst();
  }

  synchronized List<StreamContext> streams() {
    return List.copyOf(contexts);
  }

  /** Hands key holders to the call: wiped on release (or at once if already released). */
  void own(AutoCloseable holder) {
    synchronized (this) {
      if (!released) {
        keyHolders.add(holder);
        return;
      }
    }
    closeQuietly(holder);
  }

  synchronized Optional<String> offererAnswer() {
    return Optional.ofNullable(offererAnswer);
  }

  synchronized void offererAnswer(String body) {
    offererAnswer = body;
  }

  synchronized boolean isReleased() {
    return released;
  }

  /** The reservation is done and the offer may leave; false if the call was released meanwhile. */
  synchronized boolean startForwarding() {
    if (released) {
      return false;
    }
    forwarded = true;
    return true;
  }

  /**
   * A CANCEL while the gateway is still reserving (the offer has not left): releases the call and
   * returns true; false (nothing done) once the offer was forwarded or the call released.
   */
  boolean cancelIfReserving() {
    synchronized (this) {
      if (forwarded || released) {
        return false;
      }
      released = true; // startForwarding can no longer succeed; release() below does the work once
    }
    releaseResources();
    return true;
  }

  /** Runs {@code step} after every step queued before it (SIP messages of a call leave in order). */
  synchronized CompletableFuture<Void> then(Supplier<CompletableFuture<Void>> step) {
    sequence = sequence.exceptionally(e -> null).thenCompose(ignored -> step.get());
    return sequence;
  }

  /** Remembers the SIP transactions / dialog of the call (first one set wins for each part). */
  synchronized CallDialog dialog() {
    if (dialog == null) {
      dialog = new CallDialog();
    }
    return dialog;
  }

  /** Whether one of this call's contexts is among {@code lost}. */
  synchronized boolean holdsAny(Set<ContextId.Numbered> lost) {
    return contexts.stream().anyMatch(c -> lost.contains(c.context));
  }

  /**
   * The IMS-AGW lost this call's contexts (restart, forced out of service, audit): nothing is
   * subtracted (they are gone), the keys are wiped, the contexts counted {@code gatewayContextsLost}.
   * False (nothing done) if the call was already released.
   */
  boolean contextsLost() {
    List<StreamContext> lost;
    List<AutoCloseable> toWipe;
    synchronized (this) {
      if (released) {
        return false;
      }
      released = true;
      lost = List.copyOf(contexts);
      toWipe = List.copyOf(keyHolders);
      contexts.clear();
      keyHolders.clear();
    }
    counters.gatewayContextsLost.add(lost.size());
    toWipe.forEach(GatewayCall::closeQuietly);
    return true;
  }

  /** Releases every context and wipes every key; later calls do nothing. */
  void release() {
    synchronized (this) {
      if (released) {
        return;
      }
      released = true;
    }
    releaseResources();
  }

  /** Subtracts the contexts and wipes the keys held now (after {@code released} was set, exactly once). */
  private void releaseResources() {
    List<StreamContext> toRelease;
    List<AutoCloseable> toWipe;
    synchronized (this) {
      toRelease = List.copyOf(contexts);
      toWipe = List.copyOf(keyHolders);
      contexts.clear();
      keyHolders.clear();
    }
    toRelease.forEach(this::subtract);
    toWipe.forEach(GatewayCall::closeQuietly);
  }

  private void subtract(StreamContext c) {
    var releases = new ArrayList<CompletableFuture<?>>();
    releases.add(iq(iq -> iq.releaseTermination(c.context, c.core)));
    if (c.access != null) {
      releases.add(iq(iq -> iq.releaseTermination(c.context, c.access)));
    }
    CompletableFuture.allOf(releases.toArray(CompletableFuture[]::new)).whenComplete((ok, e) -> {
      counters.gatewayContextsReleased.increment();
      if (e != null) {
        counters.gatewayFailures.increment();
        try (var mdc = CallLogging.callId(callId)) {
          log.warn("Releasing IMS-AGW context {} of call {} failed: {}", c.context.value(), callId, e.toString());
        }
      }
    });
  }

  private static void closeQuietly(AutoCloseable holder) {
    try {
      holder.close();
    } catch (Exception e) {
      log.warn("Wiping keys failed: {}", e.getClass().getSimpleName());
    }
  }
}
