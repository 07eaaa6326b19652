package ims.iq.controller;

import static ims.iq.controller.IqLink.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.gateway.CommandOutcome;
import ims.iq.gateway.FixedOutcomeHandler;
import ims.iq.gateway.IqGatewayHandler;
import ims.iq.gateway.IqGatewayServer;
import ims.iq.gateway.RecordingGatewayHandler;
import ims.iq.gateway.WildcardAuditOutcome;
import ims.iq.gateway.WildcardAuditOutcome.ContextReplies;
import ims.iq.message.Audit;
import ims.iq.message.AuditValue;
import ims.iq.message.AuditValueReply;
import ims.iq.message.ContextId;
import ims.iq.message.ErrorCode;
import ims.iq.message.Statistics;
import ims.iq.message.StatisticsParameter;
import ims.iq.message.TerminationId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code IqGatewayServer} routes AuditValue on {@code Context = *} and on wildcard termination ids to
 * {@link IqGatewayHandler#auditWildcard} and builds one action reply per context (H.248.1 7.2.5); the controller's
 * {@link IqController#auditAll} reads them back. Over UDP on 127.0.0.1 with the text codec.
 */
@Timeout(30)
class WildcardAuditDispatchTest {
  private IqLink link;
  private IqController controller;

  private void start(IqGatewayHandler handler) throws Exception {
    link = IqLink.start(IqLink.NO_LINK_CHECKS, e -> { }, handler);
    controller = link.controller();
  }

  @AfterEach
  void stop() {
    if (link != null) link.close();
  }

  private static ContextReplies context(long id, String... terminations) {
    var replies = new ArrayList<ims.iq.message.CommandReply>();
    for (String t : terminations) {
      replies.add(AuditValueReply.of(TerminationId.of(t), Statistics.of(StatisticsParameter.of("rtp/pr", id))));
    }
    return new ContextReplies(ContextId.of(id), replies);
  }

  @Test
  void givenAHandlerListingTwoContexts_whenContextAllIsAudited_thenEachContextIsOneActionReplyWithItsTerminations()
      throws Exception {
    var asked = new AtomicReference<String>();
    start(new WildcardHandler((context, audit) -> {
      asked.set(context + " " + audit.terminationId() + " " + audit.audit().items());
      return new WildcardAuditOutcome.Matched(List.of(context(4711, "ip/1/access/17", "ip/1/core/18"),
          context(4712, "ip/1/core/20")));
    }));

    List<AuditedContext> all = controller.auditAll(ContextId.ALL, TerminationId.ALL,
        Audit.of(Audit.AuditItem.STATISTICS)).get(5, TimeUnit.SECONDS);

    assertThat(asked.get()).isEqualTo("ALL * [STATISTICS]");
    assertThat(all).extracting(AuditedContext::context).containsExactly(ContextId.of(4711), ContextId.of(4712));
    assertThat(all.get(0).terminations()).extracting(r -> r.terminationId().name())
        .containsExactly("ip/1/access/17", "ip/1/core/18");
    assertThat(all.get(1).terminations()).singleElement()
        .satisfies(r -> assertThat(r.statistics().orElseThrow().counter("rtp/pr")).hasValue(4712));
  }

  @Test
  void givenAWildcardInOneContext_whenAudited_thenItsMatchesAreTheRepliesOfThatContext() throws Exception {
    start(new WildcardHandler((context, audit) -> new WildcardAuditOutcome.Matched(List.of(
        context(((ContextId.Numbered) context).value(), "ip/1/access/17", "ip/1/core/18")))));

    List<AuditedContext> one = controller.auditAll(ContextId.of(4711), TerminationId.of("ip/1/*"), Audit.EMPTY)
        .get(5, TimeUnit.SECONDS);

    assertThat(one).singleElement().satisfies(c -> {
      assertThat(c.context()).isEqualTo(ContextId.of(4711));
      assertThat(c.terminations()).hasSize(2);
    });
  }

  @Test
  void givenNoMatchOrMoreContextsOrOctetsThanOneReplyHolds_thenTheServerAnswers431Or533() throws Exception {
    var outcome = new AtomicReference<WildcardAuditOutcome>(new WildcardAuditOutcome.Matched(List.of()));
    start(new WildcardHandler((context, audit) -> outcome.get()));
    assertThat(errorCode(controller.auditAll(ContextId.ALL, TerminationId.ALL, Audit.EMPTY))).isEqualTo(431);

    outcome.set(new WildcardAuditOutcome.Matched(LongStream.rangeClosed(1, 65).mapToObj(i -> context(i, "ip/1/core/1"))
        .toList()));
    assertThat(errorCode(controller.auditAll(ContextId.ALL, TerminationId.ALL, Audit.EMPTY))).isEqualTo(533);

    // 60 contexts fit the action cap, but 180 terminations with statistics do not fit one 8 KiB datagram.
    outcome.set(new WildcardAuditOutcome.Matched(LongStream.rangeClosed(1, 60)
        .mapToObj(i -> context(i, "ip/1/access/" + i, "ip/1/core/" + i, "ip/1/core/" + (1000 + i))).toList()));
    assertThat(errorCode(controller.auditAll(ContextId.ALL, TerminationId.ALL, Audit.EMPTY))).isEqualTo(533);

    outcome.set(CommandOutcome.unknownContext(ContextId.of(9)));
    assertThat(errorCode(controller.auditAll(ContextId.of(9), TerminationId.ALL, Audit.EMPTY))).isEqualTo(411);
  }

  @Test
  void givenAHandlerWithoutAuditWildcard_whenContextAllIsAudited_thenItsAuditValueAnswerIsPassedOn() throws Exception {
    var recording = new RecordingGatewayHandler();
    try (recording) {
      start(recording);
      int code = errorCode(controller.auditAll(ContextId.ALL, TerminationId.ALL, Audit.EMPTY));
      assertThat(code).isEqualTo(ErrorCode.UNKNOWN_CONTEXT_ID.code());
      assertThat(recording.recorded()).extracting(r -> r.context()).contains(ContextId.ALL);
    }
  }

  private interface Lister {
    WildcardAuditOutcome list(ContextId context, AuditValue audit);
  }

  /** Answers wildcard audits with {@code lister}; nothing else is expected. */
  private static final class WildcardHandler extends FixedOutcomeHandler {
    private final Lister lister;

    WildcardHandler(Lister lister) {
      super(CommandOutcome.internalError("unexpected"));
      this.lister = lister;
    }

    @Override
    public CompletionStage<WildcardAuditOutcome> auditWildcard(ContextId context, AuditValue auditValue) {
      return CompletableFuture.completedFuture(lister.list(context, auditValue));
    }
  }
}
