package ims.media.relay;

import static ims.media.relay.RelayFixture.await;
import static ims.media.relay.RelayGatewayHandlerTest.CORE_LOCAL;
import static ims.media.relay.RelayGatewayHandlerTest.accessLocal;
import static ims.media.relay.RelayGatewayHandlerTest.coreRemote;
import static ims.media.relay.RelayGatewayHandlerTest.ueRemote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ims.iq.controller.AuditedContext;
import ims.iq.controller.ConnectionPoint;
import ims.iq.controller.ConnectionPointRequest;
import ims.iq.controller.GatewayEvent;
import ims.iq.gateway.CommandOutcome;
import ims.iq.message.Audit;
import ims.iq.message.AuditValueReply;
import ims.iq.message.ContextId;
import ims.iq.message.LocalControl;
import ims.iq.message.Media;
import ims.iq.message.PropertyParm;
import ims.iq.message.SdpText;
import ims.iq.message.ServiceChangeMethod;
import ims.iq.message.ServiceChangeParms;
import ims.iq.message.Statistics;
import ims.iq.message.StreamMode;
import ims.iq.message.StreamParms;
import ims.iq.message.Subtract;
import ims.iq.message.TerminationId;
import ims.iq.message.Value;
import ims.iq.transport.IqErrorReplyException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * AuditValue over real Iq, in the form the project's controller resynchronises with after ServiceChange
 * Disconnected or Failover ({@code ims.iq.controller.ContextAudit}: an empty Audit per termination in its context),
 * plus the Statistics and Media items and the ROOT totals.
 */
@Timeout(30)
class IqAuditTest {
  private static final String SUITE = "AES_CM_128_HMAC_SHA1_80";
  private IqHarness iq;

  @BeforeEach
  void start() throws Exception {
    iq = new IqHarness(RelayFixture.config(4, true, Duration.ofSeconds(30)));
  }

  @AfterEach
  void stop() {
    iq.close();
  }

  private ConnectionPoint reserveAccess(ContextId context) throws Exception {
    return await(iq.controller.reserveAndConfigureConnectionPoint(ConnectionPointRequest.reserveAndConfigure(
        context, "access", SdpText.of(accessLocal(SUITE)), SdpText.of(ueRemote(40_000, SUITE)))));
  }

  private ConnectionPoint reserveCore(ContextId context) throws Exception {
    return await(iq.controller.reserveAndConfigureConnectionPoint(ConnectionPointRequest.reserveAndConfigure(
        context, "core", SdpText.of(CORE_LOCAL), SdpText.of(coreRemote(40_100)))));
  }

  private static int errorCode(java.util.concurrent.CompletableFuture<?> reply) {
    var caught = new int[1];
    assertThatThrownBy(() -> await(reply)).isInstanceOf(ExecutionException.class).cause()
        .isInstanceOfSatisfying(IqErrorReplyException.class, e -> caught[0] = e.code());
    return caught[0];
  }

  @Test
  void givenAnE2aeContext_whenTheControllerAuditsItsTerminations_thenEmptyAuditsReturnTheIdAndItemsTheirDescriptors()
      throws Exception {
    ConnectionPoint access = reserveAccess(ContextId.CHOOSE);
    ConnectionPoint core = reserveCore(access.context());

    AuditValueReply exists = await(iq.controller.audit(access.context(), access.termination(), Audit.EMPTY));
    assertThat(exists.terminationId()).isEqualTo(access.termination());
    assertThat(exists.descriptors()).isEmpty();

    AuditValueReply stats = await(iq.controller.audit(access.context(), access.termination(),
        Audit.of(Audit.AuditItem.STATISTICS)));
    Statistics s = (Statistics) stats.descriptors().get(0);
    assertThat(s.counter("rtp/pr")).hasValue(0);
    assertThat(s.counter("srtps/af")).hasValue(0);

    AuditValueReply media = await(iq.controller.audit(access.context(), core.termination(),
        Audit.of(Audit.AuditItem.MEDIA)));
    Media m = (Media) media.descriptors().get(0);
    assertThat(m.terminationState().orElseThrow().property("ipdc/realm").flatMap(PropertyParm::single)
        .map(Value::text)).contains("core");
    LocalControl control = m.stream(1).flatMap(StreamParms::localControl).orElseThrow();
    assertThat(control.mode()).contains(StreamMode.SEND_RECEIVE);
    assertThat(m.toString()).doesNotContain("inline").doesNotContain("crypto");

    assertThat(errorCode(iq.controller.audit(access.context(), TerminationId.of("ip/1/access/999"), Audit.EMPTY)))
        .isEqualTo(430);
    assertThat(errorCode(iq.controller.audit(ContextId.of(4242), access.termination(), Audit.EMPTY)))
        .isEqualTo(411);
  }

