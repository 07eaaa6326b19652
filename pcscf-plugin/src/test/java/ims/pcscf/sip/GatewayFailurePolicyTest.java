package ims.pcscf.sip;

import static ims.pcscf.sip.E2aeFixtures.UE_E2AE_OFFER;
import static ims.pcscf.sip.E2aeHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.gateway.CommandOutcome;
import ims.iq.gateway.ForwardingGatewayHandler;
import ims.iq.gateway.RecordingGatewayHandler;
import ims.iq.message.Add;
import ims.iq.message.ContextId;
import ims.iq.message.Modify;
import ims.iq.message.Subtract;
import ims.pcscf.policy.GatewayFailureAction;
import ims.pcscf.policy.PcscfPolicy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The gateway-failure policy switch (TS 33.328 7.2.1 / 7.3.1, design.md section 3): when the IMS-AGW is
 * not associated or refuses, the offerer gets 503 (default) or 488 ({@link GatewayFailureAction}) with a
 * {@code Warning: 399}; nothing with the UE's key is forwarded and every context reserved is released.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GatewayFailurePolicyTest {

  private static final String UE_KEY = E2aeFixtures.UE_KEY;
  private static final PcscfPolicy REJECT_488 =
      PcscfPolicy.DEFAULT.withWhenGatewayFails(GatewayFailureAction.NOT_ACCEPTABLE_488);

  /** What the gateway refuses (H.248 510 insufficient resources); everything else goes to the recorder. */
  private enum Refuse { ACCESS_ADD, CORE_ADD, MODIFY }

  private static final class RefusingGateway extends ForwardingGatewayHandler {
    private final Refuse refuse;

    RefusingGateway(RecordingGatewayHandler recording, Refuse refuse) {
      super(recording);
      this.refuse = refuse;
    }

    private static CompletionStage<CommandOutcome> refused() {
      return CompletableFuture.completedFuture(CommandOutcome.insufficientResources("no port left"));
    }

    @Override
    public CompletionStage<CommandOutcome> add(ContextId context, Add add) {
      boolean coreAdd = context == ContextId.CHOOSE; // the first Add of a stream opens its context
      if (refuse == Refuse.CORE_ADD && coreAdd || refuse == Refuse.ACCESS_ADD && !coreAdd) {
        return refused();
      }
      return super.add(context, add);
    }

    @Override
    public CompletionStage<CommandOutcome> modify(ContextId context, Modify modify) {
      return refuse == Refuse.MODIFY ? refused() : super.modify(context, modify);
    }
  }

  private static E2aeHarness harness(Refuse refuse, PcscfPolicy policy) throws Exception {
    return new E2aeHarness(true, r -> new RefusingGateway(r, refuse), ProxyConfig.DEFAULT_T1, policy);
  }

  private static String ueInvite(E2aeHarness h, String callId) {
    return CallMessages.invite("sip:bob@ims.example.net", "alice", h.ue.port(), callId, UE_E2AE_OFFER);
  }

  private static String coreInvite(E2aeHarness h, String callId) {
    return CallMessages.invite("sip:alice@127.0.0.1:" + h.ue.port(), "carol", h.core.port(), callId,
        E2aeFixtures.FAR_END_RTP, "Route: <sip:127.0.0.1:" + h.coreSide.udpPort() + ";lr>");
  }

  @Test
  void givenPolicy488_whenGatewayRefusesTheAccessTermination_thenUeGets488WithWarningAndNothingReachesTheCore()
      throws Exception {
    try (var h = harness(Refuse.ACCESS_ADD, REJECT_488)) {
      h.register("alice", true);
      h.ue.send(ueInvite(h, "refused-488@test"), h.access.udpPort());
      String answer = h.ue.receiveFor("refused-488@test", WAIT);
      assertThat(RawSip.firstLine(answer)).isEqualTo("SIP/2.0 488 Not Acceptable Here");
      assertThat(RawSip.values(answer, "Warning")).singleElement().asString()
          .startsWith("399 ").contains("IMS-AGW unavailable");
      assertThat(answer).doesNotContain(UE_KEY);
      assertThat(h.core.poll(Duration.ofMillis(300))).isNull();
      h.assertEverythingReleased();
      assertThat(h.commands(Subtract.class)).hasSize(1); // the core termination reserved before the refusal
      assertThat(h.proxy.counters().gatewayFailures()).isEqualTo(1);
      assertThat(h.proxy.counters().e2aeRejections()).isZero();
      assertThat(h.proxy.activeCalls()).isEmpty();
    }
  }

  @Test
  void givenGatewayGoneSilent_whenUeOffersE2ae_thenIqTimesOutAndUeGets503WithWarningAndNothingReachesTheCore()
      throws Exception {
    try (var h = new E2aeHarness(true)) {
      h.register("alice", true);
      h.gateway.close(); // the controller still believes in it: every Iq request goes unanswered
      h.ue.send(ueInvite(h, "silent-gw@test"), h.access.udpPort());
      String answer = h.ue.receiveFor("silent-gw@test", Duration.ofSeconds(20));
      assertThat(RawSip.firstLine(answer)).isEqualTo("SIP/2.0 503 Service Unavailable");
      assertThat(RawSip.values(answer, "Warning")).singleElement().asString()
          .startsWith("399 ").contains("IqTimeoutException");
      assertThat(h.core.poll(Duration.ofMillis(300))).isNull();
      assertThat(h.proxy.counters().iqTimeouts()).isPositive();
      assertThat(h.proxy.counters().gatewayFailures()).isEqualTo(1);
    }
  }

  @Test
  void givenPolicy488_whenNoGatewayIsAssociated_thenUeGets488WithWarning() throws Exception {
    try (var h = new E2aeHarness(false, r -> r, ProxyConfig.DEFAULT_T1, REJECT_488)) {
      h.register("alice", true);
      h.ue.send(ueInvite(h, "nogw-488@test"), h.access.udpPort());
      String answer = h.ue.receiveFor("nogw-488@test", Duration.ofSeconds(20));
      assertThat(RawSip.firstLine(answer)).isEqualTo("SIP/2.0 488 Not Acceptable Here");
      assertThat(RawSip.values(answer, "Warning")).singleElement().asString().startsWith("399 ");
      assertThat(h.core.poll(Duration.ofMillis(300))).isNull();
    }
  }

  @Test
  void givenDefaultPolicy_whenGatewayRefusesATerminatingCall_thenCoreGets503WithWarningAndTheUeNothing()
      throws Exception {
    try (var h = harness(Refuse.CORE_ADD, PcscfPolicy.DEFAULT)) {
      h.register("alice", true);
      h.core.send(coreInvite(h, "term-503@test"), h.coreSide.udpPort());
      String answer = h.core.receiveFinal(WAIT);
      assertThat(RawSip.firstLine(answer)).isEqualTo("SIP/2.0 503 Service Unavailable");
      assertThat(RawSip.values(answer, "Warning")).singleElement().asString().startsWith("399 ");
      assertThat(h.ue.poll(Duration.ofMillis(300))).isNull();
      h.assertEverythingReleased();
    }
  }

  @Test
  void givenPolicy488_whenGatewayRefusesATerminatingCall_thenCoreGets488WithWarningAndTheUeNothing() throws Exception {
    try (var h = harness(Refuse.ACCESS_ADD, REJECT_488)) {
      h.register("alice", true);
      h.core.send(coreInvite(h, "term-488@test"), h.coreSide.udpPort());
      String answer = h.core.receiveFinal(WAIT);
      assertThat(RawSip.firstLine(answer)).isEqualTo("SIP/2.0 488 Not Acceptable Here");
      assertThat(RawSip.values(answer, "Warning")).singleElement().asString().startsWith("399 ");
      assertThat(h.ue.poll(Duration.ofMillis(300))).isNull();
      h.assertEverythingReleased();
      assertThat(h.commands(Subtract.class)).hasSize(1);
    }
  }

  @Test
  void givenPolicy488_whenGatewayRefusesToConfigureTheAnswer_thenUeGets488AndTheAnsweredDialogIsEnded()
      throws Exception {
    try (var h = harness(Refuse.MODIFY, REJECT_488)) {
      h.register("alice", true);
      h.ue.send(ueInvite(h, "modify-488@test"), h.access.udpPort());
      String atCore = h.core.receiveFor("modify-488@test", WAIT);
      assertThat(atCore).doesNotContain(UE_KEY);
      h.core.send(CallMessages.response(atCore, "200 OK", "bob1", h.core.port(), E2aeFixtures.FAR_END_RTP),
          RawSip.topViaPort(atCore));
      String answer = h.ue.receiveFor("modify-488@test", WAIT);
      assertThat(RawSip.firstLine(answer)).isEqualTo("SIP/2.0 488 Not Acceptable Here");
      assertThat(RawSip.values(answer, "Warning")).singleElement().asString().startsWith("399 ");
      assertThat(RawSip.firstLine(h.core.receiveFor("modify-488@test", WAIT))).startsWith("ACK ");
      String bye = h.core.receiveFor("modify-488@test", WAIT);
      assertThat(RawSip.firstLine(bye)).startsWith("BYE ");
      h.core.send(CallMessages.response(bye, "200 OK", null, 0, null), RawSip.topViaPort(bye));
      h.assertEverythingReleased();
    }
  }
}
