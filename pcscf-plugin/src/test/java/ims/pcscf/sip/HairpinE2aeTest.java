package ims.pcscf.sip;

import static ims.pcscf.sip.E2aeHarness.WAIT;
import static ims.pcscf.sip.E2aeFixtures.cryptoLines;
import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.message.Add;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two UEs of the same P-CSCF, both registered with mediasec: one Call-ID, two anchored legs
 * (originating for the caller, terminating for the callee), each with its own gateway context. The
 * core socket plays an S-CSCF that record-routes and sends every request back to the P-CSCF.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HairpinE2aeTest {

  private static final String ALICE_OFFER = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
      + "m=audio 40000 RTP/SAVP 0\r\n"
      + "a=crypto:5 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\r\n"
      + "a=3ge2ae:requested\r\n";
  private static final String BOB_KEY = "NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj";

  /**
   * What the S-CSCF does with a request: its own Route entry consumed, its Via added; an initial request
   * is retargeted to the callee's contact, record-routed, and routed to the P-CSCF's core side (Path).
   */
  static String scscfRelay(String request, String newRequestUri, int scscfPort, int pcscfCorePort) {
    boolean initial = newRequestUri != null;
    List<String> routes = new ArrayList<>();
    for (String line : RawSip.values(request, "Route")) {
      for (String entry : line.split(",(?=\\s*<)")) {
        routes.add(entry.strip());
      }
    }
    routes.remove(0); // the S-CSCF's own entry (the Service-Route, or its Record-Route in a dialog)
    if (initial) {
      routes.add(0, "<sip:127.0.0.1:" + pcscfCorePort + ";lr>");
    }
    String[] lines = request.split("\r\n", -1);
    String[] first = lines[0].split(" ");
    var out = new StringBuilder().append(first[0]).append(' ').append(initial ? newRequestUri : first[1])
        .append(" SIP/2.0\r\n")
        .append("Via: SIP/2.0/UDP 127.0.0.1:").append(scscfPort).append(";branch=").append(CallMessages.branch())
        .append("\r\n");
    if (initial) {
      out.append("Record-Route: <sip:127.0.0.1:").append(scscfPort).append(";lr>\r\n");
    }
    for (String route : routes) {
      out.append("Route: ").append(route).append("\r\n");
    }
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].toLowerCase(java.util.Locale.ROOT).startsWith("route:")) {
        continue;
      }
      out.append(lines[i]).append(i < lines.length - 1 ? "\r\n" : "");
    }
    return out.toString();
  }

  /** What the S-CSCF does with a response: its own Via removed (the others kept, one per line). */
  static String withoutTopVia(String response) {
    List<String> vias = RawSip.vias(response);
    String[] lines = response.split("\r\n", -1);
    var out = new StringBuilder(lines[0]).append("\r\n");
    for (String via : vias.subList(1, vias.size())) {
      out.append("Via: ").append(via).append("\r\n");
    }
    for (int i = 1; i < lines.length; i++) {
      String lower = lines[i].toLowerCase(java.util.Locale.ROOT);
      if (lower.startsWith("via:") || lower.startsWith("v:")) {
        continue;
      }
      out.append(lines[i]).append(i < lines.length - 1 ? "\r\n" : "");
    }
    return out.toString();
  }

  @Test
  void givenTwoMediasecUesOfThisPcscf_whenOneCallsTheOther_thenEachLegHasItsOwnContextAndBothAreReleasedOnBye()
      throws Exception {
    try (var h = new E2aeHarness(true); var bob = new RawSipPeer()) {
      h.register("alice", true);
      h.register(bob, "bob", true);
      int corePort = h.coreSide.udpPort();
      String bobContact = "sip:bob@127.0.0.1:" + bob.port();

      h.ue.send(CallMessages.invite("sip:bob@ims.example.net", "alice", h.ue.port(), "hairpin@test", ALICE_OFFER),
          h.access.udpPort());
      String mo = h.core.receiveFor("hairpin@test", WAIT);
      h.core.send(scscfRelay(mo, bobContact, h.core.port(), corePort), corePort);

      String atBob = bob.receiveFor("hairpin@test", WAIT);
      assertThat(CallMessages.body(atBob)).contains("a=3ge2ae:applied").contains("RTP/SAVP")
          .doesNotContain("WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz");
      assertThat(h.commands(Add.class)).hasSize(4);
      assertThat(h.handler.contexts()).hasSize(2);

      String bobAnswer = "v=0\r\no=- 3 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
          + "m=audio 42000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + BOB_KEY + "\r\n";
      bob.send(CallMessages.response(atBob, "200 OK", "bob1", bob.port(), bobAnswer), RawSip.topViaPort(atBob));
      String okAtCore = h.core.receiveFor("hairpin@test", WAIT);
      assertThat(CallMessages.body(okAtCore)).doesNotContain("crypto").doesNotContain(BOB_KEY);
      h.core.send(withoutTopVia(okAtCore), corePort);

      String okAtAlice = h.ue.receiveFor("hairpin@test", WAIT);
      assertThat(RawSip.firstLine(okAtAlice)).isEqualTo("SIP/2.0 200 OK");
      List<String> cryptos = cryptoLines(CallMessages.body(okAtAlice));
      assertThat(cryptos).singleElement().asString().startsWith("a=crypto:5 AES_CM_128_HMAC_SHA1_80 inline:");
      assertThat(CallMessages.body(okAtAlice)).contains("a=3ge2ae:applied").doesNotContain(BOB_KEY);

      // alice hangs up along her route set (the Record-Routes reversed)
      List<String> routes = new ArrayList<>(CallMessages.recordRoutes(okAtAlice));
      java.util.Collections.reverse(routes);
      h.ue.send(CallMessages.inDialog("BYE", bobContact, routes, h.ue.port(), RawSip.values(okAtAlice, "From").get(0),
          RawSip.values(okAtAlice, "To").get(0), "hairpin@test", 2, CallMessages.branch()), h.access.udpPort());
      String byeAtCore = h.core.receiveFor("hairpin@test", WAIT);
      assertThat(RawSip.firstLine(byeAtCore)).isEqualTo("BYE " + bobContact + " SIP/2.0");
      h.core.send(scscfRelay(byeAtCore, null, h.core.port(), corePort), corePort);
      String byeAtBob = bob.receiveFor("hairpin@test", WAIT);
      assertThat(RawSip.firstLine(byeAtBob)).isEqualTo("BYE " + bobContact + " SIP/2.0");
      h.assertEverythingReleased();
      assertThat(h.proxy.counters().gatewayContextsReleased()).isEqualTo(2);
    }
  }
}
