package ims.pcscf.sip;

import static ims.pcscf.sip.E2aeFixtures.UE_E2AE_OFFER;
import static ims.pcscf.sip.E2aeHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.gateway.CommandOutcome;
import ims.iq.gateway.ForwardingGatewayHandler;
import ims.iq.gateway.RecordingGatewayHandler;
import ims.iq.message.Add;
import ims.iq.message.ContextId;
import ims.iq.message.Subtract;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ways an originating e2ae call ends early, over real UDP and Iq: a core that never answers, a
 * gateway that refuses the access termination after reserving the core one, a CANCEL while the gateway
 * is still reserving, a BYE from the core. Each time: the UE gets the right answer, nothing with the
 * UE's key reaches the core, and every gateway context is released exactly once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class E2aeReleaseTest {

  private static final String UE_KEY = E2aeFixtures.UE_KEY;

  /** Delegates to the recording handler; refuses or holds the Add of the access termination. */
  private static final class AccessGate extends ForwardingGatewayHandler {
    private final boolean refuse;
    final CompletableFuture<Void> open = new CompletableFuture<>();
    final CompletableFuture<Void> accessAddArrived = new CompletableFuture<>();

    AccessGate(RecordingGatewayHandler recording, boolean refuse) {
      super(recording);
      this.refuse = refuse;
    }

    @Override
    public CompletionStage<CommandOutcome> add(ContextId context, Add add) {
      if (context == ContextId.CHOOSE) {
        return super.add(context, add); // the core termination opens the context
      }
      if (refuse) {
        return CompletableFuture.completedFuture(CommandOutcome.insufficientResources("no access port left"));
      }
      accessAddArrived.complete(null);
      return open.thenCompose(ignored -> super.add(context, add));
    }
  }

  private static String invite(E2aeHarness h, String callId) {
    return CallMessages.invite("sip:bob@ims.example.net", "alice", h.ue.port(), callId, UE_E2AE_OFFER);
  }

  @Test
  void givenCoreNeverAnswers_whenTheInviteTimesOut_thenUeGets408AndTheContextIsReleased() throws Exception {
    try (var h = new E2aeHarness(true, r -> r, Duration.ofMillis(30))) {
      h.register("alice", true);
      h.ue.send(invite(h, "silent@test"), h.access.udpPort());
      assertThat(CallMessages.body(h.core.receiveFor("silent@test", WAIT))).doesNotContain(UE_KEY);
      assertThat(RawSip.firstLine(h.ue.receiveFor("silent@test", Duration.ofSeconds(20))))
          .isEqualTo("SIP/2.0 408 Request Timeout");
      h.assertEverythingReleased();
      assertThat(h.proxy.counters().gatewayContextsReleased()).isEqualTo(1);
    }
  }

  @Test
  void givenGatewayRefusesTheAccessTermination_whenUeOffers_then503WithWarningNothingForwardedAndCoreSideReleased()
      throws Exception {
    try (var h = new E2aeHarness(true, r -> new AccessGate(r, true), ProxyConfig.DEFAULT_T1)) {
      h.register("alice", true);
      h.ue.send(invite(h, "refused@test"), h.access.udpPort());
      String answer = h.ue.receiveFor("refused@test", WAIT);
      assertThat(RawSip.firstLine(answer)).isEqualTo("SIP/2.0 503 Service Unavailable");
      assertThat(RawSip.values(answer, "Warning")).singleElement().asString().startsWith("399 ");
      assertThat(h.core.poll(Duration.ofMillis(300))).isNull();
      h.assertEverythingReleased();
      assertThat(h.commands(Subtract.class)).hasSize(1); // the core termination that had been reserved
    }
  }

  @Test
  void givenGatewayStillReserving_whenUeCancels_thenInviteGets487AndNothingReachesTheCore() throws Exception {
    AccessGate[] gate = new AccessGate[1];
    try (var h = new E2aeHarness(true, r -> gate[0] = new AccessGate(r, false), ProxyConfig.DEFAULT_T1)) {
      h.register("alice", true);
      String invite = invite(h, "early-cancel@test");
      h.ue.send(invite, h.access.udpPort());
      gate[0].accessAddArrived.get(5, TimeUnit.SECONDS);

      String cancel = invite.replaceFirst("INVITE sip", "CANCEL sip").replace("CSeq: 1 INVITE", "CSeq: 1 CANCEL")
          .replaceFirst("Content-Type: application/sdp\r\nContent-Length: \\d+\r\n\r\n[\\s\\S]*", "Content-Length: 0\r\n\r\n");
      h.ue.send(cancel, h.access.udpPort());
      String cancelAnswer = h.ue.receiveFor("early-cancel@test", WAIT);
      assertThat(RawSip.firstLine(cancelAnswer)).isEqualTo("SIP/2.0 200 OK");
      gate[0].open.complete(null);

      assertThat(RawSip.firstLine(h.ue.receiveFor("early-cancel@test", WAIT))).isEqualTo("SIP/2.0 487 Request Terminated");
      assertThat(h.core.poll(Duration.ofMillis(300))).isNull();
      h.assertEverythingReleased();
      assertThat(h.proxy.counters().gatewayContextsReleased()).isEqualTo(1);
    }
  }

  @Test
  void givenEstablishedCall_whenTheCoreSendsBye_thenUeGetsItAndTheContextIsReleasedOnce() throws Exception {
    try (var h = new E2aeHarness(true)) {
      h.register("alice", true);
      h.ue.send(invite(h, "core-bye@test"), h.access.udpPort());
      String atCore = h.core.receiveFor("core-bye@test", WAIT);
      String answer = "v=0\r\no=- 2 1 IN IP4 127.0.0.9\r\ns=-\r\nc=IN IP4 127.0.0.9\r\nt=0 0\r\nm=audio 30000 RTP/AVP 0\r\n";
      h.core.send(CallMessages.response(atCore, "200 OK", "bob", h.core.port(), answer), RawSip.topViaPort(atCore));
      String ok = h.ue.receiveFor("core-bye@test", WAIT);
      assertThat(RawSip.firstLine(ok)).isEqualTo("SIP/2.0 200 OK");

      String from = RawSip.values(ok, "From").get(0);
      String to = RawSip.values(ok, "To").get(0);
      // a re-INVITE with a new offer from the core is refused; the call and its context stay
      String reInvite = CallMessages.inDialog("INVITE", "sip:alice@127.0.0.1:" + h.ue.port(),
          List.of("<sip:127.0.0.1:" + h.coreSide.udpPort() + ";lr>", "<sip:127.0.0.1:" + h.access.udpPort() + ";lr>"),
          h.core.port(), to, from, "core-bye@test", 1, CallMessages.branch())
          .replace("Content-Length: 0\r\n\r\n", "Content-Type: application/sdp\r\nContent-Length: " + answer.length()
              + "\r\n\r\n" + answer);
      h.core.send(reInvite, h.coreSide.udpPort());
      String refused = h.core.receiveFor("core-bye@test", WAIT);
      assertThat(RawSip.firstLine(refused)).isEqualTo("SIP/2.0 488 Not Acceptable Here");
      assertThat(h.handler.contexts()).hasSize(1);
      h.core.send(reInvite.substring(0, reInvite.indexOf("Content-Type:")).replaceFirst("^INVITE ", "ACK ")
          .replace("CSeq: 1 INVITE", "CSeq: 1 ACK") + "Content-Length: 0\r\n\r\n", h.coreSide.udpPort());
      String bye = CallMessages.inDialog("BYE", "sip:alice@127.0.0.1:" + h.ue.port(),
          List.of("<sip:127.0.0.1:" + h.coreSide.udpPort() + ";lr>", "<sip:127.0.0.1:" + h.access.udpPort() + ";lr>"),
          h.core.port(), to, from, "core-bye@test", 2, CallMessages.branch());
      h.core.send(bye, h.coreSide.udpPort());
      String atUe = h.ue.receiveFor("core-bye@test", WAIT);
      assertThat(RawSip.firstLine(atUe)).startsWith("BYE ");
      h.ue.send(CallMessages.response(atUe, "200 OK", null, 0, null), RawSip.topViaPort(atUe));
      h.core.receiveFor("core-bye@test", WAIT);
      // a retransmitted BYE does not release twice
      h.core.send(bye, h.coreSide.udpPort());
      h.assertEverythingReleased();
      assertThat(h.proxy.counters().gatewayContextsReleased()).isEqualTo(1);
      assertThat(h.commands(Subtract.class)).hasSize(2);
    }
  }

  @Test
  void givenCoreAnswers200ThatCannotBeAnchored_whenRelayed_thenUeGets488AndTheCoreDialogIsAckedAndEnded()
      throws Exception {
    try (var h = new E2aeHarness(true)) {
      h.register("alice", true);
      h.ue.send(invite(h, "bad-answer@test"), h.access.udpPort());
      String atCore = h.core.receiveFor("bad-answer@test", WAIT);
      String twoStreams = "v=0\r\no=- 2 1 IN IP4 127.0.0.9\r\ns=-\r\nc=IN IP4 127.0.0.9\r\nt=0 0\r\n"
          + "m=audio 30000 RTP/AVP 0\r\nm=video 30002 RTP/AVP 96\r\n";
      h.core.send(CallMessages.response(atCore, "200 OK", "bob", h.core.port(), twoStreams), RawSip.topViaPort(atCore));

      String atUe = h.ue.receiveFor("bad-answer@test", WAIT);
      assertThat(RawSip.firstLine(atUe)).isEqualTo("SIP/2.0 488 Not Acceptable Here");
      assertThat(RawSip.values(atUe, "Warning")).singleElement().asString().startsWith("399 ");
      String first = h.core.receiveFor("bad-answer@test", WAIT);
      String second = h.core.receiveFor("bad-answer@test", WAIT);
      String contact = "sip:peer@127.0.0.1:" + h.core.port();
      assertThat(List.of(RawSip.firstLine(first), RawSip.firstLine(second)))
          .containsExactlyInAnyOrder("ACK " + contact + " SIP/2.0", "BYE " + contact + " SIP/2.0");
      String bye = RawSip.firstLine(first).startsWith("BYE") ? first : second;
      assertThat(RawSip.values(bye, "To").get(0)).contains("tag=bob");
      assertThat(RawSip.values(bye, "CSeq")).containsExactly("2 BYE");
      h.assertEverythingReleased();
      assertThat(h.proxy.counters().e2aeRejections()).isEqualTo(1);
    }
  }
}
