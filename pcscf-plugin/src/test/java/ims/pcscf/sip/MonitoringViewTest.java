package ims.pcscf.sip;

import static ims.pcscf.sip.E2aeFixtures.UE_E2AE_OFFER;
import static ims.pcscf.sip.E2aeFixtures.UE_PLAIN_OFFER;
import static ims.pcscf.sip.E2aeHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ims.pcscf.registration.Binding;
import ims.pcscf.view.ActiveCall;
import ims.pcscf.view.CallDirection;
import ims.pcscf.view.MediaStreamView;
import ims.pcscf.view.SecurityMode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * What a launcher reads from a running proxy: the live registrations, the active call legs with each
 * stream's security mode and gateway contexts, calls counted by mode, Iq outcomes and latency, and the
 * Call-ID in the logging MDC. Real UDP on 127.0.0.1 with the Iq gateway server behind the proxy.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MonitoringViewTest extends FreshE2aeHarness {

  private static final String SDES_AND_PLAIN_VIDEO = "v=0\r\no=- 3 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
      + "t=0 0\r\nm=audio 40004 RTP/SAVP 0\r\n"
      + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + E2aeFixtures.UE_KEY + "\r\n"
      + "m=video 40006 RTP/AVP 96\r\n";
  private static final String KMS = "v=0\r\no=- 4 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
      + "m=audio 40008 RTP/SAVP 0\r\na=key-mgmt:mikey AQAFgM0XflABAAAAAAAAAAAAAAsAyO5ubA==\r\n";

  /** Not SDP (no media port); the indication makes the proxy parse it. */
  private static final String MALFORMED = "v=0\r\nm=audio x\r\na=3ge2ae:requested\r\n";

  @Test
  void givenRegisteredUe_whenRegistrationsAreRead_thenBindingShowsAorContactExpiryUeAddressAndMediasec() throws Exception {
    h.register("alice", true);
    h.register("plain", false);
    List<Binding> live = h.proxy.liveRegistrations();
    assertThat(live).extracting(b -> b.aor().toString(), Binding::contact, Binding::ueSupportsE2ae, Binding::e2aeAgreed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(live.get(0).aor().toString(), "sip:alice@127.0.0.1:" + h.ue.port(), true, true),
            org.assertj.core.groups.Tuple.tuple(live.get(1).aor().toString(), "sip:plain@127.0.0.1:" + h.ue.port(), false, false));
    assertThat(live.get(0).aor().toString()).contains("alice@ims.example.net");
    assertThat(live).allSatisfy(b -> {
      assertThat(b.ueAddress().source().getPort()).isEqualTo(h.ue.port());
      assertThat(b.expiresAt()).isAfter(java.time.Instant.now().plusSeconds(590)).isBefore(java.time.Instant.now().plusSeconds(601));
    });
  }

  @Test
  void givenE2aeCall_whenAnsweredThenEnded_thenViewShowsTheAnchoredStreamWithItsContextUntilBye() throws Exception {
    h.register("alice", true);
    String ok = h.ueCallAnswered("view-e2ae@test", UE_E2AE_OFFER);

    long gatewayContext = h.handler.contexts().keySet().iterator().next();
    ActiveCall call = h.proxy.activeCalls().getFirst();
    assertThat(h.proxy.activeCalls()).hasSize(1);
    assertThat(call.callId()).isEqualTo("view-e2ae@test");
    assertThat(call.direction()).isEqualTo(CallDirection.ORIGINATING);
    assertThat(call.answered()).isTrue();
    assertThat(call.mode()).isEqualTo(SecurityMode.E2AE);
    assertThat(call.streams()).containsExactly(new MediaStreamView(0, "audio", SecurityMode.E2AE, List.of(gatewayContext)));
    assertThat(call.toString()).doesNotContain(E2aeFixtures.UE_KEY).doesNotContain("inline:");

    var counters = h.proxy.counters();
    assertThat(counters.callsE2ae()).isEqualTo(1);
    assertThat(counters.callsPlain() + counters.callsE2eSdes() + counters.callsKms()).isZero();
    // two Adds (core, access) then two Modifies (access Local, core Remote), all answered
    assertThat(counters.iqRequests()).isEqualTo(4);
    assertThat(counters.iqSucceeded()).isEqualTo(4);
    assertThat(counters.iqCompleted()).isEqualTo(4);
    assertThat(counters.iqLatencyMicrosMax()).isPositive().isLessThanOrEqualTo(counters.iqLatencyMicrosTotal());

    h.ueHangsUp(ok, "view-e2ae@test");
    h.assertEverythingReleased();
    assertThat(h.proxy.activeCalls()).isEmpty();
    E2aeHarness.awaitCondition(() -> h.proxy.counters().iqCompleted() == 6); // and two Subtracts
    assertThat(h.proxy.counters().iqSucceeded()).isEqualTo(6);
  }

  @Test
  void givenCallsOfEachMode_whenForwarded_thenCountedByModeAndShownPerStreamUntilAFinalError() throws Exception {
    h.register("plain", false);
    sendInvite("view-plain@test", UE_PLAIN_OFFER);
    sendInvite("view-sdes@test", SDES_AND_PLAIN_VIDEO);
    sendInvite("view-kms@test", KMS);
    sendInvite("view-none@test", null);
    String terminating = CallMessages.invite("sip:plain@127.0.0.1:" + h.ue.port(), "carol", h.core.port(),
        "view-term@test", UE_PLAIN_OFFER);
    h.core.send(terminating, h.coreSide.udpPort());
    h.ue.receiveFor("view-term@test", WAIT);

    var counters = h.proxy.counters();
    assertThat(counters.callsPlain()).isEqualTo(2);
    assertThat(counters.callsE2eSdes()).isEqualTo(1);
    assertThat(counters.callsKms()).isEqualTo(1);
    assertThat(counters.callsWithoutOffer()).isEqualTo(1);
    assertThat(counters.callsE2ae()).isZero();
    assertThat(counters.iqRequests()).isZero();

    List<ActiveCall> calls = h.proxy.activeCalls();
    assertThat(calls).extracting(ActiveCall::callId).containsExactlyInAnyOrder(
        "view-plain@test", "view-sdes@test", "view-kms@test", "view-none@test", "view-term@test");
    assertThat(call(calls, "view-sdes@test").streams()).containsExactly(
        new MediaStreamView(0, "audio", SecurityMode.E2E_SDES, List.of()),
        new MediaStreamView(1, "video", SecurityMode.PLAIN, List.of()));
    assertThat(call(calls, "view-kms@test").mode()).isEqualTo(SecurityMode.KMS);
    assertThat(call(calls, "view-none@test").streams()).isEmpty();
    assertThat(call(calls, "view-term@test").direction()).isEqualTo(CallDirection.TERMINATING);
    assertThat(call(calls, "view-plain@test").direction()).isEqualTo(CallDirection.ORIGINATING);
    assertThat(calls).noneMatch(ActiveCall::answered);

    // the core refuses the KMS call: that leg ends, the others stay
    String kmsAtCore = lastForwarded("view-kms@test");
    h.core.send(CallMessages.response(kmsAtCore, "488 Not Acceptable Here", "k", 0, null), RawSip.topViaPort(kmsAtCore));
    assertThat(RawSip.firstLine(h.ue.receiveFor("view-kms@test", WAIT))).isEqualTo("SIP/2.0 488 Not Acceptable Here");
    assertThat(h.proxy.activeCalls()).extracting(ActiveCall::callId).doesNotContain("view-kms@test").hasSize(4);
  }

  @Test
  void givenCallRefusedByTheProxy_whenItLogs_thenTheLogEventCarriesTheCallIdInTheMdc() throws Exception {
    var logger = (Logger) LoggerFactory.getLogger(PcscfProxy.class);
    var events = new ListAppender<ILoggingEvent>();
    events.start();
    logger.addAppender(events);
    try {
      h.register("alice", true);
      // refused on the SIP thread: the body is not SDP
      sendInvite("mdc-malformed@test", MALFORMED);
      // refused on a gateway-callback thread: no acceptable suite, found after the reservation
      String gcmOnly = UE_E2AE_OFFER.replace("AES_CM_128_HMAC_SHA1_80 inline:" + E2aeFixtures.UE_KEY,
          "AEAD_AES_128_GCM inline:" + E2aeFixtures.UE_KEY + "AAAA");
      h.ue.send(CallMessages.invite("sip:bob@ims.example.net", "alice", h.ue.port(), "mdc-nosuite@test", gcmOnly),
          h.access.udpPort());
      assertThat(RawSip.firstLine(h.ue.receiveFor("mdc-nosuite@test", WAIT))).startsWith("SIP/2.0 488 ");

      assertThat(events.list).filteredOn(e -> e.getFormattedMessage().startsWith("Malformed SDP"))
          .singleElement().satisfies(e -> assertThat(e.getMDCPropertyMap()).containsEntry("callId", "mdc-malformed@test"));
      assertThat(events.list).filteredOn(e -> e.getFormattedMessage().contains("refused"))
          .singleElement().satisfies(e -> {
            assertThat(e.getMDCPropertyMap()).containsEntry("callId", "mdc-nosuite@test");
            assertThat(e.getThreadName()).doesNotContain("UDPMessageChannel");
          });
    } finally {
      logger.detachAppender(events);
    }
  }

  private void sendInvite(String callId, String sdp) throws Exception {
    h.ue.send(CallMessages.invite("sip:bob@ims.example.net", "plain", h.ue.port(), callId, sdp), h.access.udpPort());
    if (!MALFORMED.equals(sdp)) {
      forwarded.put(callId, h.core.receiveFor(callId, WAIT));
    } else {
      assertThat(RawSip.firstLine(h.ue.receiveFor(callId, WAIT))).startsWith("SIP/2.0 488 ");
    }
  }

  private final java.util.Map<String, String> forwarded = new java.util.HashMap<>();

  private String lastForwarded(String callId) {
    return forwarded.get(callId);
  }

  private static ActiveCall call(List<ActiveCall> calls, String callId) {
    return calls.stream().filter(c -> c.callId().equals(callId)).findFirst().orElseThrow();
  }
}
