package ims.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.gateway.CommandOutcome;
import ims.iq.gateway.IqGatewayHandler;
import ims.iq.gateway.WildcardAuditOutcome;
import ims.iq.message.Add;
import ims.iq.message.Audit;
import ims.iq.message.AuditValue;
import ims.iq.message.ContextId;
import ims.iq.message.ErrorCode;
import ims.iq.message.ErrorDescriptor;
import ims.iq.message.Modify;
import ims.iq.message.Subtract;
import ims.iq.message.TerminationId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The metrics wrapper around the IMS-AGW's handler passes every command kind on, the wildcard audit included. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ObservedGatewayTest {
  private static final CommandOutcome.Failure NOTHING_MATCHED =
      new CommandOutcome.Failure(ErrorDescriptor.of(ErrorCode.NO_TERMINATION_ID_MATCHED));

  /** Answers only the wildcard audit; the single-command audit would give 411 (what the default would ask). */
  private static final class WildcardOnly implements IqGatewayHandler {
    @Override
    public CompletionStage<CommandOutcome> add(ContextId context, Add add) {
      throw new AssertionError("not expected");
    }

    @Override
    public CompletionStage<CommandOutcome> modify(ContextId context, Modify modify) {
      throw new AssertionError("not expected");
    }

    @Override
    public CompletionStage<CommandOutcome> subtract(ContextId context, Subtract subtract) {
      throw new AssertionError("not expected");
    }

    @Override
    public CompletionStage<CommandOutcome> auditValue(ContextId context, AuditValue auditValue) {
      return CompletableFuture.completedFuture(
          new CommandOutcome.Failure(ErrorDescriptor.of(ErrorCode.UNKNOWN_CONTEXT_ID)));
    }

    @Override
    public CompletionStage<WildcardAuditOutcome> auditWildcard(ContextId context, AuditValue auditValue) {
      return CompletableFuture.completedFuture(NOTHING_MATCHED);
    }
  }

  @Test
  void givenAWildcardAudit_whenObserved_thenTheRelaysOwnAnswerIsPassedOnAndTimed() throws Exception {
    var registry = new SimpleMeterRegistry();
    var observed = new ObservedGateway(new WildcardOnly(), registry);

    var outcome = observed.auditWildcard(ContextId.ALL, new AuditValue(TerminationId.ALL, Audit.EMPTY))
        .toCompletableFuture().get();

    assertThat(outcome).isSameAs(NOTHING_MATCHED);
    assertThat(registry.get("ims.iq.gateway.command.duration")
        .tag("command", "audit_wildcard").tag("outcome", "error").timer().count()).isEqualTo(1);
  }
}
