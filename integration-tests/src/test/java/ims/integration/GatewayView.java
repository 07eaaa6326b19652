package ims.integration;

import ims.iq.gateway.CommandOutcome;
import ims.iq.gateway.IqGatewayHandler;
import ims.iq.message.Add;
import ims.iq.message.AddReply;
import ims.iq.message.AmmCommand;
import ims.iq.message.AuditValue;
import ims.iq.message.ContextId;
import ims.iq.message.Media;
import ims.iq.message.Modify;
import ims.iq.message.PropertyParm;
import ims.iq.message.SdpText;
import ims.iq.message.Statistics;
import ims.iq.message.StreamParms;
import ims.iq.message.Subtract;
import ims.iq.message.SubtractReply;
import ims.iq.message.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The gateway's view of Iq: sits in front of the real {@link ims.media.relay.RelayGatewayHandler} inside the
 * {@link ims.iq.gateway.IqGatewayServer} and writes down every command it receives (after the server decoded
 * it from the wire) and how the handler answered. The SDP texts are copied before the handler runs, because
 * the handler wipes them once the keys are installed.
 */
final class GatewayView implements IqGatewayHandler {
  private final IqGatewayHandler real;
  private final List<Seen> seen = new ArrayList<>();

  enum Kind { ADD, MODIFY, SUBTRACT, AUDIT }

  /**
   * One command as the gateway got it and what it answered: {@code outcome} is "ok" or the H.248 error code;
   * {@code termination} is the one the reply named (the chosen one for {@code $}). Holds SDP with SRTP keys:
   * a class with a redacted toString, not a record.
   */
  static final class Seen {
    final Kind kind;
    final String context;
    final Optional<String> realm;
    final Optional<String> local;
    final Optional<String> remote;
    volatile String outcome = "pending";
    volatile String replyContext = "";
    volatile String termination = "";
    /** The Local SDP an Add reply returned (the gateway's own address and port filled in), if any. */
    volatile Optional<String> replyLocal = Optional.empty();
    /** The statistics a Subtract reply returned (H.248.1 E.9/E.12 and SRTP counters), if any. */
    volatile Optional<Statistics> statistics = Optional.empty();

    Seen(Kind kind, ContextId context, Optional<String> realm, Optional<String> local, Optional<String> remote) {
      this.kind = kind;
      this.context = text(context);
      this.realm = realm;
      this.local = local;
      this.remote = remote;
    }

    @Override
    public String toString() {
      return kind + "[context=" + context + "->" + replyContext + ", termination=" + termination + ", realm="
          + realm.orElse("-") + ", local=" + local.isPresent() + ", remote=" + remote.isPresent() + ", outcome="
          + outcome + "]";
    }
  }

  GatewayView(IqGatewayHandler real) {
    this.real = real;
  }

  /** Everything seen so far, in arrival order. */
  synchronized List<Seen> seen() {
    return List.copyOf(seen);
  }

  synchronized List<Seen> seen(Kind kind) {
    return seen.stream().filter(s -> s.kind == kind).toList();
  }

  @Override
  public CompletionStage<CommandOutcome> add(ContextId context, Add add) {
    return record(new Seen(Kind.ADD, context, realm(add), sdp(add, true), sdp(add, false)), real.add(context, add));
  }

  @Override
  public CompletionStage<CommandOutcome> modify(ContextId context, Modify modify) {
    return record(new Seen(Kind.MODIFY, context, realm(modify), sdp(modify, true), sdp(modify, false)),
        real.modify(context, modify));
  }

  @Override
  public CompletionStage<CommandOutcome> subtract(ContextId context, Subtract subtract) {
    var s = new Seen(Kind.SUBTRACT, context, Optional.empty(), Optional.empty(), Optional.empty());
    s.termination = subtract.terminationId().name();
    return record(s, real.subtract(context, subtract));
  }

  @Override
  public CompletionStage<CommandOutcome> auditValue(ContextId context, AuditValue auditValue) {
    return record(new Seen(Kind.AUDIT, context, Optional.empty(), Optional.empty(), Optional.empty()),
        real.auditValue(context, auditValue));
  }

  private CompletionStage<CommandOutcome> record(Seen s, CompletionStage<CommandOutcome> outcome) {
    synchronized (this) {
      seen.add(s);
    }
    return outcome.whenComplete((o, e) -> {
      switch (o) {
        case CommandOutcome.Success ok -> {
          s.replyContext = text(ok.context());
          s.termination = ok.reply().terminationId().name();
          if (ok.reply() instanceof AddReply added) {
            s.replyLocal = added.descriptors().stream().filter(Media.class::isInstance).map(Media.class::cast)
                .findFirst().flatMap(m -> m.stream(1)).flatMap(StreamParms::local).map(SdpText::text);
          }
          if (ok.reply() instanceof SubtractReply released) {
            s.statistics = released.descriptors().stream().filter(Statistics.class::isInstance)
                .map(Statistics.class::cast).findFirst();
          }
          s.outcome = "ok";
        }
        case CommandOutcome.Failure f -> s.outcome = Integer.toString(f.error().code().code());
        case null -> s.outcome = "exception " + e;
      }
    });
  }

  static String text(ContextId context) {
    return switch (context) {
      case ContextId.Special special -> special.symbol();
      case ContextId.Numbered numbered -> Long.toString(numbered.value());
    };
  }

  private static Optional<String> realm(AmmCommand command) {
    return command.media().flatMap(Media::terminationState).flatMap(st -> st.property("ipdc/realm"))
        .flatMap(PropertyParm::single).map(Value::text);
  }

  private static Optional<String> sdp(AmmCommand command, boolean local) {
    Optional<StreamParms> stream = command.media().flatMap(m -> m.stream(1));
    return stream.flatMap(local ? StreamParms::local : StreamParms::remote).map(SdpText::text);
  }
}
