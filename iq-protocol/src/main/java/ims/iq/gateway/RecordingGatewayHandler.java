package ims.iq.gateway;

import ims.iq.message.Add;
import ims.iq.message.AddReply;
import ims.iq.message.AuditValue;
import ims.iq.message.AuditValueReply;
import ims.iq.message.Command;
import ims.iq.message.ContextId;
import ims.iq.message.Descriptor;
import ims.iq.message.Media;
import ims.iq.message.Modify;
import ims.iq.message.ModifyReply;
import ims.iq.message.PropertyParm;
import ims.iq.message.SdpText;
import ims.iq.message.Statistics;
import ims.iq.message.StatisticsParameter;
import ims.iq.message.Stream;
import ims.iq.message.StreamParms;
import ims.iq.message.Subtract;
import ims.iq.message.SubtractReply;
import ims.iq.message.TerminationId;
import ims.iq.message.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An in-memory gateway for tests of the controller side and of other modules, until the media relay
 * implements {@link IqGatewayHandler}: it allocates contexts ({@code 1, 2, ...}) and terminations
 * ({@code ip/1/<realm>/<n>}), fills {@code $} in Local SDP with {@code 127.0.0.1} and even ports from
 * 20000, answers 411/430/433 like a real gateway, returns configurable statistics on Subtract, and
 * records every command it ran. It moves no media. Thread-safe (one lock; tests read from their thread).
 */
public final class RecordingGatewayHandler implements IqGatewayHandler, AutoCloseable {
  /** One command as the handler saw it. */
  public record Recorded(ContextId context, Command command) {
    public Recorded {
      Objects.requireNonNull(context, "context");
      Objects.requireNonNull(command, "command");
    }
  }

  private final Object lock = new Object();
  private final List<Recorded> recorded = new ArrayList<>();
  private final Map<Long, Set<TerminationId>> contexts = new LinkedHashMap<>();
  private final Map<TerminationId, Statistics> statistics = new LinkedHashMap<>();
  private long nextContext = 1;
  private long nextTermination = 1;
  private int nextPort = 20_000;

  /** Every command run so far, in order. */
  public List<Recorded> recorded() {
    synchronized (lock) {
      return List.copyOf(recorded);
    }
  }

  /** The live contexts and their terminations. */
  public Map<Long, Set<TerminationId>> contexts() {
    synchronized (lock) {
      var copy = new LinkedHashMap<Long, Set<TerminationId>>();
      contexts.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
      return copy;
    }
  }

  /** What Subtract of {@code termination} returns (default: zero counters). */
  public void setStatistics(TerminationId termination, Statistics stats) {
    synchronized (lock) {
      statistics.put(termination, stats);
    }
  }

  @Override
  public CompletionStage<CommandOutcome> add(ContextId context, Add add) {
    synchronized (lock) {
      recorded.add(new Recorded(context, add));
      long contextId;
      if (context == ContextId.CHOOSE) {
        contextId = nextContext++;
        contexts.put(contextId, new LinkedHashSet<>());
      } else if (context instanceof ContextId.Numbered n && contexts.containsKey(n.value())) {
        contextId = n.value();
      } else {
        return done(CommandOutcome.unknownContext(context));
      }
      TerminationId termination = add.terminationId();
      if (termination.isChoose()) {
        termination = TerminationId.of("ip/1/" + realm(add.media()) + "/" + nextTermination++);
      } else if (termination.isWildcard() || termination.isRoot()) {
        return done(CommandOutcome.unknownTermination(termination));
      } else if (findContext(termination).isPresent()) {
        return done(CommandOutcome.failure(ims.iq.message.ErrorCode.TERMINATION_ALREADY_IN_CONTEXT,
            "TerminationID is already in a Context: " + termination.name()));
      }
      contexts.get(contextId).add(termination);
      return done(CommandOutcome.success(ContextId.of(contextId), new AddReply(termination, localAnswer(add.media()))));
    }
  }

  @Override
  public CompletionStage<CommandOutcome> modify(ContextId context, Modify modify) {
    synchronized (lock) {
      recorded.add(new Recorded(context, modify));
      var failure = checkMembership(context, modify.terminationId());
      if (failure.isPresent()) return done(failure.get());
      return done(CommandOutcome.success(context, new ModifyReply(modify.terminationId(), localAnswer(modify.media()))));
    }
  }

