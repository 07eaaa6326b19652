package ims.integration;

import static org.assertj.core.api.Assertions.assertThat;

import ims.integration.GatewayView.Kind;
import ims.media.relay.Realm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several e2ae calls up at the same time through the same P-CSCF, Kamailio and gateway, each UE with its own key
 * and libsrtp process: media of each call reaches only its own far end and its own UE (no cross-talk between
 * contexts, each packet byte-identical), every port of the relay's range is in use while they last, and after
 * the BYEs nothing is held.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ConcurrentE2aeCallsTest extends ChainTest {
  private static final int CALLS = 6;
  private static final int ROUNDS = 10;
  private static final String SUITE = E2aeCallTest.SUITE_80;

  private final List<AutoCloseable> peers = new ArrayList<>();

  @Override
  int gatewayPortPairs() {
    return CALLS;
  }

  @AfterEach
  void closePeers() throws Exception {
    for (AutoCloseable peer : peers) {
      peer.close();
    }
  }

  /** One call's peers and what each side learned from its SDP. */
  private record Call(SipUa ue, SipUa callee, LibSrtpUe ueMedia, MediaPeer farEnd, SipUa.Dialog ueDialog,
      SipUa.Dialog calleeDialog, int gatewayAccess, int gatewayCore, int ssrc) {}

  private <T extends AutoCloseable> T peer(T p) {
    peers.add(p);
    return p;
  }

  @Test
  void givenSeveralE2aeCallsUpAtOnce_whenMediaFlowsInAllOfThem_thenEachPacketReachesOnlyItsOwnPeerAndTheByesFreeEverything()
      throws Exception {
    List<Call> calls = new ArrayList<>();
    for (int n = 0; n < CALLS; n++) {
      SipUa ue = peer(new SipUa("ue" + n));
      SipUa callee = peer(new SipUa("callee" + n));
      LibSrtpUe ueMedia = peer(LibSrtpUe.start());
      MediaPeer farEnd = peer(new MediaPeer());
      String ok = ue.register(chain.accessPort(), "ims.test", "Security-Client: sdes-srtp;mediasec");
      assertThat(SipText.values(ok, "Security-Server")).containsExactly("sdes-srtp;mediasec");
      assertThat(SipText.status(callee.register(chain.kamailio.port(), "ims.test"))).isEqualTo(200);

      var pending = ue.sendInvite(chain.accessPort(), "sip:callee" + n + "@ims.test", "ims.test",
          E2aeCallTest.ueOffer(ueMedia.port()));
      String invite = chain.explained(() -> callee.awaitRequest("INVITE", pending.callId()));
      SipUa.Dialog calleeDialog = callee.answer(invite, E2aeCallTest.plainRtp(farEnd.port()));
      SipUa.Dialog ueDialog = ue.awaitAnswer(pending);
      callee.awaitRequest("ACK", pending.callId());
      String crypto = Sdp.cryptoLines(ueDialog.answerSdp()).get(0);
      assertThat(crypto).startsWith("a=crypto:7 " + SUITE);
      ueMedia.sendWith(SUITE, E2aeCallTest.UE_KEY_80);
      ueMedia.receiveWith(SUITE, Sdp.inlineKey(crypto));
      calls.add(new Call(ue, callee, ueMedia, farEnd, ueDialog, calleeDialog, Sdp.audioPort(ueDialog.answerSdp()),
          Sdp.audioPort(SipText.body(invite)), 0x7000_0000 + n));
    }
    assertThat(calls.stream().map(Call::gatewayAccess).distinct()).hasSize(CALLS);
    assertThat(chain.relay.pool(Realm.ACCESS).inUse()).isEqualTo(CALLS);
    assertThat(chain.relay.pool(Realm.CORE).inUse()).isEqualTo(CALLS);
    // all K12s differ although every UE used the same K11
    assertThat(calls.stream().map(c -> Sdp.cryptoLines(c.ueDialog().answerSdp()).get(0)).distinct()).hasSize(CALLS);

    for (int round = 0; round < ROUNDS; round++) {
      for (Call c : calls) {   // every UE sends before any far end reads: the packets are in flight together
        c.ueMedia().send(c.gatewayAccess(), Rtp.packet(Rtp.PCMA, round, 160L * round, c.ssrc(), 160));
      }
      for (Call c : calls) {
        byte[] expected = Rtp.packet(Rtp.PCMA, round, 160L * round, c.ssrc(), 160);
        assertThat(c.farEnd().receive().bytes()).as("round %d at far end of %s", round, c.ue().user())
            .isEqualTo(expected);
        c.farEnd().send(Rtp.packet(Rtp.PCMA, round, 160L * round, ~c.ssrc(), 160), c.gatewayCore());
      }
      for (Call c : calls) {
        assertThat(c.ueMedia().receive(Duration.ofSeconds(5)).rtp()).as("round %d at %s", round, c.ue().user())
            .isEqualTo(Rtp.packet(Rtp.PCMA, round, 160L * round, ~c.ssrc(), 160));
      }
    }

    for (Call c : calls) {
      c.ue().sendBye(c.ueDialog());
      c.callee().answerBye(c.calleeDialog());
      assertThat(SipText.status(c.ue().awaitFinal("BYE", c.ueDialog().callId()))).isEqualTo(200);
    }
    chain.assertNothingHeld();
    assertThat(chain.pcscf.counters().gatewayContextsReserved()).isEqualTo(CALLS);
    assertThat(chain.gatewayView.seen(Kind.SUBTRACT)).hasSize(2 * CALLS)
        .allSatisfy(s -> assertThat(s.outcome).isEqualTo("ok"));
  }
}
