package ims.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The SDP inside Iq descriptors, as it crossed the wire during a whole e2ae call (both flows): every line of
 * every Local/Remote descriptor is well-formed RFC 8866 SDP (H.248.1 Annex C: text SDP inside the descriptor),
 * so any H.248 peer — not only our own tolerant gateway — reads the addresses the P-CSCF sends. (It found
 * {@code c=c=IN IP4 ...} in the P-CSCF's Iq SDP, fixed in pcscf-plugin f2aedd4.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IqWireSdpTest extends ChainTest {
  private static final Pattern SDP_LINE = Pattern.compile("^[a-z]=.*$");
  private static final Pattern CONNECTION = Pattern.compile("^c=IN IP4 (\\$|\\d{1,3}(\\.\\d{1,3}){3})$");
  private static final Pattern DESCRIPTOR = Pattern.compile("(?s)(Local|Remote) \\{\\r?\\n(.*?)\\r?\\n\\}");

  @Test
  void givenAnOriginatingAndATerminatingE2aeCall_whenIqIsCapturedOnTheWire_thenEveryDescriptorSdpLineIsWellFormed()
      throws Exception {
    try (var ue = new SipUa("uea"); var core = new SipUa("bob")) {
      String ok = ue.register(chain.accessPort(), "ims.test", "Security-Client: sdes-srtp;mediasec");
      assertThat(SipText.values(ok, "Security-Server")).containsExactly("sdes-srtp;mediasec");
      assertThat(SipText.status(core.register(chain.kamailio.port(), "ims.test"))).isEqualTo(200);

      // originating: the UE calls bob
      var out = ue.sendInvite(chain.accessPort(), "sip:bob@ims.test", "ims.test", E2aeCallTest.ueOffer(40_000));
      String invite = chain.explained(() -> core.awaitRequest("INVITE", out.callId()));
      SipUa.Dialog coreSide = core.answer(invite, E2aeCallTest.plainRtp(41_000));
      SipUa.Dialog ueSide = ue.awaitAnswer(out);
      ue.sendBye(ueSide);
      core.answerBye(coreSide);
      ue.awaitFinal("BYE", out.callId());

      // terminating: bob calls the UE
      var in = core.sendInvite(chain.kamailio.port(), "sip:uea@ims.test", "ims.test", E2aeCallTest.plainRtp(41_000));
      String offer = chain.explained(() -> ue.awaitRequest("INVITE", in.callId()));
      String k21 = Sdp.cryptoLines(SipText.body(offer)).get(0);
      String answer = "v=0\r\no=- 7 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
          + "m=audio 40000 RTP/SAVP 8\r\na=rtpmap:8 PCMA/8000\r\na=crypto:" + Sdp.cryptoTag(k21) + " "
          + Sdp.cryptoSuite(k21) + " inline:" + E2aeCallTest.UE_KEY_80 + "\r\n";
      SipUa.Dialog ueCalled = ue.answer(offer, answer);
      SipUa.Dialog coreCaller = core.awaitAnswer(in);
      core.sendBye(coreCaller);
      ue.answerBye(ueCalled);
      core.awaitFinal("BYE", in.callId());
      chain.assertNothingHeld();
    }

    List<String> iq = new ArrayList<>(chain.iqTap.fromServer());
    iq.addAll(chain.iqTap.toServer());
    List<String> descriptors = iq.stream().flatMap(m -> DESCRIPTOR.matcher(m).results().map(r -> r.group(2))).toList();
    assertThat(descriptors).as("SDP descriptors on the Iq wire").hasSizeGreaterThanOrEqualTo(8);
    for (String sdp : descriptors) {
      List<String> lines = List.of(sdp.split("\r?\n"));
      assertThat(lines.get(0)).isEqualTo("v=0");
      assertThat(lines).allSatisfy(line -> assertThat(line).matches(SDP_LINE));
      assertThat(lines.stream().filter(l -> l.startsWith("c="))).singleElement().asString().matches(CONNECTION);
    }
  }
}
