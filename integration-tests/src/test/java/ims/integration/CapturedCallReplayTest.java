package ims.integration;

import static org.assertj.core.api.Assertions.assertThat;

import ims.integration.GatewayView.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real SRTP capture through the whole chain: a UE registered with mediasec sets up an e2ae call through the
 * P-CSCF and Kamailio whose SDES key is the capture's key, then the capture's 11,888 SRTP packets
 * ({@code marseillaise-srtp.pcap}, PCMA, SSRC 0xdeadbeef, AES_CM_128_HMAC_SHA1_80) are sent from the UE's media
 * address to the gateway access port its answer named. Every packet must reach the far end as the plain RTP
 * that libsrtp makes of it.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CapturedCallReplayTest extends ChainTest {
  /** The capture's SDES key, from the README beside it (/work/shared/reference/srtp-captures). */
  private static final String CAPTURE_KEY = "aSBrbm93IGFsbCB5b3VyIGxpdHRsZSBzZWNyZXRz";
  private static final String SUITE = "AES_CM_128_HMAC_SHA1_80";
  private static final String SHA256 = "1351aaca0b0ebf974d464a1bb822cfa24ac877c1425dcb7ca39611f05a1f5f6a";
  private static final int PACKETS = 11_888;
  /** Packets in flight: fewer than the gateway's bounded socket queue holds (RelayConfig.socketReceiveBuffer). */
  private static final int WINDOW = 16;

  /**
   * The capture: the shared reference copy beside the checkout when there is one, else the copy the repository
   * keeps for imsagw-media; either way it must be the published file (SHA-256).
   */
  static byte[] capture() throws Exception {
    Path checkout = LibSrtpUe.buildDirectory().getParent().getParent();
    Path shared = checkout.getParent().resolve("shared/reference/srtp-captures/marseillaise-srtp.pcap");
    Path kept = checkout.resolve("imsagw-media/src/test/resources/interop/marseillaise-srtp.pcap");
    byte[] pcap = Files.readAllBytes(Files.isRegularFile(shared) ? shared : kept);
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pcap))).isEqualTo(SHA256);
    return pcap;
  }

  @Test
  void givenACallKeyedWithTheCapturesKey_whenTheCaptureIsReplayedToTheGatewayAccessPort_thenTheFarEndGetsEveryPacketAsLibsrtpDecryptsIt()
      throws Exception {
    List<byte[]> srtp = ClassicPcap.udpPayloads(capture());
    assertThat(srtp).hasSize(PACKETS);

    try (var ue = new SipUa("marseille"); var callee = new SipUa("bob"); var replayer = new MediaPeer();
         var farEnd = new MediaPeer(); var libsrtp = LibSrtpUe.start()) {
      // what libsrtp makes of every captured packet: the expected plain RTP
      libsrtp.receiveWith(SUITE, CAPTURE_KEY);
      List<byte[]> expected = new ArrayList<>(PACKETS);
      for (byte[] packet : srtp) {
        expected.add(libsrtp.unprotect(packet));
      }

      String ok = ue.register(chain.accessPort(), "ims.test", "Security-Client: sdes-srtp;mediasec");
      assertThat(SipText.values(ok, "Security-Server")).containsExactly("sdes-srtp;mediasec");
      assertThat(SipText.status(callee.register(chain.kamailio.port(), "ims.test"))).isEqualTo(200);

      String offer = "v=0\r\n"
          + "o=- 1 1 IN IP4 127.0.0.1\r\n"
          + "s=-\r\n"
          + "c=IN IP4 127.0.0.1\r\n"
          + "t=0 0\r\n"
          + "m=audio " + replayer.port() + " RTP/SAVP 8\r\n"
          + "a=rtpmap:8 PCMA/8000\r\n"
          + "a=crypto:1 " + SUITE + " inline:" + CAPTURE_KEY + "\r\n"
          + "a=3ge2ae:requested\r\n";
      var pending = ue.sendInvite(chain.accessPort(), "sip:bob@ims.test", "ims.test", offer);
      String invite = chain.explained(() -> callee.awaitRequest("INVITE", pending.callId()));
      int gatewayCore = Sdp.audioPort(SipText.body(invite));
      SipUa.Dialog calleeDialog = callee.answer(invite, E2aeCallTest.plainRtp(farEnd.port()));
      SipUa.Dialog ueDialog = ue.awaitAnswer(pending);
      callee.awaitRequest("ACK", pending.callId());
      int gatewayAccess = Sdp.audioPort(ueDialog.answerSdp());

      int received = 0;
      for (int start = 0; start < PACKETS; start += WINDOW) {
        int end = Math.min(PACKETS, start + WINDOW);
        for (int i = start; i < end; i++) {
          replayer.send(srtp.get(i), gatewayAccess);
        }
        for (int i = start; i < end; i++) {
          MediaPeer.Datagram rtp = farEnd.receive();
          assertThat(rtp.fromPort()).isEqualTo(gatewayCore);
          assertThat(rtp.bytes()).as("packet %d as libsrtp decrypts it", i).isEqualTo(expected.get(i));
          assertThat(Rtp.ssrc(rtp.bytes())).isEqualTo(0xdeadbeef);
          received++;
        }
      }
      assertThat(received).isEqualTo(PACKETS);

      ue.sendBye(ueDialog);
      callee.answerBye(calleeDialog);
      assertThat(SipText.status(ue.awaitFinal("BYE", pending.callId()))).isEqualTo(200);
      chain.assertNothingHeld();

      var accessAdd = chain.gatewayView.seen(Kind.ADD).stream()
          .filter(s -> s.realm.equals(Optional.of("access"))).findFirst().orElseThrow();
      assertThat(accessAdd.remote.orElseThrow()).contains("a=crypto:1 " + SUITE + " inline:" + CAPTURE_KEY);
      var accessStatistics = chain.gatewayView.seen(Kind.SUBTRACT).stream()
          .filter(s -> s.termination.equals(accessAdd.termination)).findFirst().orElseThrow().statistics.orElseThrow();
      assertThat(accessStatistics.counter("rtp/pr")).hasValue(PACKETS);
      assertThat(accessStatistics.counter("nt/or")).hasValue(srtp.stream().mapToLong(p -> p.length).sum());
      assertThat(chain.gatewayView.seen(Kind.SUBTRACT)).hasSize(2).allSatisfy(s -> assertThat(s.outcome).isEqualTo("ok"));
    }
  }
}
