package ims.iq.controller;

import ims.iq.message.ContextId;
import ims.iq.message.TerminationId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The contexts and terminations this controller created on the gateway and has not released: what
 * it audits after the gateway's ServiceChange Failover or Disconnected. Thread-safe.
 */
final class KnownContexts {
  private final Map<ContextId.Numbered, Set<TerminationId>> contexts = new LinkedHashMap<>();

  synchronized void added(ContextId.Numbered context, TerminationId termination) {
    contexts.computeIfAbsent(context, c -> new LinkedHashSet<>()).add(termination);
  }

  /** The termination is gone; a context without terminations is gone too (H.248.1 6.1: Subtract of the last one). */
  synchronized boolean removed(ContextId.Numbered context, TerminationId termination) {
    Set<TerminationId> members = contexts.get(context);
    if (members == null || !members.remove(termination)) return false;
    if (members.isEmpty()) contexts.remove(context);
    return true;
  }

  /** The gateway dropped everything (Restart, Forced). */
  synchronized void clear() {
    contexts.clear();
  }

  synchronized Map<ContextId.Numbered, Set<TerminationId>> snapshot() {
    var copy = new LinkedHashMap<ContextId.Numbered, Set<TerminationId>>();
    contexts.forEach((context, members) -> copy.put(context, Set.copyOf(members)));
    return copy;
  }
}
