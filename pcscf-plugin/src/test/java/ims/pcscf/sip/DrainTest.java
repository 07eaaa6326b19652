package ims.pcscf.sip;

import static ims.pcscf.sip.E2aeHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
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

  private static final String UE_OFFER = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
      + "m=audio 40000 RTP/SAVP 0\r\n"
      + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + E2aeFixtures.UE_KEY + "\r\n"
      + "a=3ge2ae:requested\r\n";

  @Test
  void givenDraining_whenNewInvitesArrive_thenTheyGet503WithRetryAfterWhileTheCallInProgressEndsWithBye()
      throws Exception {
    try (var h = new E2aeHarness(true)) {
      h.register("alice", true);
      h.ue.send(CallMessages.invite("sip:bob@ims.example.net", "alice", h.ue.port(), "ongoing@test", UE_OFFER),
          h.access.udpPort());
      String atCore = h.core.receiveFor("ongoing@test", WAIT);
      h.core.send(CallMessages.response(atCore, "200 OK", "bob", h.core.port(), E2aeFixtures.FAR_END_RTP),
          RawSip.topViaPort(atCore));
      String ok = h.ue.receiveFor("ongoing@test", WAIT);
      assertThat(RawSip.firstLine(ok)).isEqualTo("SIP/2.0 200 OK");

      h.proxy.stopAcceptingNewCalls(Duration.ofSeconds(120));
      h.proxy.stopAcceptingNewCalls(Duration.ofSeconds(5)); // idempotent: the first Retry-After stays
      assertThat(h.proxy.acceptingNewCalls()).isFalse();

      // a new call from the UE: 503 + Retry-After + Warning, nothing toward the core, no gateway use
      int contextsBefore = h.handler.contexts().size();
      h.ue.send(CallMessages.invite("sip:carol@ims.example.net", "alice", h.ue.port(), "new-orig@test", UE_OFFER),
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
      String from = RawSip.values(ok, "From").get(0);
      String to = RawSip.values(ok, "To").get(0);
      List<String> routes = List.of("<sip:127.0.0.1:" + h.access.udpPort() + ";lr>",
          "<sip:127.0.0.1:" + h.coreSide.udpPort() + ";lr>");
      h.ue.send(CallMessages.inDialog("BYE", "sip:peer@127.0.0.1:" + h.core.port(), routes, h.ue.port(), from, to,
          "ongoing@test", 2, CallMessages.branch()), h.access.udpPort());
      String bye = h.core.receiveFor("ongoing@test", WAIT);
      assertThat(RawSip.firstLine(bye)).startsWith("BYE ");
      h.core.send(CallMessages.response(bye, "200 OK", null, 0, null), RawSip.topViaPort(bye));
      assertThat(RawSip.firstLine(h.ue.receiveFor("ongoing@test", WAIT))).isEqualTo("SIP/2.0 200 OK");

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
