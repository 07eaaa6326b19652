package ims.iq.controller;

import ims.iq.message.ContextId;
import ims.iq.message.ObservedEvent;
import ims.iq.message.ServiceChangeMethod;
import ims.iq.message.TerminationId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** What the controller tells its listener about the gateway and its terminations. */
public sealed interface GatewayEvent {

  /**
   * ServiceChange Restart, Failover or Disconnected on ROOT: the gateway is (back) in service.
   * {@code contextsLost} is true for Restart: every context the controller knew is gone, so its
   * calls must be released. After Failover or Disconnected a {@link ContextsAudited} follows.
   */
  record GatewayInService(ServiceChangeMethod method, Optional<String> reason, int version, boolean contextsLost)
      implements GatewayEvent {
    public GatewayInService {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * ServiceChange Forced or Graceful on ROOT. Forced: the contexts are gone now. Graceful: no new
   * calls; existing contexts stay until released or until {@code delay} seconds pass.
   */
  record GatewayOutOfService(ServiceChangeMethod method, Optional<String> reason, OptionalLong delaySeconds,
      boolean contextsLost) implements GatewayEvent {
    public GatewayOutOfService {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(delaySeconds, "delaySeconds");
    }
  }

  /** A ServiceChange on one termination (e.g. Forced: the termination is out of service). */
  record TerminationServiceChange(TerminationId termination, ServiceChangeMethod method, Optional<String> reason)
      implements GatewayEvent {
    public TerminationServiceChange {
      Objects.requireNonNull(termination, "termination");
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The audit that follows ServiceChange Failover or Disconnected on ROOT is done: every termination
   * the controller believed existed was audited in its context. {@code missingContexts}: the gateway
   * no longer has them (411, or none of their terminations is left), so their calls must be
   * released. {@code missingTerminations}: every termination found gone, by context, including
   * those of the missing contexts. {@code unverified}: contexts with an audit that got no conclusive
   * answer (timeout, another error); they are still believed to exist. The controller forgets what
   * is missing.
   */
  record ContextsAudited(ServiceChangeMethod method, int auditedContexts, Set<ContextId.Numbered> missingContexts,
      Map<ContextId.Numbered, Set<TerminationId>> missingTerminations, Set<ContextId.Numbered> unverified)
      implements GatewayEvent {
    public ContextsAudited {
      Objects.requireNonNull(method, "method");
      if (auditedContexts < 0) throw new IllegalArgumentException("auditedContexts < 0");
      missingContexts = Set.copyOf(missingContexts);
      var copy = new HashMap<ContextId.Numbered, Set<TerminationId>>();
      missingTerminations.forEach((context, members) -> copy.put(context, Set.copyOf(members)));
      missingTerminations = Map.copyOf(copy);
      unverified = Set.copyOf(unverified);
      if (!missingTerminations.keySet().containsAll(missingContexts)) {
        throw new IllegalArgumentException("a missing context without its missing terminations");
      }
    }
  }

  /** Link checks (empty AuditValue on ROOT) failed this many times in a row. */
  record LinkDown(int consecutiveFailures) implements GatewayEvent {}

  /** A link check succeeded after the link was down. */
  record LinkUp() implements GatewayEvent {}

  /** Termination heartbeat ({@code hangterm/thb}, H.248.36): the termination still exists — is it hanging? */
  record TerminationHeartbeat(ContextId context, TerminationId termination) implements GatewayEvent {
    public TerminationHeartbeat {
      Objects.requireNonNull(context, "context");
      Objects.requireNonNull(termination, "termination");
    }
  }

  /** IP Bearer Released (TS 23.334): the gateway lost the bearer ({@code g/cause}, with its general cause). */
  record BearerReleased(ContextId context, TerminationId termination, Optional<String> cause) implements GatewayEvent {
    public BearerReleased {
      Objects.requireNonNull(context, "context");
      Objects.requireNonNull(termination, "termination");
      Objects.requireNonNull(cause, "cause");
    }
  }

  /** The SRTP master key of a termination reached its lifetime ({@code srtps/kl}, our package): re-key or release. */
  record SrtpKeyLifetime(ContextId context, TerminationId termination) implements GatewayEvent {
    public SrtpKeyLifetime {
      Objects.requireNonNull(context, "context");
      Objects.requireNonNull(termination, "termination");
    }
  }

  /** Any other observed event, passed on as received. */
  record OtherEvent(ContextId context, TerminationId termination, ObservedEvent event) implements GatewayEvent {
    public OtherEvent {
      Objects.requireNonNull(context, "context");
      Objects.requireNonNull(termination, "termination");
      Objects.requireNonNull(event, "event");
    }
  }
}
