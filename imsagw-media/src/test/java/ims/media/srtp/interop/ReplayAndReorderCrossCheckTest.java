package ims.media.srtp.interop;

import static ims.media.srtp.interop.SrtpCrossCheckTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import ims.media.srtp.SrtpProfile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The receive side under a hostile network, against libsrtp 2.5: the same delivery schedule (reordered across
 * the SEQ rollover, duplicated, some packets held back until they are older than the replay window) goes to
 * both receivers, which must give the same verdict for every delivery; and the edge of the window is compared
 * index by index. Window sizes are multiples of 32: libsrtp rounds its window bit vector up to one (a WSH of 1000
 * behaves as 1024 there), which is libsrtp's own choice, not RFC 4568's.
 */
@Timeout(30)
class ReplayAndReorderCrossCheckTest {

  private static final int SSRC = 0x0dd5eed0;

  @ParameterizedTest
  @CsvSource({"AES_CM_128_HMAC_SHA1_80, 128", "AES_256_CM_HMAC_SHA1_32, 64", "AEAD_AES_128_GCM, 128",
      "NULL_HMAC_SHA1_80, 256"})
  void givenReorderedDuplicatedAndLateDeliveries_whenBothUnprotect_thenVerdictsAgreeForEveryDelivery(
      SrtpProfile profile, int window) throws IOException {
    var random = new Packets(profile.ordinal() * 1009L + window);
    byte[] key = SrtpCrossCheckTest.keyFor(profile, random);
    List<LibSrtpPeer.Key> keys = List.of(LibSrtpPeer.Key.of(key));
    try (LibSrtpPeer peer = LibSrtpPeer.start();
        JavaSrtpStream java = JavaSrtpStream.open(profile, SSRC, window, 0, keys)) {
      LibSrtpStream libsrtp = LibSrtpStream.open(peer, 0, profile, SSRC, window, 0, keys);
      libsrtp.setRoc(5);
      java.setRoc(5);
      List<byte[]> plain = new ArrayList<>();
      List<byte[]> sent = new ArrayList<>();
      for (int i = 0; i < 420; i++) { // SEQ 65400 .. 284 of the next ROC
        byte[] rtp = random.g711(SSRC, (65_400 + i) & 0xffff);
        plain.add(rtp);
        sent.add(libsrtp.protect(rtp).bytes());
      }
      List<Integer> schedule = schedule(sent.size(), random);
      var accepted = new HashSet<Integer>();
      var verdicts = new ArrayList<String>();
      for (int d = 0; d < schedule.size(); d++) {
        int n = schedule.get(d);
        JavaSrtpStream.Result javaResult = java.unprotect(sent.get(n));
        JavaSrtpStream.Result libsrtpResult = libsrtp.unprotect(sent.get(n));

        assertThat(javaResult.verdict()).as("delivery %d (packet %d, SEQ %d): java %s, libsrtp %s", d, n,
            (65_400 + n) & 0xffff, javaResult, libsrtpResult).isEqualTo(libsrtpResult.verdict());
        if (javaResult.accepted()) {
          assertThat(accepted.add(n)).as("packet %d accepted twice", n).isTrue();
          assertThat(hex(javaResult.bytes())).isEqualTo(hex(plain.get(n)));
          assertThat(hex(libsrtpResult.bytes())).isEqualTo(hex(plain.get(n)));
        }
        verdicts.add(javaResult.verdict().name());
      }
      assertThat(verdicts).as("the schedule exercises every case").contains("ACCEPTED", "REPLAY_FAIL",
          "REPLAY_OLD");
      assertThat(java.receive().rolloverCounter()).isEqualTo(6);
      assertThat(libsrtp.receiverRoc()).isEqualTo(6);
    }
  }

  @ParameterizedTest
  @CsvSource({"AES_CM_128_HMAC_SHA1_80, 64", "AES_CM_128_HMAC_SHA1_80, 128", "AEAD_AES_256_GCM, 256"})
  void givenHighestIndexH_whenIndicesAroundHMinusWindowArrive_thenBothDrawTheWindowEdgeAtTheSameIndex(
      SrtpProfile profile, int window) throws IOException {
    var random = new Packets(window);
    byte[] key = SrtpCrossCheckTest.keyFor(profile, random);
    List<LibSrtpPeer.Key> keys = List.of(LibSrtpPeer.Key.of(key));
    try (LibSrtpPeer peer = LibSrtpPeer.start();
        JavaSrtpStream java = JavaSrtpStream.open(profile, SSRC, window, 0, keys)) {
      LibSrtpStream libsrtp = LibSrtpStream.open(peer, 0, profile, SSRC, window, 0, keys);
      int highest = 5000;
      var packets = new ArrayList<byte[]>();
      for (int seq = highest - window - 3; seq <= highest; seq++) {
        packets.add(libsrtp.protect(random.g711(SSRC, seq)).bytes());
      }
      int first = highest - window - 3;
      byte[] top = packets.getLast();
      assertThat(java.unprotect(top).accepted()).isTrue();
      assertThat(libsrtp.unprotect(top).accepted()).isTrue();
      for (int seq = highest - window - 2; seq <= highest - window + 2; seq++) {
        byte[] p = packets.get(seq - first);

        JavaSrtpStream.Result javaResult = java.unprotect(p);
        JavaSrtpStream.Result libsrtpResult = libsrtp.unprotect(p);

        assertThat(javaResult.verdict()).as("window %d, SEQ H%+d: java %s, libsrtp %s", window, seq - highest,
            javaResult, libsrtpResult).isEqualTo(libsrtpResult.verdict());
      }
      // RFC 3711 3.3.2 with libsrtp's reading: the window holds H-W+1 .. H
      assertThat(java.unprotect(packets.get(highest - window + 1 - first)).verdict())
          .isEqualTo(Verdict.REPLAY_FAIL); // accepted just above, now a replay
      assertThat(java.unprotect(packets.get(highest - window - first)).verdict()).isEqualTo(Verdict.REPLAY_OLD);
    }
  }

  /**
   * Delivery order over packets 0..n-1: mostly in order, neighbours swapped up to 20 apart, about 8% of
   * deliveries repeated later, and a few early packets held back to the very end, when they are older than the
   * window.
   */
  static List<Integer> schedule(int n, Packets random) {
    var order = new ArrayList<Integer>();
    for (int i = 0; i < n; i++) order.add(i);
    for (int i = 0; i < n; i++) {
      int j = Math.min(n - 1, i + random.nextInt(20));
      if (random.nextInt(3) == 0) java.util.Collections.swap(order, i, j);
    }
    Set<Integer> late = new HashSet<>();
    for (int k = 0; k < 4; k++) late.add(10 + random.nextInt(n / 8));
    var schedule = new ArrayList<Integer>();
    for (int i = 0; i < order.size(); i++) {
      int packet = order.get(i);
      if (!late.contains(packet)) schedule.add(packet);
      if (random.nextInt(12) == 0 && !schedule.isEmpty()) {
        schedule.add(schedule.get(Math.max(0, schedule.size() - 1 - random.nextInt(30)))); // duplicate
      }
    }
    schedule.addAll(late); // by now more than n / 2 newer packets are in, more than any window used here
    return schedule;
  }
}
