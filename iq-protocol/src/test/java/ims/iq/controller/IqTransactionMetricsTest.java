package ims.iq.controller;

import static ims.iq.controller.ControllerGatewayEndToEndTest.CORE_LOCAL_TEMPLATE;
import static ims.iq.controller.ControllerGatewayEndToEndTest.CORE_REMOTE;
import static ims.iq.controller.IqLink.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.gateway.FixedOutcomeHandler;
import ims.iq.gateway.IqGatewayHandler;
import ims.iq.gateway.IqGatewayServer;
import ims.iq.gateway.RecordingGatewayHandler;
import ims.iq.message.Audit;
import ims.iq.message.CommandKind;
import ims.iq.message.ContextId;
import ims.iq.message.ErrorCode;
import ims.iq.message.ObservedEvent;
import ims.iq.message.ObservedEvents;
import ims.iq.message.SdpText;
import ims.iq.message.StreamMode;
import ims.iq.message.TerminationId;
import ims.iq.transport.ErrorReplies;
import ims.iq.transport.ReplyLatency;
import ims.iq.transport.TransactionStats;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The transaction layer's round-trip latency, error replies by code and commands sent by kind, after real
 * exchanges between {@link IqController} and {@link IqGatewayServer} over UDP on 127.0.0.1. Link checks are off
 * (hour-long interval) so every request is one the test made.
 */
@Timeout(30)
class IqTransactionMetricsTest {
  private final RecordingGatewayHandler recording = new RecordingGatewayHandler();
  private IqLink link;
  private IqController controller;
  private IqGatewayServer gateway;

  private void start(IqGatewayHandler handler) throws Exception {
    link = IqLink.start(IqLink.NO_LINK_CHECKS, e -> { }, handler);
    controller = link.controller();
    gateway = link.gateway();
  }

  @AfterEach
  void stop() {
    if (link != null) link.close();
    recording.close();
  }

  @Test
  void countsCommandsByKindErrorRepliesByCodeAndOneLatencyPerReplyOnBothSides() throws Exception {
    start(recording);
    var core = controller.reserveAndConfigureConnectionPoint(ConnectionPointRequest.reserveAndConfigure(
        ContextId.CHOOSE, "core", SdpText.of(CORE_LOCAL_TEMPLATE), SdpText.of(CORE_REMOTE))).get(5, TimeUnit.SECONDS);
    controller.reserveAndConfigureConnectionPoint(ConnectionPointRequest.reserveAndConfigure(core.context(), "core",
        SdpText.of(CORE_LOCAL_TEMPLATE), SdpText.of(CORE_REMOTE))).get(5, TimeUnit.SECONDS);
    var numbered = (ContextId.Numbered) core.context();
    controller.changeThroughConnection(numbered, core.termination(), StreamMode.INACTIVE).get(5, TimeUnit.SECONDS);
    controller.audit(core.context(), core.termination(), Audit.EMPTY).get(5, TimeUnit.SECONDS);
    assertThat(errorCode(controller.releaseTermination(numbered, TerminationId.of("ip/1/core/999")))).isEqualTo(430);
    assertThat(errorCode(controller.changeThroughConnection((ContextId.Numbered) ContextId.of(99),
        core.termination(), StreamMode.SEND_RECEIVE))).isEqualTo(411);
    assertThat(errorCode(controller.releaseTermination((ContextId.Numbered) ContextId.of(98), core.termination())))
        .isEqualTo(411);
    controller.releaseTermination(numbered, core.termination()).get(5, TimeUnit.SECONDS);
    gateway.notify(core.context(), core.termination(), ObservedEvents.of(1, ObservedEvent.of("hangterm/thb")))
        .get(5, TimeUnit.SECONDS);

    TransactionStats sent = controller.transactionStats();
    assertThat(sent.commandsSent()).isEqualTo(Map.of(CommandKind.ADD, 2L, CommandKind.MODIFY, 2L,
        CommandKind.AUDIT_VALUE, 1L, CommandKind.SUBTRACT, 3L));
    assertThat(sent.commandsSent(CommandKind.NOTIFY)).isZero();
    ErrorReplies errors = sent.errorReplies();
    assertThat(errors.total()).isEqualTo(3);
    assertThat(errors.byKnownCode()).isEqualTo(Map.of(ErrorCode.UNKNOWN_TERMINATION_ID, 1L,
        ErrorCode.UNKNOWN_CONTEXT_ID, 2L));
    assertThat(errors.otherCodes()).isZero();
    assertLatency(sent, 8);

    TransactionStats gatewaySent = gateway.transactionStats();
    assertThat(gatewaySent.commandsSent()).isEqualTo(Map.of(CommandKind.SERVICE_CHANGE, 1L, CommandKind.NOTIFY, 1L));
    assertThat(gatewaySent.errorReplies()).isEqualTo(ErrorReplies.NONE);
    assertLatency(gatewaySent, 2);
  }

  private static void assertLatency(TransactionStats stats, long replies) {
    ReplyLatency latency = stats.replyLatency();
    assertThat(stats.repliesReceived()).isEqualTo(replies);
    assertThat(latency.count()).isEqualTo(replies);
    assertThat(latency.bucketCounts().stream().mapToLong(Long::longValue).sum()).isEqualTo(replies);
    assertThat(latency.maxMicros()).isPositive().isLessThan(5_000_000);
    assertThat(latency.totalMicros()).isBetween(latency.maxMicros(), replies * latency.maxMicros());
    assertThat(latency.meanMicros()).isBetween(1L, latency.maxMicros());
  }

  @Test
  void countsAnErrorCodeH2488DoesNotNameUnderOtherCodes() throws Exception {
    start(FixedOutcomeHandler.refusing(ErrorCode.of(477)));
    var future = controller.reserveAndConfigureConnectionPoint(ConnectionPointRequest.reserveAndConfigure(
        ContextId.CHOOSE, "core", SdpText.of(CORE_LOCAL_TEMPLATE), SdpText.of(CORE_REMOTE)));
    assertThat(errorCode(future)).isEqualTo(477);

    ErrorReplies errors = controller.transactionStats().errorReplies();
    assertThat(ErrorCode.of(477).isKnown()).isFalse();
    assertThat(errors.total()).isEqualTo(1);
    assertThat(errors.otherCodes()).isEqualTo(1);
    assertThat(errors.byKnownCode()).isEmpty();
  }

  @Test
  void bucketsRoundTripTimesByTheirUpperBoundsInclusive() {
    assertThat(ReplyLatency.BUCKET_UPPER_BOUNDS_MICROS).isSorted().hasSize(14);
    assertThat(ReplyLatency.NONE.bucketCounts()).hasSize(15).containsOnly(0L);
    assertThat(ReplyLatency.NONE.meanMicros()).isZero();
  }
}
