package ims.iq.gateway;

import ims.iq.message.Add;
import ims.iq.message.AmmCommand;
import ims.iq.message.AuditValue;
import ims.iq.message.ContextId;
import ims.iq.message.ErrorCode;
import ims.iq.message.Modify;
import ims.iq.message.SdpText;
import ims.iq.message.Subtract;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A gateway that answers every command with one outcome (an error code, or 500 for commands a test does not expect).
 * Like a real handler it owns the SDP it is given and wipes it at once.
 */
public class FixedOutcomeHandler implements IqGatewayHandler {
  private final CommandOutcome outcome;

  public FixedOutcomeHandler(CommandOutcome outcome) {
    this.outcome = outcome;
  }

  /** Every command refused with {@code code}. */
  public static FixedOutcomeHandler refusing(ErrorCode code) {
    return new FixedOutcomeHandler(CommandOutcome.failure(code, "refused"));
  }

  private CompletionStage<CommandOutcome> answer(Optional<AmmCommand> command) {
    command.flatMap(AmmCommand::media).ifPresent(m -> m.streams().forEach(s -> {
      s.parms().local().ifPresent(SdpText::close);
      s.parms().remote().ifPresent(SdpText::close);
    }));
    return CompletableFuture.completedFuture(outcome);
  }

  @Override
  public CompletionStage<CommandOutcome> add(ContextId context, Add add) {
    return answer(Optional.of(add));
  }

  @Override
  public CompletionStage<CommandOutcome> modify(ContextId context, Modify modify) {
    return answer(Optional.of(modify));
  }

  @Override
  public CompletionStage<CommandOutcome> subtract(ContextId context, Subtract subtract) {
    return answer(Optional.empty());
  }

  @Override
  public CompletionStage<CommandOutcome> auditValue(ContextId context, AuditValue auditValue) {
    return answer(Optional.empty());
  }
}