  @Test
  void givenTheGatewayLostAContext_whenItReportsDisconnected_thenTheControllersAuditFindsExactlyThatContextMissing()
      throws Exception {
    ConnectionPoint kept = reserveAccess(ContextId.CHOOSE);
    reserveCore(kept.context());
    ConnectionPoint lost = reserveCore(ContextId.CHOOSE);
    ConnectionPoint halfLost = reserveAccess(ContextId.CHOOSE);
    ConnectionPoint halfLostCore = reserveCore(halfLost.context());
    // Lost behind the controller's back: context 'lost' entirely, one termination of 'halfLost'.
    var gone = (ContextId.Numbered) lost.context();
    assertThat(await(iq.handler.subtract(gone, Subtract.of(TerminationId.ALL)).toCompletableFuture()))
        .isInstanceOf(CommandOutcome.Success.class);
    assertThat(await(iq.handler.subtract(halfLost.context(), Subtract.of(halfLostCore.termination()))
        .toCompletableFuture())).isInstanceOf(CommandOutcome.Success.class);

    iq.gateway.serviceChange(TerminationId.ROOT, ServiceChangeParms.of(ServiceChangeMethod.DISCONNECTED,
        "900 Service Restored").withVersion(3)).get(5, TimeUnit.SECONDS);

    var report = iq.next(GatewayEvent.ContextsAudited.class);
    assertThat(report.auditedContexts()).isEqualTo(3);
    assertThat(report.missingContexts()).containsExactly(gone);
    assertThat(report.missingTerminations()).isEqualTo(Map.of(gone, Set.of(lost.termination()),
        (ContextId.Numbered) halfLost.context(), Set.of(halfLostCore.termination())));
    assertThat(report.unverified()).isEmpty();
  }

  @Test
  void givenTrafficlessRelay_whenRootIsAuditedForStatistics_thenRelayTotalsComeBack() throws Exception {
    reserveCore(ContextId.CHOOSE);
    AuditValueReply root = await(iq.controller.audit(ContextId.NULL, TerminationId.ROOT,
        Audit.of(Audit.AuditItem.STATISTICS)));
    Statistics s = (Statistics) root.descriptors().get(0);
    assertThat(s.counter("rtp/pr")).hasValue(0);
    assertThat(s.counter("nt/os")).hasValue(0);
  }

  @Test
  void givenTwoContexts_whenContextAllIsAuditedEmpty_thenEveryContextComesBackWithItsTerminationIdsOnly()
      throws Exception {
    ConnectionPoint access = reserveAccess(ContextId.CHOOSE);
    ConnectionPoint core = reserveCore(access.context());
    ConnectionPoint other = reserveCore(ContextId.CHOOSE);

    List<AuditedContext> all = await(iq.controller.auditAll(ContextId.ALL, TerminationId.ALL, Audit.EMPTY));

    assertThat(all).extracting(AuditedContext::context).containsExactly(access.context(), other.context());
    assertThat(all.get(0).terminations()).extracting(AuditValueReply::terminationId)
        .containsExactly(access.termination(), core.termination());
    assertThat(all.get(1).terminations()).extracting(AuditValueReply::terminationId)
        .containsExactly(other.termination());
    assertThat(all).flatExtracting(AuditedContext::terminations).allSatisfy(r -> assertThat(r.descriptors()).isEmpty());
  }

