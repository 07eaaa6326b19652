package ims.iq.controller;

import static ims.iq.controller.ControllerGatewayEndToEndTest.ACCESS_LOCAL_TEMPLATE;
import static ims.iq.controller.ControllerGatewayEndToEndTest.CORE_LOCAL_TEMPLATE;
import static ims.iq.controller.ControllerGatewayEndToEndTest.CORE_REMOTE;
import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.gateway.CommandOutcome;
import ims.iq.gateway.ForwardingGatewayHandler;
import ims.iq.gateway.IqGatewayServer;
import ims.iq.gateway.RecordingGatewayHandler;
import ims.iq.message.AuditValue;
import ims.iq.message.ContextId;
import ims.iq.message.ErrorCode;
import ims.iq.message.SdpText;
import ims.iq.message.ServiceChangeMethod;
import ims.iq.message.ServiceChangeParms;
import ims.iq.message.Subtract;
import ims.iq.message.TerminationId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * After ServiceChange Failover or Disconnected the controller audits every termination it believes
 * exists, in its context, and reports what the gateway no longer has (H.248.1 7.2.8). End to end over
 * UDP against {@link IqGatewayServer}; the gateway "loses" state by having its handler subtract
 * terminations behind the controller's back.
 */
@Timeout(30)
class ControllerResynchronisationTest {
  private static final ContextId.Numbered CONTEXT_1 = (ContextId.Numbered) ContextId.of(1);
  private static final ContextId.Numbered CONTEXT_2 = (ContextId.Numbered) ContextId.of(2);
  private static final TerminationId ACCESS_1 = TerminationId.of("ip/1/access/1");
  private static final TerminationId CORE_2 = TerminationId.of("ip/1/core/2");
  private static final TerminationId ACCESS_3 = TerminationId.of("ip/1/access/3");

  private final LinkedBlockingQueue<GatewayEvent> events = new LinkedBlockingQueue<>();
  private final RecordingGatewayHandler recording = new RecordingGatewayHandler();
  private volatile boolean auditsFail;
  private IqLink link;
  private IqController controller;
  private IqGatewayServer gateway;

  @BeforeEach
  void startWithTwoCalls() throws Exception {
    link = IqLink.start(Duration.ofSeconds(10), events::add, new AuditFailingHandler());
    controller = link.controller();
    gateway = link.gateway();
    // Context 1: access + core; context 2: access only. Ids as RecordingGatewayHandler allocates them.
    var first = controller.reserveConnectionPoint(ConnectionPointRequest.reserve(ContextId.CHOOSE, "access",
        SdpText.of(ACCESS_LOCAL_TEMPLATE))).get(5, TimeUnit.SECONDS);
    controller.reserveAndConfigureConnectionPoint(ConnectionPointRequest.reserveAndConfigure(first.context(), "core",
        SdpText.of(CORE_LOCAL_TEMPLATE), SdpText.of(CORE_REMOTE))).get(5, TimeUnit.SECONDS);
    controller.reserveConnectionPoint(ConnectionPointRequest.reserve(ContextId.CHOOSE, "access",
        SdpText.of(ACCESS_LOCAL_TEMPLATE))).get(5, TimeUnit.SECONDS);
    assertThat(recording.contexts()).isEqualTo(Map.of(1L, Set.of(ACCESS_1, CORE_2), 2L, Set.of(ACCESS_3)));
  }

  @AfterEach
  void stop() {
    if (link != null) link.close();
    recording.close();
  }

  @Test
  void givenGatewayLostAContext_whenItSendsDisconnected_thenTheAuditReportsThatContextMissing() throws Exception {
    loseOnTheGateway(CONTEXT_1, ACCESS_1);
    loseOnTheGateway(CONTEXT_1, CORE_2);

    serviceChange(ServiceChangeMethod.DISCONNECTED, "900 Service Restored");

    var report = next(GatewayEvent.ContextsAudited.class);
    assertThat(report.method()).isEqualTo(ServiceChangeMethod.DISCONNECTED);
    assertThat(report.auditedContexts()).isEqualTo(2);
    assertThat(report.missingContexts()).containsExactly(CONTEXT_1);
    assertThat(report.missingTerminations()).isEqualTo(Map.of(CONTEXT_1, Set.of(ACCESS_1, CORE_2)));
    assertThat(report.unverified()).isEmpty();
    // One AuditValue with an empty Audit per termination, each in its own context.
    assertThat(auditsSeenByGateway()).containsExactlyInAnyOrder(
        "1 ip/1/access/1", "1 ip/1/core/2", "2 ip/1/access/3");
  }

  @Test
  void givenAContextReportedMissing_whenTheGatewayDisconnectsAgain_thenOnlyTheSurvivorIsAudited() throws Exception {
    loseOnTheGateway(CONTEXT_1, ACCESS_1);
    loseOnTheGateway(CONTEXT_1, CORE_2);
    serviceChange(ServiceChangeMethod.DISCONNECTED, "900 Service Restored");
    next(GatewayEvent.ContextsAudited.class);
    int auditsBefore = auditsSeenByGateway().size();

    serviceChange(ServiceChangeMethod.DISCONNECTED, "900 Service Restored");

    var report = next(GatewayEvent.ContextsAudited.class);
    assertThat(report.auditedContexts()).isEqualTo(1);
    assertThat(report.missingContexts()).isEmpty();
    assertThat(report.missingTerminations()).isEmpty();
    assertThat(auditsSeenByGateway().subList(auditsBefore, auditsSeenByGateway().size()))
        .containsExactly("2 ip/1/access/3");
  }

