package ims.benchmarks.relay.rtpengine;

import static ims.benchmarks.relay.rtpengine.FakeNgServer.cookie;
import static ims.benchmarks.relay.rtpengine.FakeNgServer.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class NgClientTest {
  private static final Duration TIMEOUT = Duration.ofMillis(300);

  private static String text(byte[] datagram) {
    return new String(datagram, StandardCharsets.ISO_8859_1);
  }

  @Test
  void sendsCookieSpaceDictionaryAndAcceptsTheReplyWithThatCookie() throws Exception {
    // the documented exchange: "5323_1 d7:command4:pinge" answered "5323_1 d6:result4:ponge"
    try (var server = new FakeNgServer((n, d) -> List.of(reply(cookie(d), "d6:result4:ponge")));
        var client = NgClient.connect(server.address(), TIMEOUT, 1)) {
      client.ping();
      String request = text(server.nextRequest());
      assertThat(request).matches("[0-9a-f]{8}_1 d7:command4:pinge");
      assertThat(client.localAddress().getAddress().isLoopbackAddress()).isTrue();
    }
  }

  @Test
  void usesANewCookieForEachRequest() throws Exception {
    try (var server = new FakeNgServer((n, d) -> List.of(reply(cookie(d), "d6:result4:ponge")));
        var client = NgClient.connect(server.address(), TIMEOUT, 1)) {
      client.ping();
      client.ping();
      String first = cookie(server.nextRequest());
      String second = cookie(server.nextRequest());
      assertThat(first).endsWith("_1");
      assertThat(second).isEqualTo(first.substring(0, first.length() - 1) + "2");
    }
  }

  @Test
  void skipsRepliesCarryingAnotherCookie() throws Exception {
    try (var server = new FakeNgServer((n, d) -> List.of(
            reply(cookie(d) + "0", "d6:result5:error12:error-reason5:stalee"),   // e.g. "abc_10" for "abc_1"
            reply("other_1", "d6:result5:errore"),
            reply(cookie(d), "d6:result2:ok7:warning4:latee")));
        var client = NgClient.connect(server.address(), TIMEOUT, 1)) {
      BDict reply = client.call(BDict.builder().put("command", "query").put("call-id", "c").build());
      assertThat(reply.text("warning")).contains("late");
      assertThat(client.skippedReplies()).isEqualTo(2);
    }
  }

  @Test
  void sendsTheSameDatagramAgainWhenNoReplyCame() throws Exception {
    try (var server = new FakeNgServer((n, d) -> n < 3 ? List.of() : List.of(reply(cookie(d), "d6:result4:ponge")));
        var client = NgClient.connect(server.address(), Duration.ofMillis(100), 3)) {
      client.ping();
      byte[] first = server.nextRequest();
      assertThat(server.nextRequest()).isEqualTo(first);
      assertThat(server.nextRequest()).isEqualTo(first);
    }
  }

  @Test
  void failsWithTimeoutAfterTheLastAttempt() throws Exception {
    try (var server = new FakeNgServer((n, d) -> List.of());
        var client = NgClient.connect(server.address(), Duration.ofMillis(100), 2)) {
      long t0 = System.nanoTime();
      assertThatThrownBy(client::ping).isInstanceOfSatisfying(NgException.class,
          e -> assertThat(e.kind()).isEqualTo(NgException.Kind.TIMEOUT)).hasMessageContaining("'ping'");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
      server.nextRequest();
      server.nextRequest();
      assertThat(server.requestsSoFar()).isZero();
    }
  }

  @Test
  void failsWithTimeoutWhenNobodyListens() throws Exception {
    InetSocketAddress closed;
    try (var s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      closed = (InetSocketAddress) s.getLocalSocketAddress();
    }
    try (var client = NgClient.connect(closed, Duration.ofMillis(100), 2)) {
      assertThatThrownBy(client::ping).isInstanceOfSatisfying(NgException.class,
          e -> assertThat(e.kind()).isEqualTo(NgException.Kind.TIMEOUT));
    }
  }

  @Test
  void turnsAnErrorResultIntoErrorReplyWithRtpenginesReason() throws Exception {
    try (var server = new FakeNgServer((n, d) -> List.of(
            reply(cookie(d), "d6:result5:error12:error-reason15:Unknown call-ide")));
        var client = NgClient.connect(server.address(), TIMEOUT, 1)) {
      BDict delete = BDict.builder().put("command", "delete").put("call-id", "x").put("from-tag", "y").build();
      assertThat(client.request(delete).text("result")).contains("error");
      assertThatThrownBy(() -> client.call(delete)).isInstanceOfSatisfying(NgException.class,
          e -> assertThat(e.kind()).isEqualTo(NgException.Kind.ERROR_REPLY)).hasMessageContaining("Unknown call-id");
    }
  }

  @Test
  void rejectsAReplyThatDoesNotDecode() throws Exception {
    try (var server = new FakeNgServer((n, d) -> List.of(reply(cookie(d), "d6:result")));
        var client = NgClient.connect(server.address(), TIMEOUT, 3)) {
      assertThatThrownBy(client::ping).isInstanceOfSatisfying(NgException.class,
          e -> assertThat(e.kind()).isEqualTo(NgException.Kind.MALFORMED_REPLY));
    }
  }

  @Test
  void rejectsAReplyThatIsNotADictionary() throws Exception {
    try (var server = new FakeNgServer((n, d) -> List.of(reply(cookie(d), "l4:ponge")));
        var client = NgClient.connect(server.address(), TIMEOUT, 1)) {
      assertThatThrownBy(client::ping).isInstanceOfSatisfying(NgException.class,
          e -> assertThat(e.kind()).isEqualTo(NgException.Kind.MALFORMED_REPLY));
    }
  }

  @Test
  void pingWantsPong() throws Exception {
    try (var server = new FakeNgServer((n, d) -> List.of(reply(cookie(d), "d6:result2:oke")));
        var client = NgClient.connect(server.address(), TIMEOUT, 1)) {
      assertThatThrownBy(client::ping).isInstanceOf(NgException.class).hasMessageContaining("pong");
    }
  }

  @Test
  void awaitsPongWithinTheGivenTime() throws Exception {
    try (var server = new FakeNgServer((n, d) -> n < 2 ? List.of() : List.of(reply(cookie(d), "d6:result4:ponge")));
        var client = NgClient.connect(server.address(), Duration.ofMillis(100), 1)) {
      assertThat(NgPing.await(client, Duration.ofSeconds(5))).isTrue();
    }
    try (var silent = new FakeNgServer((n, d) -> List.of());
        var client = NgClient.connect(silent.address(), Duration.ofMillis(100), 1)) {
      assertThat(NgPing.await(client, Duration.ofMillis(300))).isFalse();
    }
  }

  @Test
  void parsesHostAndPort() throws Exception {
    assertThat(NgPing.address("127.0.0.1:22223")).isEqualTo(new InetSocketAddress("127.0.0.1", 22223));
    assertThat(NgPing.address("[::1]:9")).isEqualTo(new InetSocketAddress("::1", 9));
    assertThatThrownBy(() -> NgPing.address("22223")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NgPing.address("127.0.0.1:70000")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesNonsenseSettings() {
    var somewhere = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
    assertThatThrownBy(() -> NgClient.connect(somewhere, Duration.ZERO, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NgClient.connect(somewhere, TIMEOUT, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
