package ims.iq.controller;

import ims.iq.message.ContextId;
import ims.iq.message.ErrorCode;
import ims.iq.message.ServiceChangeMethod;
import ims.iq.message.TerminationId;
import ims.iq.transport.IqErrorReplyException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Resynchronisation after ServiceChange Failover or Disconnected (H.248.1 7.2.8, 11.5): one
 * {@code AuditValue} with an empty {@code Audit} per termination the controller believes exists, in
 * its context, at most {@link #MAX_IN_FLIGHT} at a time so that a large gateway does not hit the
 * transaction layer's outstanding-request cap. The gateway's answer classifies each termination:
 * a reply means it is there, 411 that its context is gone, 430/431/435 that it is gone, anything
 * else (a timeout, another error) proves nothing.
 */
final class ContextAudit {
  static final int MAX_IN_FLIGHT = 16;

  /** Sends one audit; the future fails with the gateway's error or a timeout. */
  @FunctionalInterface
  interface Probe {
    CompletableFuture<?> audit(ContextId.Numbered context, TerminationId termination);
  }

  /** What one audit found. */
  enum Finding { PRESENT, CONTEXT_GONE, TERMINATION_GONE, UNANSWERED }

  record Checked(ContextId.Numbered context, TerminationId termination, Finding finding) {}

  private final List<Checked> pending = new ArrayList<>();
  private final Checked[] results;
  private final Probe probe;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger finished = new AtomicInteger();
  private final CompletableFuture<List<Checked>> done = new CompletableFuture<>();

  private ContextAudit(Map<ContextId.Numbered, Set<TerminationId>> known, Probe probe) {
    known.forEach((context, members) -> members.forEach(t -> pending.add(new Checked(context, t, null))));
    this.results = new Checked[pending.size()];
    this.probe = probe;
  }

  /** Audits every termination of {@code known}; completes (never exceptionally) with one finding each. */
  static CompletableFuture<List<Checked>> run(Map<ContextId.Numbered, Set<TerminationId>> known, Probe probe) {
    var audit = new ContextAudit(known, probe);
    if (audit.pending.isEmpty()) return CompletableFuture.completedFuture(List.of());
    for (int i = 0; i < Math.min(MAX_IN_FLIGHT, audit.pending.size()); i++) audit.auditNext();
    return audit.done;
  }

  /** A loop, not recursion, over audits that complete at once (a refused request), so the stack stays flat. */
  private void auditNext() {
    while (true) {
      int i = next.getAndIncrement();
      if (i >= pending.size()) return;
      Checked item = pending.get(i);
      CompletableFuture<?> answer;
      try {
        answer = probe.audit(item.context(), item.termination());
      } catch (RuntimeException e) {
        answer = CompletableFuture.failedFuture(e);
      }
      if (answer.isDone()) {
        record(i, item, answer);
        continue;
      }
      CompletableFuture<?> waiting = answer;
      waiting.whenComplete((reply, failure) -> {
        record(i, item, waiting);
        auditNext();
      });
      return;
    }
  }

  private void record(int i, Checked item, CompletableFuture<?> answer) {
    results[i] = new Checked(item.context(), item.termination(), finding(answer));
    if (finished.incrementAndGet() == results.length) done.complete(List.of(results));
  }

  /**
   * The listener's event from the findings; what the gateway no longer has is forgotten in
   * {@code known}. A termination released meanwhile by the controller itself is not reported.
   */
  static GatewayEvent.ContextsAudited summarise(ServiceChangeMethod method, Map<ContextId.Numbered, Set<TerminationId>> audited,
      List<Checked> findings, KnownContexts known) {
    var contextGone = new HashSet<ContextId.Numbered>();
    var answered = new HashSet<ContextId.Numbered>();
    var unanswered = new HashSet<ContextId.Numbered>();
    var gone = new HashMap<ContextId.Numbered, Set<TerminationId>>();
    for (Checked c : findings) {
      switch (c.finding()) {
        case PRESENT -> answered.add(c.context());
        case CONTEXT_GONE -> contextGone.add(c.context());
        case TERMINATION_GONE -> gone.computeIfAbsent(c.context(), k -> new HashSet<>()).add(c.termination());
        case UNANSWERED -> unanswered.add(c.context());
      }
    }
    for (ContextId.Numbered context : contextGone) gone.put(context, new HashSet<>(audited.get(context)));
    var missingTerminations = new HashMap<ContextId.Numbered, Set<TerminationId>>();
    gone.forEach((context, members) -> {
      members.removeIf(t -> !known.removed(context, t));
      if (!members.isEmpty()) missingTerminations.put(context, members);
    });
    var missingContexts = new HashSet<ContextId.Numbered>();
    for (ContextId.Numbered context : missingTerminations.keySet()) {
      boolean nothingLeft = !answered.contains(context) && !unanswered.contains(context);
      if (contextGone.contains(context) || nothingLeft) missingContexts.add(context);
    }
    unanswered.removeAll(missingContexts);
    return new GatewayEvent.ContextsAudited(method, audited.size(), missingContexts, missingTerminations, unanswered);
  }

  private static Finding finding(CompletableFuture<?> answer) {
    if (!answer.isCompletedExceptionally()) return Finding.PRESENT;
    Throwable failure = answer.handle((reply, e) -> e).join();
    if (failure instanceof CompletionException && failure.getCause() != null) failure = failure.getCause();
    if (!(failure instanceof IqErrorReplyException error)) return Finding.UNANSWERED;
    ErrorCode code = error.error().code();
    if (code.equals(ErrorCode.UNKNOWN_CONTEXT_ID)) return Finding.CONTEXT_GONE;
    if (code.equals(ErrorCode.UNKNOWN_TERMINATION_ID) || code.equals(ErrorCode.NO_TERMINATION_ID_MATCHED)
        || code.equals(ErrorCode.TERMINATION_NOT_IN_CONTEXT)) {
      return Finding.TERMINATION_GONE;
    }
    return Finding.UNANSWERED;
  }
}