  @Test
  void givenGatewayLostOneTerminationOfAContext_whenItFailsOver_thenTheTerminationIsMissingButNotTheContext()
      throws Exception {
    loseOnTheGateway(CONTEXT_1, CORE_2);

    serviceChange(ServiceChangeMethod.FAILOVER, "909 MGC Directed Change");

    var report = next(GatewayEvent.ContextsAudited.class);
    assertThat(report.method()).isEqualTo(ServiceChangeMethod.FAILOVER);
    assertThat(report.missingContexts()).isEmpty();
    assertThat(report.missingTerminations()).isEqualTo(Map.of(CONTEXT_1, Set.of(CORE_2)));
  }

  @Test
  void givenGatewayHasEverything_whenItFailsOver_thenNothingIsMissing() throws Exception {
    serviceChange(ServiceChangeMethod.FAILOVER, "909 MGC Directed Change");

    var report = next(GatewayEvent.ContextsAudited.class);
    assertThat(report.auditedContexts()).isEqualTo(2);
    assertThat(report.missingContexts()).isEmpty();
    assertThat(report.missingTerminations()).isEmpty();
    assertThat(report.unverified()).isEmpty();
  }

  @Test
  void givenATerminationTheControllerReleased_whenTheGatewayFailsOver_thenItIsNotAudited() throws Exception {
    controller.releaseTermination(CONTEXT_1, CORE_2).get(5, TimeUnit.SECONDS);

    serviceChange(ServiceChangeMethod.FAILOVER, "909 MGC Directed Change");

    next(GatewayEvent.ContextsAudited.class);
    assertThat(auditsSeenByGateway()).containsExactlyInAnyOrder("1 ip/1/access/1", "2 ip/1/access/3");
  }

  @Test
  void givenGatewayRestarts_whenItLaterFailsOver_thenNothingIsAuditedBecauseRestartLostEverything()
      throws Exception {
    serviceChange(ServiceChangeMethod.RESTART, "901 Cold Boot");
    next(GatewayEvent.GatewayInService.class);

    serviceChange(ServiceChangeMethod.FAILOVER, "909 MGC Directed Change");

    var report = next(GatewayEvent.ContextsAudited.class);
    assertThat(report.auditedContexts()).isZero();
    assertThat(auditsSeenByGateway()).isEmpty();
  }

  @Test
  void givenAuditsAnsweredWithAnotherError_whenTheGatewayDisconnects_thenContextsAreUnverifiedAndKept()
      throws Exception {
    auditsFail = true;
    serviceChange(ServiceChangeMethod.DISCONNECTED, "900 Service Restored");

    var report = next(GatewayEvent.ContextsAudited.class);
    assertThat(report.unverified()).containsExactlyInAnyOrder(CONTEXT_1, CONTEXT_2);
    assertThat(report.missingContexts()).isEmpty();

    auditsFail = false;
    serviceChange(ServiceChangeMethod.DISCONNECTED, "900 Service Restored");
    assertThat(next(GatewayEvent.ContextsAudited.class).auditedContexts()).isEqualTo(2);
  }

  private void loseOnTheGateway(ContextId.Numbered context, TerminationId termination) throws Exception {
    var outcome = recording.subtract(context, Subtract.of(termination)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(outcome).isInstanceOf(CommandOutcome.Success.class);
  }

  private void serviceChange(ServiceChangeMethod method, String reason) throws Exception {
    gateway.serviceChange(TerminationId.ROOT, ServiceChangeParms.of(method, reason).withVersion(3))
        .get(5, TimeUnit.SECONDS);
  }

  /** "context termination" of every AuditValue the gateway's handler ran, except ROOT link checks. */
  private List<String> auditsSeenByGateway() {
    return recording.recorded().stream()
        .filter(r -> r.command() instanceof AuditValue av && !av.terminationId().isRoot())
        .map(r -> ((ContextId.Numbered) r.context()).value() + " " + ((AuditValue) r.command()).terminationId().name())
        .toList();
  }

  private <E extends GatewayEvent> E next(Class<E> type) throws InterruptedException {
    return GatewayEvents.next(events, type, Duration.ofSeconds(10));
  }

  /** The recording gateway, but audits can be made to fail with 500 (neither "present" nor "gone"). */
  private final class AuditFailingHandler extends ForwardingGatewayHandler {
    AuditFailingHandler() {
      super(recording);
    }

    @Override
    public CompletionStage<CommandOutcome> auditValue(ContextId context, AuditValue auditValue) {
      if (auditsFail) {
        return CompletableFuture.completedFuture(
            CommandOutcome.failure(ErrorCode.INTERNAL_SOFTWARE_FAILURE, "audit failed"));
      }
      return super.auditValue(context, auditValue);
    }
  }
}
