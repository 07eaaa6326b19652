package ims.pcscf.sip;

import static ims.pcscf.sip.E2aeFixtures.UE_E2AE_OFFER;
import static ims.pcscf.sip.E2aeFixtures.UE_PLAIN_OFFER;
import static ims.pcscf.sip.E2aeHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.message.Subtract;
import ims.pcscf.policy.PcscfPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RFC 3261 16.6 step 11 / 16.7 step 2 / 16.8 timer C over real UDP, with a short timer C: provisional
 * answers restart it; on expiry the callee gets CANCEL (if it answered provisionally), the caller 408,
 * and the e2ae call's gateway context is released exactly once; what the callee sends afterwards is
 * absorbed, and a late 2xx is acknowledged and ended.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TimerCTest {

  /** Long enough that scheduling delays on a loaded machine cannot fire it inside the probe windows below. */
  private static final Duration TIMER_C = Duration.ofMillis(1500);
  private static final Duration PROBE = Duration.ofMillis(900);

  private static E2aeHarness harness() throws Exception {
    return new E2aeHarness(true, r -> r, ProxyConfig.DEFAULT_T1, PcscfPolicy.DEFAULT, c -> c.withTimerC(TIMER_C));
  }

  @Test
  void givenRingingE2aeCall_whenTimerCExpires_thenCalleeGetsCancelCallerGets408AndTheContextIsReleasedOnce()
      throws Exception {
    try (var h = harness()) {
      h.register("alice", true);
      h.ue.send(CallMessages.invite("sip:bob@ims.example.net", "alice", h.ue.port(), "timer-c@test", UE_E2AE_OFFER),
          h.access.udpPort());
      String atCore = h.core.receiveFor("timer-c@test", WAIT);
      int via = RawSip.topViaPort(atCore);
      long ringingSent = System.nanoTime(); // the proxy (re)starts timer C after this instant
      h.core.send(CallMessages.response(atCore, "180 Ringing", "bob1", h.core.port(), null), via);
      assertThat(RawSip.firstLine(h.ue.receiveFor("timer-c@test", WAIT))).isEqualTo("SIP/2.0 180 Ringing");

      // 900 ms later (before timer C) another provisional restarts it: nothing for the caller meanwhile
      assertThat(h.ue.poll(PROBE)).isNull();
      long progressSent = System.nanoTime();
      h.core.send(CallMessages.response(atCore, "183 Session Progress", "bob1", h.core.port(), null), via);
      assertThat(RawSip.firstLine(h.ue.receiveFor("timer-c@test", WAIT))).isEqualTo("SIP/2.0 183 Session Progress");
      // had the 183 not restarted it, timer C would fire 1500 ms after the 180, i.e. within this window
      assertThat(h.ue.poll(PROBE)).isNull();

      String cancel = h.core.receiveFor("timer-c@test", WAIT);
      assertThat(RawSip.firstLine(cancel)).startsWith("CANCEL ");
      assertThat(RawSip.values(cancel, "CSeq")).containsExactly("1 CANCEL");
      String timeout = h.ue.receiveFor("timer-c@test", WAIT);
      assertThat(RawSip.firstLine(timeout)).isEqualTo("SIP/2.0 408 Request Timeout");
      // timer C ran from the 183 on (not from the 180), and never fired early
      assertThat(Duration.ofNanos(System.nanoTime() - progressSent)).isGreaterThanOrEqualTo(TIMER_C);
      assertThat(Duration.ofNanos(System.nanoTime() - ringingSent)).isGreaterThan(TIMER_C.plus(PROBE));

      // the callee answers the CANCEL and its INVITE 487: absorbed, the caller already has its 408
      h.core.send(RawSip.response(cancel, "200 OK"), RawSip.topViaPort(cancel));
      h.core.send(CallMessages.response(atCore, "487 Request Terminated", "bob1", 0, null), via);
      assertThat(firstLinesFor(h.ue, "timer-c@test", Duration.ofMillis(400)))
          .allMatch(line -> line.equals("SIP/2.0 408 Request Timeout")); // 408 retransmissions only (no ACK sent)

      h.assertEverythingReleased();
      assertThat(h.commands(Subtract.class)).hasSize(2); // core and access termination of the one context
      assertThat(h.proxy.counters().timerCExpiries()).isEqualTo(1);
      assertThat(h.proxy.activeCalls()).isEmpty();
    }
  }

  @Test
  void givenCalleeThatNeverAnswersProvisionally_whenTimerCExpires_thenCallerGets408AndNoCancelIsSent()
      throws Exception {
    try (var h = harness()) {
      h.register("plain", false);
      h.ue.send(CallMessages.invite("sip:bob@ims.example.net", "plain", h.ue.port(), "timer-c-silent@test",
          UE_PLAIN_OFFER), h.access.udpPort());
      String atCore = h.core.receiveFor("timer-c-silent@test", WAIT);
      assertThat(RawSip.firstLine(h.ue.receiveFor("timer-c-silent@test", WAIT)))
          .isEqualTo("SIP/2.0 408 Request Timeout");
      // RFC 3261 9.1: no CANCEL before a provisional answer; the core sees only INVITE retransmissions
      assertThat(firstLinesFor(h.core, "timer-c-silent@test", Duration.ofMillis(700)))
          .allMatch(line -> line.startsWith("INVITE "));
      assertThat(RawSip.firstLine(atCore)).startsWith("INVITE ");
      assertThat(h.proxy.counters().timerCExpiries()).isEqualTo(1);
    }
  }

  @Test
  void givenTimerCExpired_whenTheCalleeAnswers200Late_thenTheProxyAcknowledgesAndEndsThatDialog() throws Exception {
    try (var h = harness()) {
      h.register("plain", false);
      h.ue.send(CallMessages.invite("sip:bob@ims.example.net", "plain", h.ue.port(), "timer-c-late@test",
          UE_PLAIN_OFFER), h.access.udpPort());
      String atCore = h.core.receiveFor("timer-c-late@test", WAIT);
      int via = RawSip.topViaPort(atCore);
      h.core.send(CallMessages.response(atCore, "180 Ringing", "bob1", h.core.port(), null), via);
      h.ue.receiveFor("timer-c-late@test", WAIT);
      String cancel = h.core.receiveFor("timer-c-late@test", WAIT);
      assertThat(RawSip.firstLine(cancel)).startsWith("CANCEL ");
      assertThat(RawSip.firstLine(h.ue.receiveFor("timer-c-late@test", WAIT))).isEqualTo("SIP/2.0 408 Request Timeout");

      // the callee picked up as the CANCEL crossed: its 200 to the INVITE never reaches the caller
      h.core.send(RawSip.response(cancel, "200 OK"), RawSip.topViaPort(cancel));
      h.core.send(CallMessages.response(atCore, "200 OK", "bob1", h.core.port(), UE_PLAIN_OFFER), via);
      assertThat(RawSip.firstLine(h.core.receiveFor("timer-c-late@test", WAIT))).startsWith("ACK ");
      String bye = h.core.receiveFor("timer-c-late@test", WAIT);
      assertThat(RawSip.firstLine(bye)).startsWith("BYE ");
      h.core.send(CallMessages.response(bye, "200 OK", null, 0, null), RawSip.topViaPort(bye));
      assertThat(firstLinesFor(h.ue, "timer-c-late@test", Duration.ofMillis(300)))
          .noneMatch(line -> line.startsWith("SIP/2.0 200"));
    }
  }

  /** First lines of every message with this Call-ID arriving within {@code window} (bounded). */
  private static List<String> firstLinesFor(RawSipPeer peer, String callId, Duration window) throws IOException {
    var lines = new ArrayList<String>();
    long deadline = System.nanoTime() + window.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return lines;
      }
      String message = peer.poll(Duration.ofNanos(left));
      if (message == null) {
        return lines;
      }
      if (RawSip.values(message, "Call-ID", "i").contains(callId)) {
        lines.add(RawSip.firstLine(message));
      }
    }
  }
}