  @Override
  public CompletionStage<CommandOutcome> subtract(ContextId context, Subtract subtract) {
    synchronized (lock) {
      recorded.add(new Recorded(context, subtract));
      var failure = checkMembership(context, subtract.terminationId());
      if (failure.isPresent()) return done(failure.get());
      long contextId = ((ContextId.Numbered) context).value();
      Set<TerminationId> members = contexts.get(contextId);
      members.remove(subtract.terminationId());
      if (members.isEmpty()) contexts.remove(contextId);
      Statistics stats = statistics.getOrDefault(subtract.terminationId(), zeroStatistics());
      List<Descriptor> returned = subtract.audit().isPresent() ? List.of() : List.of(stats);
      return done(CommandOutcome.success(context, new SubtractReply(subtract.terminationId(), returned)));
    }
  }

  @Override
  public CompletionStage<CommandOutcome> auditValue(ContextId context, AuditValue auditValue) {
    synchronized (lock) {
      recorded.add(new Recorded(context, auditValue));
      if (auditValue.terminationId().isRoot()) {
        return done(CommandOutcome.success(ContextId.NULL, AuditValueReply.of(TerminationId.ROOT)));
      }
      var failure = checkMembership(context, auditValue.terminationId());
      if (failure.isPresent()) return done(failure.get());
      return done(CommandOutcome.success(context, AuditValueReply.of(auditValue.terminationId())));
    }
  }

  /** Wipes the SDP of every recorded command. */
  @Override
  public void close() {
    synchronized (lock) {
      for (Recorded r : recorded) {
        if (r.command() instanceof ims.iq.message.AmmCommand amm) amm.media().ifPresent(RecordingGatewayHandler::wipe);
      }
    }
  }

  private Optional<CommandOutcome> checkMembership(ContextId context, TerminationId termination) {
    if (!(context instanceof ContextId.Numbered n) || !contexts.containsKey(n.value())) {
      return Optional.of(CommandOutcome.unknownContext(context));
    }
    if (!contexts.get(n.value()).contains(termination)) return Optional.of(CommandOutcome.unknownTermination(termination));
    return Optional.empty();
  }

  private Optional<Long> findContext(TerminationId termination) {
    for (var e : contexts.entrySet()) {
      if (e.getValue().contains(termination)) return Optional.of(e.getKey());
    }
    return Optional.empty();
  }

  private static String realm(Optional<Media> media) {
    return media.flatMap(Media::terminationState)
        .flatMap(s -> s.property("ipdc/realm"))
        .flatMap(PropertyParm::single)
        .map(Value::text)
        .filter(t -> t.matches("[A-Za-z0-9_]{1,32}"))
        .orElse("access");
  }

  /** The Local SDP of stream 1 with {@code $} filled in, as the reply's Media; nothing if no Local was sent. */
  private List<Descriptor> localAnswer(Optional<Media> media) {
    Optional<SdpText> local = media.flatMap(m -> m.stream(1)).flatMap(StreamParms::local);
    if (local.isEmpty()) return List.of();
    char[] text = local.get().copyChars();
    String filled = fill(new String(text));
    Arrays.fill(text, '\0');
    var parms = new StreamParms(Optional.empty(), Optional.of(SdpText.of(filled)), Optional.empty(), Optional.empty());
    return List.of(Media.of(new Stream(1, parms)));
  }

  private String fill(String sdp) {
    var out = new StringBuilder(sdp.length() + 16);
    for (String line : sdp.split("(?<=\n)")) {
      if (line.startsWith("c=")) {
        out.append(line.replace(" $", " 127.0.0.1"));
      } else if (line.startsWith("m=") && line.contains(" $ ")) {
        out.append(line.replaceFirst(" \\$ ", " " + nextPort + " "));
        nextPort += 2;
      } else {
        out.append(line);
      }
    }
    return out.toString();
  }

  private static Statistics zeroStatistics() {
    return Statistics.of(StatisticsParameter.of("nt/os", 0), StatisticsParameter.of("nt/or", 0),
        StatisticsParameter.of("rtp/ps", 0), StatisticsParameter.of("rtp/pr", 0));
  }

  private static void wipe(Media media) {
    media.defaultStream().ifPresent(RecordingGatewayHandler::wipe);
    for (Stream s : media.streams()) wipe(s.parms());
  }

  private static void wipe(StreamParms parms) {
    parms.local().ifPresent(SdpText::close);
    parms.remote().ifPresent(SdpText::close);
  }

  private static CompletionStage<CommandOutcome> done(CommandOutcome outcome) {
    return CompletableFuture.completedFuture(outcome);
  }
}
