package ims.launcher;

import ims.iq.gateway.CommandOutcome;
import ims.iq.gateway.IqGatewayHandler;
import ims.iq.gateway.WildcardAuditOutcome;
import ims.iq.message.Add;
import ims.iq.message.AuditValue;
import ims.iq.message.ContextId;
import ims.iq.message.Modify;
import ims.iq.message.Subtract;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The IMS-AGW's Iq handler seen from the outside: passes every command to the relay's handler unchanged and
 * records how many contexts Add created (the relay counts live ones, not totals) and how long each command took
 * on the gateway, from arrival to reply. It reads only the reply's context id, never the SDP (which holds keys):
 * the server encodes and wipes it as before. Thread-safe: commands come on the Iq transport thread, completions
 * on relay loops.
 */
final class ObservedGateway implements IqGatewayHandler {
  private final IqGatewayHandler delegate;
  private final MeterRegistry registry;
  private final Set<Long> seen = ConcurrentHashMap.newKeySet();
  private final LongAdder contextsCreated = new LongAdder();

  ObservedGateway(IqGatewayHandler delegate, MeterRegistry registry) {
    this.delegate = delegate;
    this.registry = registry;
  }

  /** Contexts the gateway created for {@code Context = $} Adds since start. */
  long contextsCreated() {
    return contextsCreated.sum();
  }

  @Override
  public CompletionStage<CommandOutcome> add(ContextId context, Add add) {
    long start = System.nanoTime();
    boolean choose = context == ContextId.CHOOSE;
    return timed("add", start, delegate.add(context, add)).thenApply(outcome -> {
      if (choose && outcome instanceof CommandOutcome.Success s && s.context() instanceof ContextId.Numbered n
          && seen.add(n.value())) {
        contextsCreated.increment();
      }
      return outcome;
    });
  }

  @Override
  public CompletionStage<CommandOutcome> modify(ContextId context, Modify modify) {
    return timed("modify", System.nanoTime(), delegate.modify(context, modify));
  }

  @Override
  public CompletionStage<CommandOutcome> subtract(ContextId context, Subtract subtract) {
    return timed("subtract", System.nanoTime(), delegate.subtract(context, subtract));
  }

  @Override
  public CompletionStage<CommandOutcome> auditValue(ContextId context, AuditValue auditValue) {
    return timed("audit", System.nanoTime(), delegate.auditValue(context, auditValue));
  }

  @Override
  public CompletionStage<WildcardAuditOutcome> auditWildcard(ContextId context, AuditValue auditValue) {
    return timed("audit_wildcard", System.nanoTime(), delegate.auditWildcard(context, auditValue));
  }

  /** Both outcome families fail with a {@link CommandOutcome.Failure}; anything else is a success. */
  private <T> CompletionStage<T> timed(String command, long startNanos, CompletionStage<T> stage) {
    return stage.whenComplete((outcome, failure) -> {
      String result = failure != null ? "exception"
          : outcome instanceof CommandOutcome.Failure ? "error" : "success";
      Timer.builder("ims.iq.gateway.command.duration")
          .description("Iq commands the IMS-AGW ran, from arrival to reply")
          .tag("command", command)
          .tag("outcome", result)
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofNanos(100_000))
          .maximumExpectedValue(Duration.ofSeconds(5))
          .register(registry)
          .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    });
  }
}