  @Test
  void givenTwoContexts_whenContextAllIsAuditedForStatisticsAndMedia_thenEachTerminationCarriesBoth()
      throws Exception {
    ConnectionPoint access = reserveAccess(ContextId.CHOOSE);
    reserveCore(access.context());
    reserveCore(ContextId.CHOOSE);

    List<AuditedContext> all = await(iq.controller.auditAll(ContextId.ALL, TerminationId.ALL,
        Audit.of(Audit.AuditItem.MEDIA, Audit.AuditItem.STATISTICS)));

    assertThat(all).flatExtracting(AuditedContext::terminations).hasSize(3).allSatisfy(r -> {
      assertThat(r.statistics().orElseThrow().counter("rtp/pr")).hasValue(0);
      assertThat(r.statistics().orElseThrow().counter("srtps/af")).hasValue(0);
      String realm = r.terminationId().name().contains("/access/") ? "access" : "core";
      assertThat(r.media().orElseThrow().terminationState().orElseThrow().property("ipdc/realm")
          .flatMap(PropertyParm::single).map(Value::text)).contains(realm);
      assertThat(r.toString()).doesNotContain("inline").doesNotContain("crypto");
    });
  }

  @Test
  void givenAContextWithTwoTerminations_whenAWildcardIdIsAuditedInIt_thenOnlyTheMatchingTerminationsAnswer()
      throws Exception {
    ConnectionPoint access = reserveAccess(ContextId.CHOOSE);
    ConnectionPoint core = reserveCore(access.context());
    String accessName = access.termination().name();
    var accessWildcard = TerminationId.of(accessName.substring(0, accessName.lastIndexOf('/') + 1) + "*");

    List<AuditedContext> onlyAccess = await(iq.controller.auditAll(access.context(), accessWildcard, Audit.EMPTY));
    List<AuditedContext> both = await(iq.controller.auditAll(access.context(), TerminationId.ALL, Audit.EMPTY));

    assertThat(onlyAccess).singleElement().satisfies(c -> {
      assertThat(c.context()).isEqualTo(access.context());
      assertThat(c.terminations()).extracting(AuditValueReply::terminationId).containsExactly(access.termination());
    });
    assertThat(both).singleElement().extracting(AuditedContext::terminations).asInstanceOf(
        org.assertj.core.api.InstanceOfAssertFactories.LIST).hasSize(2);
    assertThat(both.get(0).terminations()).extracting(AuditValueReply::terminationId)
        .containsExactly(access.termination(), core.termination());
  }

  @Test
  void givenNothingMatches_whenAWildcardIsAudited_thenTheGatewayAnswers431And411ForAnUnknownContext()
      throws Exception {
    assertThat(errorCode(iq.controller.auditAll(ContextId.ALL, TerminationId.ALL, Audit.EMPTY))).isEqualTo(431);
    ConnectionPoint core = reserveCore(ContextId.CHOOSE);
    assertThat(errorCode(iq.controller.auditAll(core.context(), TerminationId.of("ip/9/*"), Audit.EMPTY)))
        .isEqualTo(431);
    assertThat(errorCode(iq.controller.auditAll(ContextId.of(4242), TerminationId.ALL, Audit.EMPTY)))
        .isEqualTo(411);
  }

  @Test
  void matchesWildcardSegmentsOfTerminationIdsAsH248TextWildcards() {
    assertThat(RelayGatewayHandler.matches("*", "ip/1/access/3")).isTrue();
    assertThat(RelayGatewayHandler.matches("ip/1/access/*", "ip/1/access/3")).isTrue();
    assertThat(RelayGatewayHandler.matches("ip/*/access/3", "ip/1/access/3")).isTrue();
    assertThat(RelayGatewayHandler.matches("ip/1/*", "ip/1/access/3")).isTrue();
    assertThat(RelayGatewayHandler.matches("ip/1/core/*", "ip/1/access/3")).isFalse();
    assertThat(RelayGatewayHandler.matches("ip/*/access", "ip/1/access/3")).isFalse();
    assertThat(RelayGatewayHandler.matches("ip/1/access/3/*", "ip/1/access/3")).isFalse();
  }
}
