package ims.pcscf.sip;

import static ims.pcscf.sip.E2aeFixtures.UE_E2AE_OFFER;
import static ims.pcscf.sip.E2aeHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.controller.GatewayEvent;
import ims.iq.message.ContextId;
import ims.iq.message.ServiceChangeMethod;
import ims.iq.message.ServiceChangeParms;
import ims.iq.message.Subtract;
import ims.iq.message.TerminationId;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The IMS-AGW loses its contexts (ServiceChange Restart or Forced on ROOT from a real
 * {@code IqGatewayServer}, or an audit naming missing contexts) during an anchored e2ae call: the
 * P-CSCF ends the call itself with {@code Reason: SIP;cause=503} (RFC 3326) — BYE to both sides once
 * answered, CANCEL downstream and 503 upstream before — subtracts nothing, and the call leaves the view.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GatewayLossTest {

  private static final String REASON = "SIP;cause=503;text=\"IMS-AGW lost the media context\"";

  /** Sets up an anchored call from the UE; answered with 200 by the core if {@code answer}, else 180. */
  private static String call(E2aeHarness h, String callId, boolean answer) throws Exception {
    h.register("alice", true);
    h.ue.send(CallMessages.invite("sip:bob@ims.example.net", "alice", h.ue.port(), callId, UE_E2AE_OFFER), h.access.udpPort());
    String atCore = h.core.receiveFor(callId, WAIT);
    String status = answer ? "200 OK" : "180 Ringing";
    h.core.send(CallMessages.response(atCore, status, "bob", h.core.port(), answer ? E2aeFixtures.FAR_END_RTP : null),
        RawSip.topViaPort(atCore));
    assertThat(RawSip.firstLine(h.ue.receiveFor(callId, WAIT))).isEqualTo("SIP/2.0 " + status);
    assertThat(h.proxy.activeCalls()).hasSize(1);
    return atCore;
  }

  /** Both sides get a BYE for the dialog with our Reason; each answers 200. */
  private static void assertByeToBothSides(E2aeHarness h, String callId) throws Exception {
    String atUe = h.ue.receiveFor(callId, WAIT);
    assertThat(RawSip.firstLine(atUe)).isEqualTo("BYE sip:alice@127.0.0.1:" + h.ue.port() + " SIP/2.0");
    assertThat(RawSip.values(atUe, "Reason")).containsExactly(REASON);
    assertThat(RawSip.values(atUe, "From").get(0)).contains("tag=bob");
    assertThat(RawSip.values(atUe, "To").get(0)).contains("tag=from-alice");
    h.ue.send(CallMessages.response(atUe, "200 OK", null, 0, null), RawSip.topViaPort(atUe));

    String atCore = h.core.receiveFor(callId, WAIT);
    assertThat(RawSip.firstLine(atCore)).isEqualTo("BYE sip:peer@127.0.0.1:" + h.core.port() + " SIP/2.0");
    assertThat(RawSip.values(atCore, "Reason")).containsExactly(REASON);
    assertThat(RawSip.values(atCore, "From").get(0)).contains("tag=from-alice");
    assertThat(RawSip.values(atCore, "To").get(0)).contains("tag=bob");
    assertThat(RawSip.values(atCore, "CSeq")).containsExactly("2 BYE"); // above the caller's INVITE (1)
    h.core.send(CallMessages.response(atCore, "200 OK", null, 0, null), RawSip.topViaPort(atCore));
  }

  private static void assertLostNotSubtracted(E2aeHarness h) {
    E2aeHarness.awaitCondition(() -> h.proxy.counters().gatewayContextsLost() == 1);
    assertThat(h.proxy.counters().callLegsEndedGatewayLost()).isEqualTo(1);
    assertThat(h.proxy.counters().gatewayContextsReleased()).isZero();
    assertThat(h.commands(Subtract.class)).isEmpty();
    assertThat(h.proxy.activeCalls()).isEmpty();
  }

  @Test
  void givenAnsweredE2aeCall_whenTheGatewayRestarts_thenBothSidesGetByeWithReasonAndNothingIsSubtracted()
      throws Exception {
    try (var h = new E2aeHarness(true)) {
      call(h, "restart@test", true);
      h.gateway.serviceChange(TerminationId.ROOT, ServiceChangeParms.of(ServiceChangeMethod.RESTART, "901 Cold Boot"))
          .get(5, TimeUnit.SECONDS);
      assertByeToBothSides(h, "restart@test");
      assertLostNotSubtracted(h);
    }
  }

  @Test
  void givenRingingE2aeCall_whenTheGatewayIsForcedOutOfService_thenCoreGetsCancelWithReasonAndUe503()
      throws Exception {
    try (var h = new E2aeHarness(true)) {
      String invite = call(h, "forced@test", false);
      h.gateway.serviceChange(TerminationId.ROOT,
          ServiceChangeParms.of(ServiceChangeMethod.FORCED, "905 Termination taken out of service")).get(5, TimeUnit.SECONDS);
      String cancel = h.core.receiveFor("forced@test", WAIT);
      assertThat(RawSip.firstLine(cancel)).startsWith("CANCEL ");
      assertThat(RawSip.values(cancel, "Reason")).containsExactly(REASON);
      h.core.send(CallMessages.response(cancel, "200 OK", null, 0, null), RawSip.topViaPort(cancel));
      h.core.send(CallMessages.response(invite, "487 Request Terminated", "bob", 0, null), RawSip.topViaPort(invite));

      String answer = h.ue.receiveFor("forced@test", WAIT);
      assertThat(RawSip.firstLine(answer)).isEqualTo("SIP/2.0 503 Service Unavailable");
      assertThat(RawSip.values(answer, "Warning")).singleElement().asString()
          .startsWith("399 ").contains("IMS-AGW lost the media context");
      assertLostNotSubtracted(h);
    }
  }

  @Test
  void givenAuditFindsTheCallsContextMissing_thenTheCallEndsButAnAuditOfAnotherContextChangesNothing()
      throws Exception {
    try (var h = new E2aeHarness(true)) {
      call(h, "audit@test", true);
      long context = h.proxy.activeCalls().get(0).streams().get(0).gatewayContexts().get(0);
      var other = (ContextId.Numbered) ContextId.of(context + 1000);
      h.proxy.onGatewayEvent(new GatewayEvent.ContextsAudited(ServiceChangeMethod.FAILOVER, 2, Set.of(other),
          Map.of(other, Set.of()), Set.of()));
      h.proxy.onGatewayEvent(new GatewayEvent.GatewayInService(ServiceChangeMethod.FAILOVER, java.util.Optional.empty(),
          2, false));
      assertThat(h.ue.poll(Duration.ofMillis(200))).isNull();
      assertThat(h.proxy.activeCalls()).hasSize(1);

      var mine = (ContextId.Numbered) ContextId.of(context);
      h.proxy.onGatewayEvent(new GatewayEvent.ContextsAudited(ServiceChangeMethod.FAILOVER, 2, Set.of(mine),
          Map.of(mine, Set.of()), Set.of()));
      assertByeToBothSides(h, "audit@test");
      assertLostNotSubtracted(h);
      // the same loss reported again ends nothing twice
      h.proxy.onGatewayEvent(new GatewayEvent.ContextsAudited(ServiceChangeMethod.FAILOVER, 2, Set.of(mine),
          Map.of(mine, Set.of()), Set.of()));
      assertThat(h.proxy.counters().callLegsEndedGatewayLost()).isEqualTo(1);
    }
  }

  @Test
  void givenHairpinCall_whenTheGatewayRestarts_thenEachUeGetsOneByeThroughTheCoreRoute() throws Exception {
    try (var h = new E2aeHarness(true); var bob = new RawSipPeer()) {
      h.register("alice", true);
      h.register(bob, "bob", true);
      int corePort = h.coreSide.udpPort();
      String bobContact = "sip:bob@127.0.0.1:" + bob.port();
      h.ue.send(CallMessages.invite("sip:bob@ims.example.net", "alice", h.ue.port(), "hairpin-lost@test", UE_E2AE_OFFER),
          h.access.udpPort());
      String mo = h.core.receiveFor("hairpin-lost@test", WAIT);
      h.core.send(HairpinE2aeTest.scscfRelay(mo, bobContact, h.core.port(), corePort), corePort);
      String atBob = bob.receiveFor("hairpin-lost@test", WAIT);
      String bobAnswer = "v=0\r\no=- 3 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
          + "m=audio 42000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + E2aeFixtures.UE_KEY + "\r\n";
      bob.send(CallMessages.response(atBob, "200 OK", "bob1", bob.port(), bobAnswer), RawSip.topViaPort(atBob));
      h.core.send(HairpinE2aeTest.withoutTopVia(h.core.receiveFor("hairpin-lost@test", WAIT)), corePort);
      assertThat(RawSip.firstLine(h.ue.receiveFor("hairpin-lost@test", WAIT))).isEqualTo("SIP/2.0 200 OK");
      assertThat(h.proxy.activeCalls()).hasSize(2);

      h.gateway.serviceChange(TerminationId.ROOT, ServiceChangeParms.of(ServiceChangeMethod.RESTART, "901 Cold Boot"))
          .get(5, TimeUnit.SECONDS);
      String byeAtAlice = h.ue.receiveFor("hairpin-lost@test", WAIT);
      assertThat(RawSip.firstLine(byeAtAlice)).isEqualTo("BYE sip:alice@127.0.0.1:" + h.ue.port() + " SIP/2.0");
      assertThat(RawSip.values(byeAtAlice, "Reason")).containsExactly(REASON);
      // toward bob along the originating leg's route set: the S-CSCF first, then back through us
      String byeAtScscf = h.core.receiveFor("hairpin-lost@test", WAIT);
      String bobTarget = "sip:peer@127.0.0.1:" + bob.port(); // the Contact of bob's 200
      assertThat(RawSip.firstLine(byeAtScscf)).isEqualTo("BYE " + bobTarget + " SIP/2.0");
      assertThat(RawSip.values(byeAtScscf, "Reason")).containsExactly(REASON);
      h.core.send(HairpinE2aeTest.scscfRelay(byeAtScscf, null, h.core.port(), corePort), corePort);
      String byeAtBob = bob.receiveFor("hairpin-lost@test", WAIT);
      assertThat(RawSip.firstLine(byeAtBob)).isEqualTo("BYE " + bobTarget + " SIP/2.0");
      assertThat(RawSip.values(byeAtBob, "Reason")).containsExactly(REASON);
      h.ue.send(CallMessages.response(byeAtAlice, "200 OK", null, 0, null), RawSip.topViaPort(byeAtAlice));
      bob.send(CallMessages.response(byeAtBob, "200 OK", null, 0, null), RawSip.topViaPort(byeAtBob));
      // exactly one BYE each (answered, so not retransmitted): nothing more for alice or bob
      assertThat(h.ue.poll(Duration.ofMillis(300))).isNull();
      assertThat(bob.poll(Duration.ofMillis(300))).isNull();

      E2aeHarness.awaitCondition(() -> h.proxy.counters().gatewayContextsLost() == 2);
      assertThat(h.proxy.counters().callLegsEndedGatewayLost()).isEqualTo(2);
      assertThat(h.commands(Subtract.class)).isEmpty();
      assertThat(h.proxy.activeCalls()).isEmpty();
    }
  }
}
