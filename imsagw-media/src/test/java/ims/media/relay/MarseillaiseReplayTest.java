package ims.media.relay;

import static ims.media.relay.RelayFixture.added;
import static org.assertj.core.api.Assertions.assertThat;

import ims.media.srtp.MasterKey;
import ims.media.srtp.SrtpParameters;
import ims.media.srtp.SrtpProfile;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Replays the real SRTP capture of the design notes ({@code marseillaise-srtp.pcap}: 11,888 packets, PCMA, SSRC
 * 0xdeadbeef, AES_CM_128_HMAC_SHA1_80) into the access port: every packet must come out on the core side as RTP.
 */
@Timeout(120)
class MarseillaiseReplayTest {
  private static final String KEY = "aSBrbm93IGFsbCB5b3VyIGxpdHRsZSBzZWNyZXRz";
  private static final int PACKETS = 11_888;
  /**
   * Packets sent back to back before the test waits for them: fewer than the access socket's bounded queue holds
   * ({@link RelayConfig#DEFAULT_SOCKET_RECEIVE_BUFFER}, about 40 voice datagrams), so a loop that is briefly not
   * scheduled loses nothing (a real UE sends one packet per 20 ms).
   */
  private static final int WINDOW = 16;

  /** UDP payloads of a classic pcap with Ethernet framing and IPv4 (the capture's format). */
  static List<byte[]> udpPayloads(byte[] pcap) {
    ByteBuffer b = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getInt(0)).isEqualTo(0xa1b2c3d4);                  // microsecond pcap, little-endian
    assertThat(b.getInt(20)).isEqualTo(1);                           // LINKTYPE_ETHERNET
    List<byte[]> out = new ArrayList<>();
    int at = 24;
    while (at + 16 <= pcap.length) {
      int captured = b.getInt(at + 8);
      int frame = at + 16;
      at = frame + captured;
      ByteBuffer f = ByteBuffer.wrap(pcap, frame, captured).order(ByteOrder.BIG_ENDIAN);
      if (captured < 42 || f.getShort(frame + 12) != 0x0800 || (pcap[frame + 23] & 0xff) != 17) {
        continue;
      }
      int ip = frame + 14;
      int udp = ip + 4 * (pcap[ip] & 0x0f);
      int udpLength = f.getShort(udp + 4) & 0xffff;
      out.add(Arrays.copyOfRange(pcap, udp + 8, udp + udpLength));
    }
    return out;
  }

  @Test
  void givenTheCaptureReplayedIntoTheAccessPort_whenRelayed_thenTheCoreGetsEveryPacketAsRtp() throws Exception {
    byte[] pcap;
    try (InputStream in = getClass().getResourceAsStream("/interop/marseillaise-srtp.pcap")) {
      pcap = in.readAllBytes();
    }
    List<byte[]> srtp = udpPayloads(pcap);
    assertThat(srtp).hasSize(PACKETS);
    byte[] keySalt = Base64.getDecoder().decode(KEY);
    SrtpParameters ueKey = SrtpParameters.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80,
        MasterKey.fromKeySalt(keySalt, 16, new byte[0], MasterKey.DEFAULT_LIFETIME));
    Arrays.fill(keySalt, (byte) 0);

    try (var relay = MediaRelay.start(RelayFixture.config(2, true)); var ue = new Peer(); var core = new Peer()) {
      RelayContext context = relay.newContext();
      RelayTermination access = added(context.add(Realm.ACCESS, TerminationSettings.plain()
          .withRemote(ue.address()).withKeys(Optional.of(ueKey), Optional.empty())));
      added(context.add(Realm.CORE, TerminationSettings.plain().withRemote(core.address())));

      int received = 0;
      for (int start = 0; start < PACKETS; start += WINDOW) {
        int end = Math.min(PACKETS, start + WINDOW);
        for (int i = start; i < end; i++) {
          ue.send(srtp.get(i), access.localRtp());
        }
        for (int i = start; i < end; i++) {
          byte[] rtp = core.receive();
          byte[] in = srtp.get(i);
          assertThat(rtp).hasSize(in.length - 10);                   // the 80-bit tag is gone
          assertThat(Arrays.copyOf(rtp, 12)).isEqualTo(Arrays.copyOf(in, 12));   // seq, timestamp, SSRC kept
          assertThat(ByteBuffer.wrap(rtp).getInt(8)).isEqualTo(0xdeadbeef);
          assertThat(Arrays.equals(rtp, 12, rtp.length, in, 12, rtp.length)).isFalse();   // payload was decrypted
          received++;
        }
      }
      assertThat(received).isEqualTo(PACKETS);
      TerminationStatistics s = RelayFixture.await(access.statistics());
      assertThat(s.packetsIn()).isEqualTo(PACKETS);
      assertThat(s.discardedTotal()).isZero();
    }
  }
}
