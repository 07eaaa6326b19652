package ims.iq.gateway;

import ims.iq.message.Add;
import ims.iq.message.AuditValue;
import ims.iq.message.ContextId;
import ims.iq.message.Modify;
import ims.iq.message.Subtract;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * A handler that hands every command to another one: extend it and override only the commands a wrapper changes
 * (a metrics view, a gate or a fault injected in a test). Wildcard audits are forwarded as such, so the delegate's
 * own {@link IqGatewayHandler#auditWildcard} answers them.
 */
public abstract class ForwardingGatewayHandler implements IqGatewayHandler {
  private final IqGatewayHandler delegate;

  protected ForwardingGatewayHandler(IqGatewayHandler delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public CompletionStage<CommandOutcome> add(ContextId context, Add add) {
    return delegate.add(context, add);
  }

  @Override
  public CompletionStage<CommandOutcome> modify(ContextId context, Modify modify) {
    return delegate.modify(context, modify);
  }

  @Override
  public CompletionStage<CommandOutcome> subtract(ContextId context, Subtract subtract) {
    return delegate.subtract(context, subtract);
  }

  @Override
  public CompletionStage<CommandOutcome> auditValue(ContextId context, AuditValue auditValue) {
    return delegate.auditValue(context, auditValue);
  }

  @Override
  public CompletionStage<WildcardAuditOutcome> auditWildcard(ContextId context, AuditValue auditValue) {
    return delegate.auditWildcard(context, auditValue);
  }
}
