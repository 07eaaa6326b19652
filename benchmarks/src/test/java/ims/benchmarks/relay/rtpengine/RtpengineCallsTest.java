package ims.benchmarks.relay.rtpengine;

import static ims.benchmarks.relay.rtpengine.FakeNgServer.cookie;
import static ims.benchmarks.relay.rtpengine.FakeNgServer.reply;
import static ims.benchmarks.relay.rtpengine.FakeNgServer.replyBytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver against a fake ng server that answers with rtpengine 10.5's own replies (captured on loopback, see the
 * test resources' README): what it asks rtpengine for, and the ports file it writes from the answers.
 */
@Timeout(30)
class RtpengineCallsTest {
  private static final String UE_KEY = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d";
  /** The key in the captured answer, decoded with coreutils' base64 -d. */
  private static final String RTPENGINE_KEY = "07c9b35833f0104a1a6523651a04d28e1a5334db1ff82226873e3a41dec0";

  /** A captured reply without its cookie. */
  private static byte[] capturedBody(String name) throws IOException {
    try (InputStream in = RtpengineCallsTest.class.getResourceAsStream("rtpengine-10.5-" + name + "-reply.hex")) {
      byte[] datagram = HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
      int space = 0;
      while (datagram[space] != ' ') {
        space++;
      }
      return Arrays.copyOfRange(datagram, space + 1, datagram.length);
    }
  }

  /** Answers ping, offer, answer and delete as rtpengine did; records the decoded requests. */
  private static FakeNgServer rtpengineLike(List<BDict> requests) throws Exception {
    byte[] offer = capturedBody("offer");
    byte[] answer = capturedBody("answer");
    byte[] delete = capturedBody("delete");
    return new FakeNgServer((n, d) -> {
      BDict request;
      try {
        int space = cookie(d).length();
        request = (BDict) Bencode.decode(d, space + 1, d.length);
      } catch (BencodeException e) {
        return List.of(reply(cookie(d), "d6:result5:error12:error-reason9:malformede"));
      }
      synchronized (requests) {
        requests.add(request);
      }
      byte[] body = switch (request.text("command").orElse("")) {
        case "ping" -> "d6:result4:ponge".getBytes(StandardCharsets.US_ASCII);
        case "offer" -> offer;
        case "answer" -> answer;
        case "delete" -> delete;
        default -> "d6:result5:error12:error-reason7:unknowne".getBytes(StandardCharsets.US_ASCII);
      };
      return List.of(replyBytes(cookie(d), body));
    });
  }

  private static Path writePlan(Path dir, int calls) throws IOException {
    var lines = new ArrayList<>(List.of("ims-relay-load-plan 1", "calls " + calls, "ue_sinks 2 40001 40002",
        "core_sinks 2 40011 40012"));
    for (int i = 0; i < calls; i++) {
      lines.add("key " + i + " " + UE_KEY + " " + "ab".repeat(30));
    }
    return Files.write(dir.resolve("plan"), lines);
  }

  @Test
  void offersSrtpFromTheUeAndAnswersRtpFromTheCoreThenWritesPortsAndRtpenginesKey(@TempDir Path dir)
      throws Exception {
    List<BDict> requests = new ArrayList<>();
    Path ports = dir.resolve("ports");
    try (var server = rtpengineLike(requests)) {
      long pid = ProcessHandle.current().pid();
      RtpengineCalls.main(new String[] {"-plan", writePlan(dir, 2).toString(), "-ports", ports.toString(),
          "-ng", "127.0.0.1:" + server.address().getPort(), "-pid", Long.toString(pid), "-timeout-ms", "500"});

      List<String> lines = Files.readAllLines(ports);
      assertThat(lines).hasSize(6);
      assertThat(lines.get(0)).isEqualTo("ims-relay-load-ports 1");
      assertThat(lines.get(1)).isEqualTo("pid " + pid);
      assertThat(lines.get(2)).startsWith("impl rtpengine ");
      assertThat(lines.get(3)).isEqualTo("calls 2");
      // rtpengine's access port (its answer toward the UE), core port (its offer toward the core), its key
      assertThat(lines.get(4)).isEqualTo("port 0 30016 30000 " + RTPENGINE_KEY);
      assertThat(lines.get(5)).isEqualTo("port 1 30016 30000 " + RTPENGINE_KEY);
      assertThat(Files.exists(dir.resolve("ports.tmp"))).isFalse();
    }

    assertThat(requests).extracting(r -> r.text("command").orElseThrow())
        .containsExactly("ping", "offer", "answer", "offer", "answer");
    BDict offer = requests.get(3);
    assertThat(offer.text("transport-protocol")).contains("RTP/AVP");
    assertThat(offer.text("ICE")).contains("remove");
    assertThat(offer.text("DTLS")).contains("off");
    assertThat(offer.get("replace")).contains(BList.ofStrings("origin", "session-connection"));
    assertThat(offer.text("from-tag")).contains("ue-1");
    assertThat(offer.text("sdp").orElseThrow()).contains("m=audio 40002 RTP/SAVP 0 8",
        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd");
    BDict answer = requests.get(4);
    assertThat(answer.text("call-id")).isEqualTo(offer.text("call-id"));
    assertThat(answer.text("from-tag")).contains("ue-1");
    assertThat(answer.text("to-tag")).contains("core-1");
    assertThat(answer.text("transport-protocol")).contains("RTP/SAVP");
    assertThat(answer.text("sdp").orElseThrow()).contains("m=audio 40012 RTP/AVP 0 8").doesNotContain("crypto");
    assertThat(requests.get(1).text("call-id")).isNotEqualTo(offer.text("call-id"));
  }

  @Test
  void deletesEveryCallAndCountsTheRefused() throws Exception {
    List<BDict> requests = new ArrayList<>();
    try (var server = rtpengineLike(requests);
        var ng = NgClient.connect(server.address(), Duration.ofMillis(500), 1)) {
      var driver = new RtpengineCalls(ng);
      assertThat(driver.deleteAll(3)).isZero();   // rtpengine answers ok (with a warning) even for unknown calls
    }
    assertThat(requests).extracting(r -> r.text("command").orElseThrow()).containsOnly("delete").hasSize(3);
    assertThat(requests).extracting(r -> r.text("from-tag").orElseThrow()).containsExactly("ue-0", "ue-1", "ue-2");

    try (var refusing = new FakeNgServer((n, d) -> List.of(reply(cookie(d),
            "d6:result5:error12:error-reason7:refusede")));
        var ng = NgClient.connect(refusing.address(), Duration.ofMillis(500), 1)) {
      assertThat(new RtpengineCalls(ng).deleteAll(2)).isEqualTo(2);
    }
  }

  @Test
  void keepsTheKeyOutOfToStringAndWipesItOnClose() {
    byte[] key = HexFormat.of().parseHex(RTPENGINE_KEY);
    var call = new RelayedCall(30016, 30000, key);
    key[0] = 0;
    assertThat(call.portsLine(7)).isEqualTo("port 7 30016 30000 " + RTPENGINE_KEY);
    assertThat(call.toString()).doesNotContain(RTPENGINE_KEY.substring(0, 8));
    call.close();
    assertThat(call.portsLine(7)).isEqualTo("port 7 30016 30000 " + "00".repeat(30));
  }
}
