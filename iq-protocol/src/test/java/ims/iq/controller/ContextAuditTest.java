package ims.iq.controller;

import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.message.ContextId;
import ims.iq.message.ErrorCode;
import ims.iq.message.ErrorDescriptor;
import ims.iq.message.TerminationId;
import ims.iq.transport.IqErrorReplyException;
import ims.iq.transport.IqTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ContextAuditTest {

  private static Map<ContextId.Numbered, Set<TerminationId>> contexts(int count) {
    var known = new LinkedHashMap<ContextId.Numbered, Set<TerminationId>>();
    for (int i = 1; i <= count; i++) known.put(context(i), Set.of(TerminationId.of("ip/1/access/" + i)));
    return known;
  }

  private static ContextId.Numbered context(long id) {
    return (ContextId.Numbered) ContextId.of(id);
  }

  @Test
  void givenManyContexts_whenAudited_thenAtMostSixteenAuditsAreOutstandingAtOnce() {
    var outstanding = new ArrayList<CompletableFuture<Object>>();
    var result = ContextAudit.run(contexts(40), (context, termination) -> {
      var answer = new CompletableFuture<Object>();
      outstanding.add(answer);
      return answer;
    });
    assertThat(outstanding).hasSize(16);
    outstanding.getFirst().complete("present");
    assertThat(outstanding).hasSize(17); // one answer, one more audit
    for (int i = 1; i < 40; i++) outstanding.get(i).complete("present");
    assertThat(result).isCompleted();
    assertThat(result.join()).hasSize(40).allMatch(c -> c.finding() == ContextAudit.Finding.PRESENT);
  }

  @Test
  void givenTenThousandAuditsRefusedAtOnce_whenAudited_thenAllAreUnansweredAndTheStackStaysFlat() throws Exception {
    var result = ContextAudit.run(contexts(10_000),
        (context, termination) -> CompletableFuture.failedFuture(new IqTimeoutException(new java.net.InetSocketAddress("127.0.0.1", 2944), 1, "refused")));
    assertThat(result.get(5, TimeUnit.SECONDS)).hasSize(10_000)
        .allMatch(c -> c.finding() == ContextAudit.Finding.UNANSWERED);
  }

  @Test
  void givenNothingKnown_whenAudited_thenDoneAtOnceWithNoFindings() {
    assertThat(ContextAudit.run(Map.of(), (c, t) -> new CompletableFuture<>()).join()).isEmpty();
  }

  @Test
  void givenErrorCodes_whenClassified_then411IsContextGone430And435AreTerminationGoneOthersProveNothing() {
    var codes = Map.of(1L, 411, 2L, 430, 3L, 435, 4L, 500, 5L, 510);
    var result = ContextAudit.run(contexts(5), (context, termination) -> CompletableFuture.failedFuture(
        new IqErrorReplyException(ErrorDescriptor.of(new ErrorCode(codes.get(context.value()))))));
    List<ContextAudit.Finding> findings = result.join().stream().map(ContextAudit.Checked::finding).toList();
    assertThat(findings).containsExactly(ContextAudit.Finding.CONTEXT_GONE, ContextAudit.Finding.TERMINATION_GONE,
        ContextAudit.Finding.TERMINATION_GONE, ContextAudit.Finding.UNANSWERED, ContextAudit.Finding.UNANSWERED);
  }

  @Test
  void givenAContextGoneAndATerminationReleasedMeanwhile_whenSummarised_thenOnlyWhatWasStillKnownIsReported() {
    var known = new KnownContexts();
    var access = TerminationId.of("ip/1/access/1");
    var core = TerminationId.of("ip/1/core/2");
    var other = TerminationId.of("ip/1/access/3");
    known.added(context(1), access);
    known.added(context(1), core);
    known.added(context(2), other);
    var audited = known.snapshot();
    known.removed(context(2), other); // the controller released it while the audit ran
    var findings = List.of(
        new ContextAudit.Checked(context(1), access, ContextAudit.Finding.CONTEXT_GONE),
        new ContextAudit.Checked(context(1), core, ContextAudit.Finding.CONTEXT_GONE),
        new ContextAudit.Checked(context(2), other, ContextAudit.Finding.CONTEXT_GONE));

    var report = ContextAudit.summarise(ims.iq.message.ServiceChangeMethod.DISCONNECTED, audited, findings, known);

    assertThat(report.missingContexts()).containsExactly(context(1));
    assertThat(report.missingTerminations()).isEqualTo(Map.of(context(1), Set.of(access, core)));
    assertThat(known.snapshot()).isEmpty();
  }
}
