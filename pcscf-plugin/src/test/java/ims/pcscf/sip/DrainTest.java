package ims.pcscf.sip;

import static ims.pcscf.sip.E2aeFixtures.UE_E2AE_OFFER;
import static ims.pcscf.sip.E2aeHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Graceful shutdown over real UDP ({@link PcscfProxy#stopAcceptingNewCalls}): a call in progress ends
 * normally with BYE after the switch, while new INVITEs from either side get 503 with Retry-After
 * (RFC 3261 20.33, 21.5.4) and a Warning and never leave; REGISTER keeps working.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DrainTest {

  @Test
  void givenDraining_whenNewInvitesArrive_thenTheyGet503WithRetryAfterWhileTheCallInProgressEndsWithBye()
      throws Exception {
    try (var h = new E2aeHarness(true)) {
      h.register("alice", true);
      String ok = h.ueCallAnswered("ongoing@test", UE_E2AE_OFFER);

      h.proxy.stopAcceptingNewCalls(Duration.ofSeconds(120));
      h.proxy.stopAcceptingNewCalls(Duration.ofSeconds(5)); // idempotent: the first Retry-After stays
      assertThat(h.proxy.acceptingNewCalls()).isFalse();

      // a new call from the UE: 503 + Retry-After + Warning, nothing toward the core, no gateway use
      int contextsBefore = h.handler.contexts().size();
      h.ue.send(CallMessages.invite("sip:carol@ims.example.net", "alice", h.ue.port(), "new-orig@test", UE_E2AE_OFFER),
          h.access.udpPort());
      String refused = h.ue.receiveFor("new-orig@test", WAIT);
      assertThat(RawSip.firstLine(refused)).isEqualTo("SIP/2.0 503 Service Unavailable");
      assertThat(RawSip.values(refused, "Retry-After")).containsExactly("120");
      assertThat(RawSip.values(refused, "Warning")).singleElement().asString().startsWith("399 ");
      assertThat(h.handler.contexts()).hasSize(contextsBefore);
      // a new call from the core toward the UE: refused the same way
      h.core.send(CallMessages.invite("sip:alice@127.0.0.1:" + h.ue.port(), "dave", h.core.port(), "new-term@test",
          E2aeFixtures.FAR_END_RTP), h.coreSide.udpPort());
      String refusedTerm = h.core.receiveFor("new-term@test", WAIT);
      assertThat(RawSip.firstLine(refusedTerm)).isEqualTo("SIP/2.0 503 Service Unavailable");
      assertThat(RawSip.values(refusedTerm, "Retry-After")).containsExactly("120");
      assertThat(h.ue.poll(Duration.ofMillis(200))).isNull();

      // REGISTER (a refresh) still reaches the registrar
      h.register("alice", true);

      // the call in progress ends normally
      h.ueHangsUp(ok, "ongoing@test");

      h.assertEverythingReleased();
      assertThat(h.proxy.activeCalls()).isEmpty();
      assertThat(h.proxy.counters().newCallsRefusedDraining()).isEqualTo(2);
      assertThat(h.proxy.counters().gatewayContextsReserved()).isEqualTo(1);
    }
  }

  @Test
  void givenNotDraining_thenNewCallsAreAccepted() throws Exception {
    try (var h = new E2aeHarness(false)) {
      assertThat(h.proxy.acceptingNewCalls()).isTrue();
      h.ue.send(CallMessages.invite("sip:bob@ims.example.net", "alice", h.ue.port(), "open@test", null),
          h.access.udpPort());
      assertThat(RawSip.firstLine(h.core.receiveFor("open@test", WAIT))).startsWith("INVITE ");
      assertThat(h.proxy.counters().newCallsRefusedDraining()).isZero();
    }
  }
}
