package ims.integration;

import static org.assertj.core.api.Assertions.assertThat;

import ims.integration.GatewayView.Kind;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * e2ae calls that never get answered (design.md §3: "every AGW context is released exactly once, none leak"):
 * the gateway context reserved on the UE's offer is released when a final error comes back through Kamailio,
 * whether the callee rejects the call, the registrar knows no such user, or the UE cancels while it rings.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class E2aeCallFailureTest extends ChainTest {
  @Test
  void givenAnE2aeOfferToABusyCoreUser_whenTheCalleeAnswers486_thenTheUeGets486AndTheGatewayContextIsReleasedOnce()
      throws Exception {
    try (var ue = new SipUa("uea"); var callee = new SipUa("busy")) {
      registerWithMediasec(ue);
      assertThat(SipText.status(callee.register(chain.kamailio.port(), "ims.test"))).isEqualTo(200);

      var pending = ue.sendInvite(chain.accessPort(), "sip:busy@ims.test", "ims.test", E2aeCallTest.ueOffer(40_000));
      String invite = chain.explained(() -> callee.awaitRequest("INVITE", pending.callId()));
      assertThat(SipText.body(invite)).doesNotContain("inline:");
      callee.reject(invite, "486 Busy Here");

      assertThat(SipText.status(ue.awaitAnswer(pending).answer())).isEqualTo(486);
      chain.assertNothingHeld();
      assertReservedAndReleasedOnce();
    }
  }

  @Test
  void givenAnE2aeOfferToAUserKamailioDoesNotKnow_whenKamailioAnswers404_thenTheUeGets404AndTheGatewayContextIsReleasedOnce()
      throws Exception {
    try (var ue = new SipUa("uea")) {
      registerWithMediasec(ue);

      var pending = ue.sendInvite(chain.accessPort(), "sip:nobody@ims.test", "ims.test",
          E2aeCallTest.ueOffer(40_000));

      assertThat(SipText.status(ue.awaitAnswer(pending).answer())).isEqualTo(404);
      chain.assertNothingHeld();
      assertReservedAndReleasedOnce();
      assertThat(chain.kamailio.received("INVITE")).singleElement()
          .satisfies(received -> assertThat(received).doesNotContain("inline:").doesNotContain("3ge2ae"));
    }
  }

  @Test
  void givenARingingE2aeCall_whenTheUeCancelsIt_thenTheCalleeGetsTheCancelTheUeGets487AndTheGatewayContextIsReleasedOnce()
      throws Exception {
    try (var ue = new SipUa("uea"); var callee = new SipUa("slow")) {
      registerWithMediasec(ue);
      assertThat(SipText.status(callee.register(chain.kamailio.port(), "ims.test"))).isEqualTo(200);

      var pending = ue.sendInvite(chain.accessPort(), "sip:slow@ims.test", "ims.test", E2aeCallTest.ueOffer(40_000));
      String invite = chain.explained(() -> callee.awaitRequest("INVITE", pending.callId()));
      callee.ring(invite, "ringing1");
      ue.await(m -> SipText.status(m) == 180 && SipText.callId(m).equals(pending.callId()), SipUa.WAIT, "180");
      assertThat(chain.relayHandler.contextCount()).isEqualTo(1);

      ue.cancel(pending);
      String cancel = callee.awaitRequest("CANCEL", pending.callId());
      callee.reject(cancel, "200 OK", "ringing1");
      callee.reject(invite, "487 Request Terminated", "ringing1");

      assertThat(SipText.status(ue.awaitFinal("CANCEL", pending.callId()))).isEqualTo(200);
      assertThat(SipText.status(ue.awaitAnswer(pending).answer())).isEqualTo(487);
      chain.assertNothingHeld();
      assertReservedAndReleasedOnce();
    }
  }

  @Test
  void givenUeRegisteredWithoutMediasec_whenItRequestsE2ae_thenItGets488WithAWarningAndNothingReachesTheCore()
      throws Exception {
    try (var ue = new SipUa("plainue")) {
      assertThat(SipText.values(ue.register(chain.accessPort(), "ims.test"), "Security-Server")).isEmpty();

      var pending = ue.sendInvite(chain.accessPort(), "sip:bob@ims.test", "ims.test", E2aeCallTest.ueOffer(40_000));

      // PcscfPolicy.DEFAULT: REJECT_488 when e2ae is requested but was not agreed at registration
      String rejected = ue.awaitAnswer(pending).answer();
      assertThat(SipText.status(rejected)).isEqualTo(488);
      assertThat(SipText.values(rejected, "Warning")).isNotEmpty();
      assertThat(chain.kamailio.received("INVITE")).isEmpty();
      assertThat(chain.gatewayView.seen()).isEmpty();
    }
  }

  private void registerWithMediasec(SipUa ue) throws Exception {
    String ok = ue.register(chain.accessPort(), "ims.test", "Security-Client: sdes-srtp;mediasec");
    assertThat(SipText.values(ok, "Security-Server")).containsExactly("sdes-srtp;mediasec");
  }

  /** One context with two terminations was reserved on the offer; each termination was subtracted once. */
  private void assertReservedAndReleasedOnce() {
    assertThat(chain.pcscf.counters().gatewayContextsReserved()).isEqualTo(1);
    var adds = chain.gatewayView.seen(Kind.ADD);
    assertThat(adds).hasSize(2).allSatisfy(s -> assertThat(s.outcome).isEqualTo("ok"));
    var subtracts = chain.gatewayView.seen(Kind.SUBTRACT);
    assertThat(subtracts).allSatisfy(s -> assertThat(s.outcome).isEqualTo("ok"));
    assertThat(subtracts.stream().map(s -> s.termination).toList())
        .containsExactlyInAnyOrderElementsOf(adds.stream().map(s -> s.termination).toList());
  }
}
