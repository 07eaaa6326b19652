package ims.integration;

import static org.assertj.core.api.Assertions.assertThat;

import ims.integration.GatewayView.Kind;
import ims.integration.GatewayView.Seen;
import ims.media.relay.Realm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whole e2ae calls (TS 33.328 7.2.1 originating, 7.3.1 terminating) over real UDP with real peers and the real
 * gateway: SIP UAs written in the test, the P-CSCF, Kamailio as registrar and router, the IMS-AGW relay behind
 * Iq; the UE's media is libsrtp ({@link LibSrtpUe}) and the core's is plain RTP/RTCP ({@link MediaPeer}). Each
 * call checks the SDP each side gets on the wire, RTP and RTCP both ways byte for byte, the Iq commands the
 * gateway ran with the statistics it returned, and that the BYE leaves no context, termination or port behind.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class E2aeCallTest extends ChainTest {
  /** The UE's keys (key||salt, base64): the conformance line of design.md §2 and a second one of the test's own. */
  static final String UE_KEY_80 = "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";
  static final String UE_KEY_32 = "NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj";
  static final String SUITE_80 = "AES_CM_128_HMAC_SHA1_80";
  static final String SUITE_32 = "AES_CM_128_HMAC_SHA1_32";
  private static final int UE_SSRC = 0x1E0A_0001;
  private static final int CORE_SSRC = 0xC0DE_0002;
  private static final int PACKETS = 50;
  private static final int RTCP_REPORTS = 3;
  private static final Duration MEDIA_WAIT = Duration.ofSeconds(5);

  /** An e2ae offer from a UE (RTP/SAVP, two SDES lines, e2ae requested) with its media at {@code port}. */
  static String ueOffer(int port) {
    return "v=0\r\n"
        + "o=- 1 1 IN IP4 127.0.0.1\r\n"
        + "s=-\r\n"
        + "c=IN IP4 127.0.0.1\r\n"
        + "t=0 0\r\n"
        + "m=audio " + port + " RTP/SAVP 8\r\n"
        + "a=rtpmap:8 PCMA/8000\r\n"
        + "a=crypto:3 " + SUITE_32 + " inline:" + UE_KEY_32 + "|2^20\r\n"
        + "a=crypto:7 " + SUITE_80 + " inline:" + UE_KEY_80 + "|2^20\r\n"
        + "a=3ge2ae:requested\r\n";
  }

  /** The core side's plain RTP SDP (offer or answer) with its media at {@code port}. */
  static String plainRtp(int port) {
    return "v=0\r\n"
        + "o=- 9 1 IN IP4 127.0.0.1\r\n"
        + "s=-\r\n"
        + "c=IN IP4 127.0.0.1\r\n"
        + "t=0 0\r\n"
        + "m=audio " + port + " RTP/AVP 8\r\n"
        + "a=rtpmap:8 PCMA/8000\r\n";
  }

  @Test
  void givenUeRegisteredWithMediasec_whenItCallsACoreUserAndMediaFlows_thenSrtpBecomesIdenticalRtpBothWaysAndByeFreesTheGateway()
      throws Exception {
    try (var ue = new SipUa("uea"); var callee = new SipUa("bob"); var ueMedia = LibSrtpUe.start();
         var farEnd = new MediaPeer()) {
      registerWithMediasec(ue);
      assertThat(SipText.status(callee.register(chain.kamailio.port(), "ims.test"))).isEqualTo(200);

      var pending = ue.sendInvite(chain.accessPort(), "sip:bob@ims.test", "ims.test", ueOffer(ueMedia.port()));
      String invite = chain.explained(() -> callee.awaitRequest("INVITE", pending.callId()));
      // the core's offer, as the callee got it from Kamailio: plain RTP at the gateway's core side, no key
      String coreOffer = SipText.body(invite);
      assertThat(Sdp.audioProfile(coreOffer)).isEqualTo("RTP/AVP");
      assertThat(coreOffer).doesNotContain("a=crypto").doesNotContain("inline:").doesNotContain("3ge2ae");
      assertThat(Sdp.connectionAddress(coreOffer)).isEqualTo("127.0.0.1");
      int gatewayCore = Sdp.audioPort(coreOffer);
      assertThat(gatewayCore).isBetween(corePorts().first(), corePorts().last());
      assertThat(chain.kamailio.received("INVITE")).singleElement()
          .satisfies(received -> assertThat(received).doesNotContain("inline:").doesNotContain("3ge2ae"));

      SipUa.Dialog calleeDialog = callee.answer(invite, plainRtp(farEnd.port()));
      SipUa.Dialog ueDialog = ue.awaitAnswer(pending);
      callee.awaitRequest("ACK", pending.callId());

      // the UE's answer: RTP/SAVP at the gateway's access side, one crypto line of an offered tag and its suite,
      // a key of the network's own (K12), e2ae applied
      assertThat(SipText.status(ueDialog.answer())).isEqualTo(200);
      String ueAnswer = ueDialog.answerSdp();
      assertThat(Sdp.audioProfile(ueAnswer)).isEqualTo("RTP/SAVP");
      assertThat(ueAnswer).contains("a=3ge2ae:applied");
      assertThat(Sdp.connectionAddress(ueAnswer)).isEqualTo("127.0.0.1");
      int gatewayAccess = Sdp.audioPort(ueAnswer);
      assertThat(gatewayAccess).isBetween(accessPorts().first(), accessPorts().last());
      String answerCrypto = Sdp.cryptoLines(ueAnswer).stream().reduce((a, b) -> {
        throw new AssertionError("more than one crypto line toward the UE: " + a + " / " + b);
      }).orElseThrow();
      int tag = Sdp.cryptoTag(answerCrypto);
      assertThat(tag).isIn(3, 7);
      String suite = tag == 7 ? SUITE_80 : SUITE_32;
      String k11 = tag == 7 ? UE_KEY_80 : UE_KEY_32;
      assertThat(Sdp.cryptoSuite(answerCrypto)).isEqualTo(suite);
      String k12 = Sdp.inlineKey(answerCrypto);
      assertThat(k12).isNotIn(UE_KEY_80, UE_KEY_32);

      ueMedia.sendWith(suite, k11);
      ueMedia.receiveWith(suite, k12);
      exchangeMedia(ueMedia, gatewayAccess, farEnd, gatewayCore);

      ue.sendBye(ueDialog);
      callee.answerBye(calleeDialog);
      assertThat(SipText.status(ue.awaitFinal("BYE", pending.callId()))).isEqualTo(200);
      chain.assertNothingHeld();

      // what the gateway ran, as it saw it on Iq
      Seen accessAdd = added(Realm.ACCESS);
      assertThat(accessAdd.remote.orElseThrow()).contains("m=audio " + ueMedia.port() + " RTP/SAVP")
          .contains("a=crypto:" + tag + " " + suite + " inline:" + k11);
      Seen coreAdd = added(Realm.CORE);
      assertThat(coreAdd.local.orElseThrow()).contains("RTP/AVP").doesNotContain("crypto");
      assertThat(chain.gatewayView.seen(Kind.MODIFY).stream().flatMap(m -> m.local.stream()).toList())
          .singleElement().asString().contains("a=crypto:" + tag + " " + suite + " inline:" + k12);
      assertThat(chain.gatewayView.seen(Kind.MODIFY).stream().flatMap(m -> m.remote.stream()).toList())
          .singleElement().asString().contains("m=audio " + farEnd.port() + " RTP/AVP");
      assertReleasedOnce(accessAdd, coreAdd);
      assertMediaCounted(accessAdd, coreAdd, suite);
      assertThat(chain.pcscf.counters().gatewayContextsReserved()).isEqualTo(1);
      assertIqOnTheWire(k11, k12, gatewayAccess, gatewayCore, accessAdd, coreAdd);
    }
  }

  @ParameterizedTest(name = "the UE picks {0}")
  @ValueSource(strings = {SUITE_80, SUITE_32})
  void givenUeRegisteredWithMediasec_whenACoreUserCallsItThroughKamailioAndMediaFlows_thenRtpBecomesSrtpBothWaysAndByeFreesTheGateway(
      String picked) throws Exception {
    try (var ue = new SipUa("ueb"); var caller = new SipUa("carol"); var ueMedia = LibSrtpUe.start();
         var farEnd = new MediaPeer()) {
      registerWithMediasec(ue);

      // the core calls the UE's public identity; Kamailio finds the binding and routes along its Path
      var pending = caller.sendInvite(chain.kamailio.port(), "sip:ueb@ims.test", "core.test",
          plainRtp(farEnd.port()));
      String invite = chain.explained(() -> ue.awaitRequest("INVITE", pending.callId()));
      assertThat(SipText.firstLine(invite)).isEqualTo("INVITE " + ue.contactUri() + " SIP/2.0");
      String ueOffer = SipText.body(invite);
      assertThat(Sdp.audioProfile(ueOffer)).isEqualTo("RTP/SAVP");
      assertThat(ueOffer).contains("a=3ge2ae:applied");
      int gatewayAccess = Sdp.audioPort(ueOffer);
      assertThat(gatewayAccess).isBetween(accessPorts().first(), accessPorts().last());
      // one line per suite the policy allows (PcscfPolicy.DEFAULT: both), each with its own fresh key K21
      List<String> offered = Sdp.cryptoLines(ueOffer);
      assertThat(offered.stream().map(Sdp::cryptoSuite)).containsExactly(SUITE_80, SUITE_32);
      assertThat(offered.stream().map(Sdp::inlineKey).distinct()).hasSize(2);
      String chosen = offered.stream().filter(l -> Sdp.cryptoSuite(l).equals(picked)).findFirst().orElseThrow();
      String suite = picked;
      String k21 = Sdp.inlineKey(chosen);
      String k22 = suite.equals(SUITE_80) ? UE_KEY_80 : UE_KEY_32;

      String ueAnswer = "v=0\r\n"
          + "o=- 7 1 IN IP4 127.0.0.1\r\n"
          + "s=-\r\n"
          + "c=IN IP4 127.0.0.1\r\n"
          + "t=0 0\r\n"
          + "m=audio " + ueMedia.port() + " RTP/SAVP 8\r\n"
          + "a=rtpmap:8 PCMA/8000\r\n"
          + "a=crypto:" + Sdp.cryptoTag(chosen) + " " + suite + " inline:" + k22 + "\r\n";
      SipUa.Dialog ueDialog = ue.answer(invite, ueAnswer);
      SipUa.Dialog callerDialog = caller.awaitAnswer(pending);
      ue.awaitRequest("ACK", pending.callId());

      // the core's answer: plain RTP at the gateway's core side, no key
      assertThat(SipText.status(callerDialog.answer())).isEqualTo(200);
      String coreAnswer = callerDialog.answerSdp();
      assertThat(Sdp.audioProfile(coreAnswer)).isEqualTo("RTP/AVP");
      assertThat(coreAnswer).doesNotContain("a=crypto").doesNotContain("inline:").doesNotContain("3ge2ae");
      int gatewayCore = Sdp.audioPort(coreAnswer);
      assertThat(gatewayCore).isBetween(corePorts().first(), corePorts().last());

      ueMedia.sendWith(suite, k22);
      ueMedia.receiveWith(suite, k21);
      exchangeMedia(ueMedia, gatewayAccess, farEnd, gatewayCore);

      caller.sendBye(callerDialog);
      ue.answerBye(ueDialog);
      assertThat(SipText.status(caller.awaitFinal("BYE", pending.callId()))).isEqualTo(200);
      chain.assertNothingHeld();

      Seen coreAdd = added(Realm.CORE);
      assertThat(coreAdd.remote.orElseThrow()).contains("m=audio " + farEnd.port() + " RTP/AVP")
          .doesNotContain("crypto");
      Seen accessAdd = added(Realm.ACCESS);
      assertThat(accessAdd.local.orElseThrow()).contains("RTP/SAVP");
      assertThat(chain.gatewayView.seen(Kind.MODIFY)).singleElement().satisfies(modify -> {
        assertThat(modify.local.orElseThrow()).contains(suite + " inline:" + k21);
        assertThat(modify.remote.orElseThrow()).contains("m=audio " + ueMedia.port() + " RTP/SAVP")
            .contains(suite + " inline:" + k22);
      });
      assertReleasedOnce(accessAdd, coreAdd);
      assertMediaCounted(accessAdd, coreAdd, suite);
      assertThat(chain.pcscf.counters().gatewayContextsReserved()).isEqualTo(1);
    }
  }

  /**
   * Iq as it crossed the wire between the IMS-AGW and the P-CSCF's controller (H.248.1 text, {@code MEGACO/3}):
   * the controller's Add for each realm (the access one with the UE's key as Remote, the core one without any
   * crypto), its Modify with K12, a Subtract per termination; the gateway's replies name the very ports the SIP
   * peers saw in their SDP and carry the statistics, and never a key.
   */
  private void assertIqOnTheWire(String k11, String k12, int gatewayAccess, int gatewayCore, Seen accessAdd,
      Seen coreAdd) {
    List<String> fromController = chain.iqTap.fromServer();
    List<String> fromGateway = chain.iqTap.toServer();
    assertThat(fromController).isNotEmpty().allSatisfy(m -> assertThat(m).startsWith("MEGACO/3 <pcscf.ims.test>:2944"));
    assertThat(fromGateway).isNotEmpty().allSatisfy(m -> assertThat(m).startsWith("MEGACO/3 <agw.ims.test>:2944"));

    assertThat(fromController).anySatisfy(m -> assertThat(m).contains("Add = $").contains("ipdc/realm = \"core\"")
        .contains("RTP/AVP").doesNotContain("a=crypto"));
    assertThat(fromController).anySatisfy(m -> assertThat(m).contains("Add = $").contains("ipdc/realm = \"access\"")
        .contains("inline:" + k11));
    assertThat(fromController).anySatisfy(m -> assertThat(m).contains("Modify = " + accessAdd.termination)
        .contains("inline:" + k12));
    for (Seen added : List.of(accessAdd, coreAdd)) {
      assertThat(fromController).anySatisfy(m -> assertThat(m).contains("Subtract = " + added.termination));
    }

    assertThat(fromGateway).anySatisfy(m -> assertThat(m).contains("Add = " + accessAdd.termination)
        .contains("m=audio " + gatewayAccess + " RTP/SAVP"));
    assertThat(fromGateway).anySatisfy(m -> assertThat(m).contains("Add = " + coreAdd.termination)
        .contains("m=audio " + gatewayCore + " RTP/AVP"));
    assertThat(fromGateway).anySatisfy(m -> assertThat(m).contains("Subtract = " + accessAdd.termination)
        .contains("rtp/pr = " + (PACKETS + RTCP_REPORTS)));
    assertThat(fromGateway).noneSatisfy(m -> assertThat(m).contains("inline:"));
  }

  private void registerWithMediasec(SipUa ue) throws Exception {
    String ok = ue.register(chain.accessPort(), "ims.test", "Security-Client: sdes-srtp;mediasec",
        "Require: sec-agree", "Proxy-Require: sec-agree", "Supported: path, sec-agree");
    assertThat(SipText.firstLine(ok)).isEqualTo("SIP/2.0 200 OK");
    assertThat(SipText.values(ok, "Security-Server")).containsExactly("sdes-srtp;mediasec");
    assertThat(chain.kamailio.ulDump()).contains("Address: " + ue.contactUri())
        .contains("Path: <sip:127.0.0.1:" + chain.corePort());
  }

  /**
   * {@link #PACKETS} packets each way, one at a time: the UE's SRTP (libsrtp) arrives at the far end as the very
   * RTP it protected (payload, sequence number, timestamp, SSRC: every byte), from the gateway's core port; the far
   * end's RTP arrives at the UE as SRTP that libsrtp authenticates and decrypts to the very packet sent. Then
   * {@link #RTCP_REPORTS} sender reports each way between the RTCP ports (RTP + 1): SRTCP <-> RTCP likewise.
   */
  private static void exchangeMedia(LibSrtpUe ue, int gatewayAccess, MediaPeer farEnd, int gatewayCore)
      throws Exception {
    for (int i = 0; i < PACKETS; i++) {
      byte[] up = Rtp.packet(Rtp.PCMA, 1000 + i, 160L * i, UE_SSRC, 160);
      byte[] srtp = ue.send(gatewayAccess, up);
      assertThat(srtp.length).isGreaterThan(up.length);
      assertThat(Arrays.equals(srtp, 12, up.length, up, 12, up.length)).as("payload encrypted").isFalse();
      MediaPeer.Datagram atCore = farEnd.receive();
      assertThat(atCore.bytes()).as("RTP at the far end, packet %d", i).isEqualTo(up);
      assertThat(atCore.fromPort()).isEqualTo(gatewayCore);

      byte[] down = Rtp.packet(Rtp.PCMA, 50_000 + i, 8000L + 160L * i, CORE_SSRC, 160);
      farEnd.send(down, gatewayCore);
      LibSrtpUe.Received atUe = ue.receive(MEDIA_WAIT);
      assertThat(atUe.rtp()).as("SRTP at the UE decrypted by libsrtp, packet %d", i).isEqualTo(down);
      assertThat(atUe.fromPort()).isEqualTo(gatewayAccess);
    }
    // RTCP on the next ports (no a=rtcp, no rtcp-mux): SRTCP from libsrtp in, RTCP out, and the reverse
    for (int i = 0; i < RTCP_REPORTS; i++) {
      byte[] up = Rtp.senderReport(UE_SSRC, 0xE000_0000_0000_0000L + i, 160L * PACKETS, PACKETS, PACKETS * 160);
      byte[] srtcp = ue.sendRtcp(gatewayAccess + 1, up);
      assertThat(srtcp.length).isEqualTo(up.length + 4 + 10);   // E flag + SRTCP index, 80-bit tag
      MediaPeer.Datagram atCore = farEnd.receiveRtcp();
      assertThat(atCore.bytes()).as("RTCP at the far end, report %d", i).isEqualTo(up);
      assertThat(atCore.fromPort()).isEqualTo(gatewayCore + 1);

      byte[] down = Rtp.senderReport(CORE_SSRC, 0xE100_0000_0000_0000L + i, 8000L + 160L * PACKETS, PACKETS,
          PACKETS * 160);
      farEnd.sendRtcp(down, gatewayCore + 1);
      LibSrtpUe.Received atUe = ue.receiveRtcp(MEDIA_WAIT);
      assertThat(atUe.rtp()).as("SRTCP at the UE decrypted by libsrtp, report %d", i).isEqualTo(down);
      assertThat(atUe.fromPort()).isEqualTo(gatewayAccess + 1);
    }
  }

  private Seen added(String realm) {
    List<Seen> adds = chain.gatewayView.seen(Kind.ADD).stream().filter(s -> s.realm.equals(Optional.of(realm)))
        .toList();
    assertThat(adds).as("Add commands in realm %s", realm).singleElement()
        .satisfies(add -> assertThat(add.outcome).isEqualTo("ok"));
    return adds.get(0);
  }

  /** Both terminations subtracted exactly once, in the context they were added to, and nothing else subtracted. */
  private void assertReleasedOnce(Seen... added) {
    List<Seen> subtracts = chain.gatewayView.seen(Kind.SUBTRACT);
    assertThat(subtracts).allSatisfy(s -> assertThat(s.outcome).isEqualTo("ok"));
    assertThat(subtracts.stream().map(s -> s.termination).toList())
        .containsExactlyInAnyOrder(Arrays.stream(added).map(a -> a.termination).toArray(String[]::new));
    assertThat(subtracts.stream().map(s -> s.context).distinct().toList())
        .containsExactly(added[0].replyContext);
  }

  /**
   * The statistics the gateway returned on Subtract count exactly the media of {@link #exchangeMedia}. Octets
   * (H.248.1 E.9 nt/or, nt/os) are every datagram of the termination: on the access side {@link #PACKETS} SRTP
   * packets (172-byte RTP + the suite's tag) and {@link #RTCP_REPORTS} SRTCP reports (28 bytes + E/index + 80-bit
   * tag) each way, on the core side the same as plain RTP/RTCP. Packets (E.12 rtp/pr, rtp/ps): the relay counts
   * every datagram of the termination there too, RTCP included.
   */
  private void assertMediaCounted(Seen accessAdd, Seen coreAdd, String suite) {
    int tag = suite.equals(SUITE_80) ? 10 : 4;
    long srtpOctets = PACKETS * (172L + tag) + RTCP_REPORTS * (28L + 4 + 10);
    long plainOctets = PACKETS * 172L + RTCP_REPORTS * 28L;
    var access = subtractOf(accessAdd).statistics.orElseThrow();
    assertThat(access.counter("nt/or")).hasValue(srtpOctets);
    assertThat(access.counter("nt/os")).hasValue(srtpOctets);
    assertThat(access.counter("rtp/pr")).hasValue(PACKETS + RTCP_REPORTS);
    assertThat(access.counter("rtp/ps")).hasValue(PACKETS + RTCP_REPORTS);
    var core = subtractOf(coreAdd).statistics.orElseThrow();
    assertThat(core.counter("nt/or")).hasValue(plainOctets);
    assertThat(core.counter("nt/os")).hasValue(plainOctets);
    assertThat(core.counter("rtp/pr")).hasValue(PACKETS + RTCP_REPORTS);
    assertThat(core.counter("rtp/ps")).hasValue(PACKETS + RTCP_REPORTS);
  }

  private Seen subtractOf(Seen add) {
    return chain.gatewayView.seen(Kind.SUBTRACT).stream().filter(s -> s.termination.equals(add.termination))
        .findFirst().orElseThrow(() -> new AssertionError("no Subtract of " + add));
  }

  private ims.media.relay.PortRange accessPorts() {
    return chain.relay.config().realm(Realm.ACCESS).ports();
  }

  private ims.media.relay.PortRange corePorts() {
    return chain.relay.config().realm(Realm.CORE).ports();
  }
}
