package ims.media.relay;

import static ims.media.relay.RelayFixture.await;
import static ims.media.relay.RelayGatewayHandlerTest.CORE_LOCAL;
import static ims.media.relay.RelayGatewayHandlerTest.accessLocal;
import static ims.media.relay.RelayGatewayHandlerTest.coreRemote;
import static ims.media.relay.RelayGatewayHandlerTest.ueRemote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  void givenTrafficlessRelay_whenRootIsAuditedForStatistics_thenRelayTotalsComeBackAndContextAllIsRefusedWith501()
      throws Exception {
    reserveCore(ContextId.CHOOSE);
    AuditValueReply root = await(iq.controller.audit(ContextId.NULL, TerminationId.ROOT,
        Audit.of(Audit.AuditItem.STATISTICS)));
    Statistics s = (Statistics) root.descriptors().get(0);
    assertThat(s.counter("rtp/pr")).hasValue(0);
    assertThat(s.counter("nt/os")).hasValue(0);

    assertThat(errorCode(iq.controller.audit(ContextId.ALL, TerminationId.ALL, Audit.EMPTY))).isEqualTo(501);
  }
}
