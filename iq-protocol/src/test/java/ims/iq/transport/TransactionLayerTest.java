package ims.iq.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TransactionLayerTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final Duration WAIT = Duration.ofSeconds(5);
  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable r : resources.reversed()) r.close();
  }

  static TransactionLayer<String, String> layer(TransactionConfig config,
      TransactionLayer.RequestHandler<String, String> handler) {
    var udp = new UdpTransportConfig(new InetSocketAddress(LOOPBACK, 0),
        LinkSecurity.loopbackOnly(List.of(AllowedPeer.anyPort(LOOPBACK))));
    return TransactionLayer.open(l -> UdpTransport.bind(udp, l), new StubFraming(), config, handler, Runnable::run);
  }

  private TransactionLayer<String, String> open(TransactionConfig config,
      TransactionLayer.RequestHandler<String, String> handler) {
    var layer = layer(config, handler);
    resources.add(layer);
    return layer;
  }

  private static TransactionConfig fast() {
    return TransactionConfig.DEFAULT.withTimers(TransactionTimers.fast());
  }

  /**
   * fast() with a one-second request timeout and a 1.2 s LONG-TIMER, for tests that wait for those
   * timers to run out: the same shape and order (longTimer > requestTimeout, pendingWait > pendingThreshold).
   */
  private static TransactionTimers brisk() {
    return new TransactionTimers(Duration.ofMillis(20), Duration.ofMillis(160), 6, Duration.ofMillis(1_000),
        Duration.ofMillis(600), Duration.ofMillis(100), Duration.ofMillis(700), Duration.ofMillis(1_200));
  }

  private static TransactionLayer.RequestHandler<String, String> echo(AtomicInteger calls) {
    return (peer, body) -> {
      calls.incrementAndGet();
      return CompletableFuture.completedFuture("re:" + body);
    };
  }

  @Test
  void givenResponder_whenRequestSent_thenReplyCompletesFutureAndBothSidesBecomeIdle() throws Exception {
    var calls = new AtomicInteger();
    var server = open(fast().withTimers(brisk()), echo(calls));
    var client = open(fast(), echo(new AtomicInteger()));
    assertThat(client.request(server.localAddress(), "hello").get(5, TimeUnit.SECONDS)).isEqualTo("re:hello");
    assertThat(calls).hasValue(1);
    // ImmAckRequired on the reply: the client's ack releases the server's cache well before LONG-TIMER.
    Await.until("server cache released by ack", WAIT, () -> server.stats().cachedReplies() == 0);
    assertThat(server.stats().acksReceived()).isEqualTo(1);
    Await.until("acknowledged id forgotten after LONG-TIMER", WAIT, () -> server.stats().isIdle());
    assertThat(client.stats().isIdle()).isTrue();
  }

  @Test
  void givenNoResponder_whenRequestSent_thenFutureFailsWithTimeoutAfterRetransmissions() throws Exception {
    var client = open(fast(), echo(new AtomicInteger()));
    try (var silent = new DatagramSocket(0, LOOPBACK)) {
      var future = client.request(new InetSocketAddress(LOOPBACK, silent.getLocalPort()), "anyone");
      var failure = catchFailure(future);
      assertThat(failure).isInstanceOf(IqTimeoutException.class).hasMessageContaining("timed out");
      var stats = client.stats();
      assertThat(stats.retransmissions()).isEqualTo(TransactionTimers.fast().maxRetransmissions());
      assertThat(stats.timeouts()).isEqualTo(1);
      assertThat(stats.isIdle()).isTrue();
      // The request itself plus every retransmission reached the silent peer, identical each time.
      silent.setSoTimeout(2_000);
      byte[] first = receive(silent);
      for (int i = 0; i < TransactionTimers.fast().maxRetransmissions(); i++) assertThat(receive(silent)).isEqualTo(first);
    }
  }

  @Test
  void givenRetransmitTimers_whenBackingOff_thenIntervalsDoubleUpToTheCap() {
    var timers = TransactionTimers.DEFAULT;
    assertThat(List.of(0, 1, 2, 3, 4, 5, 6).stream().map(timers::retransmitInterval).map(Duration::toMillis).toList())
        .containsExactly(200L, 400L, 800L, 1_600L, 3_200L, 4_000L, 4_000L);
  }

  @Test
  void givenSlowHandler_whenItAnswersAfterTheRequestTimeout_thenPendingKeepsTheRequesterWaiting() throws Exception {
    var timers = brisk();
    var patient = new TransactionTimers(timers.initialRetransmit(), timers.maxRetransmit(), timers.maxRetransmissions(),
        timers.requestTimeout(), timers.pendingWait(), timers.pendingThreshold(), Duration.ofSeconds(10), timers.longTimer());
    var server = open(fast().withTimers(patient), (peer, body) -> {
      // Answers after 1.5 x the requester's overall timeout: only Pending lets the request survive.
      var later = CompletableFuture.delayedExecutor(timers.requestTimeout().toMillis() * 3 / 2, TimeUnit.MILLISECONDS);
      return CompletableFuture.supplyAsync(() -> "slow:" + body, later);
    });
    var client = open(fast().withTimers(timers), echo(new AtomicInteger()));
    assertThat(client.request(server.localAddress(), "work").get(10, TimeUnit.SECONDS)).isEqualTo("slow:work");
    assertThat(server.stats().pendingsSent()).isPositive();
    assertThat(client.stats().pendingsReceived()).isPositive();
    Await.until("both idle", WAIT, () -> server.stats().isIdle() && client.stats().isIdle());
  }

  @Test
  void givenHandlerThatNeverAnswers_whenHandlerTimeoutPasses_thenRequesterGetsError500() throws Exception {
    var server = open(fast().withTimers(brisk()), (peer, body) -> new CompletableFuture<>());
    var client = open(fast(), echo(new AtomicInteger()));
    assertThat(client.request(server.localAddress(), "stuck").get(10, TimeUnit.SECONDS)).startsWith("ERROR 500");
    Await.until("server idle", WAIT, () -> server.stats().isIdle());
  }

  @Test
  void givenHandlerThatThrows_whenRequestArrives_thenError500AndLayerKeepsWorking() throws Exception {
    var server = open(fast(), (peer, body) -> {
      if (body.equals("bad")) throw new IllegalStateException("bug");
      return CompletableFuture.completedFuture("ok");
    });
    var client = open(fast(), echo(new AtomicInteger()));
    assertThat(client.request(server.localAddress(), "bad").get(5, TimeUnit.SECONDS)).startsWith("ERROR 500");
    assertThat(client.request(server.localAddress(), "good").get(5, TimeUnit.SECONDS)).isEqualTo("ok");
    assertThat(server.stats().handlerFailures()).isEqualTo(1);
  }

  @Test
  void givenDuplicateRequest_whenReceived_thenAnsweredFromCacheWithoutRunningHandlerAgain() throws Exception {
    var calls = new AtomicInteger();
    var server = open(fast(), echo(calls));
    try (var raw = new DatagramSocket(0, LOOPBACK)) {
      raw.setSoTimeout(5_000);
      sendRaw(raw, server, "REQ 77 twice");
      String first = receiveText(raw);
      sendRaw(raw, server, "REQ 77 twice");
      String second = receiveText(raw);
      assertThat(first).isEqualTo("REP 77 1 re:twice").isEqualTo(second);
      assertThat(calls).hasValue(1);
      assertThat(server.stats().duplicateRequests()).isEqualTo(1);
      assertThat(server.stats().cachedReplies()).isEqualTo(1);
      sendRaw(raw, server, "ACK 77-77");
      Await.until("cache released by TransactionResponseAck", WAIT, () -> server.stats().cachedReplies() == 0);
      assertThat(server.stats().acknowledgedTransactions()).isEqualTo(1);
      // A copy of request 77 still in flight after the ack is neither run again nor answered:
      // the next datagram back is the reply to 78, sent after it.
      sendRaw(raw, server, "REQ 77 twice");
      sendRaw(raw, server, "REQ 78 next");
      assertThat(receiveText(raw)).isEqualTo("REP 78 1 re:next");
      assertThat(calls).hasValue(2);
    }
  }

  @Test
  void givenNoAck_whenLongTimerRuns_thenCachedReplyIsReleased() throws Exception {
    var noAck = new TransactionConfig(brisk(), TransactionLimits.DEFAULT, false, 20);
    var server = open(noAck, echo(new AtomicInteger()));
    try (var raw = new DatagramSocket(0, LOOPBACK)) {
      raw.setSoTimeout(5_000);
      sendRaw(raw, server, "REQ 5 once");
      assertThat(receiveText(raw)).isEqualTo("REP 5 0 re:once");
      assertThat(server.stats().cachedReplies()).isEqualTo(1);
      Await.until("LONG-TIMER expiry", WAIT, () -> server.stats().isIdle());
    }
  }

  @Test
  void givenSeveralTransactionsInOneMessage_whenReceived_thenEachIsAnswered() throws Exception {
    var calls = new AtomicInteger();
    var server = open(fast(), echo(calls));
    try (var raw = new DatagramSocket(0, LOOPBACK)) {
      raw.setSoTimeout(5_000);
      sendRaw(raw, server, "REQ 10 a\nREQ 11 b");
      assertThat(List.of(receiveText(raw), receiveText(raw))).containsExactlyInAnyOrder("REP 10 1 re:a", "REP 11 1 re:b");
      assertThat(calls).hasValue(2);
    }
  }

  @Test
  void givenSeveralRequests_whenSentInOneMessage_thenEachFutureGetsItsOwnReply() throws Exception {
    var server = open(fast(), echo(new AtomicInteger()));
    var client = open(fast(), echo(new AtomicInteger()));
    var futures = client.requestAll(server.localAddress(), List.of("x", "y", "z"));
    assertThat(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).thenApply(v ->
        futures.stream().map(CompletableFuture::join).toList()).get(5, TimeUnit.SECONDS))
        .containsExactly("re:x", "re:y", "re:z");
    assertThat(client.stats().requestsSent()).isEqualTo(3);
  }

  @Test
  void givenGarbageFromAllowedPeer_whenReceived_thenSyntaxErrorReplyAndCounted() throws Exception {
    var server = open(fast(), echo(new AtomicInteger()));
    try (var raw = new DatagramSocket(0, LOOPBACK)) {
      raw.setSoTimeout(5_000);
      sendRaw(raw, server, "%%% not a message");
      assertThat(receiveText(raw)).startsWith("MERR 400");
      sendRaw(raw, server, "REQ 9 ");
      assertThat(receiveText(raw)).isEqualTo("REP 9 0 ERROR 400 Syntax error in message");
      assertThat(server.stats().undecodable()).isEqualTo(2);
      assertThat(server.stats().isIdle()).isTrue();
    }
  }

  @Test
  void givenMessageLevelErrorFromPeer_whenReceived_thenNotAnswered() throws Exception {
    var server = open(fast(), echo(new AtomicInteger()));
    try (var raw = new DatagramSocket(0, LOOPBACK)) {
      raw.setSoTimeout(300);
      sendRaw(raw, server, "MERR 400 x");
      sendRaw(raw, server, "REQ 3 after");
      // The only answer is the reply to the request: errors are never answered (no error ping-pong).
      assertThat(receiveText(raw)).isEqualTo("REP 3 1 re:after");
      assertThat(server.stats().undecodable()).isEqualTo(1);
    }
  }

  @Test
  void givenOutstandingLimitReached_whenAnotherRequestIsMade_thenItFailsAtOnceWithOverload() throws Exception {
    var limited = fast().withLimits(new TransactionLimits(2, 16));
    var client = open(limited, echo(new AtomicInteger()));
    try (var silent = new DatagramSocket(0, LOOPBACK)) {
      var peer = new InetSocketAddress(LOOPBACK, silent.getLocalPort());
      var a = client.request(peer, "a");
      var b = client.request(peer, "b");
      var c = client.request(peer, "c");
      assertThat(catchFailure(c)).isInstanceOf(IqOverloadedException.class);
      assertThat(catchFailure(a)).isInstanceOf(IqTimeoutException.class);
      assertThat(catchFailure(b)).isInstanceOf(IqTimeoutException.class);
    }
  }

  @Test
  void givenPeerThatOnlyEverSendsPending_whenThePendingCapIsPassed_thenRequestFailsWithTimeout() throws Exception {
    var client = open(fast().withLimits(new TransactionLimits(16, 16, 3)), echo(new AtomicInteger()));
    try (var raw = new DatagramSocket(0, LOOPBACK)) {
      raw.setSoTimeout(5_000);
      var future = client.request(new InetSocketAddress(LOOPBACK, raw.getLocalPort()), "forever");
      var request = new DatagramPacket(new byte[1_024], 1_024);
      raw.receive(request);
      String id = new String(request.getData(), 0, request.getLength(), StandardCharsets.ISO_8859_1).split(" ")[1];
      for (int i = 0; i < 4; i++) {
        byte[] pending = ("PEN " + id).getBytes(StandardCharsets.ISO_8859_1);
        raw.send(new DatagramPacket(pending, pending.length, request.getSocketAddress()));
      }
      assertThat(catchFailure(future)).isInstanceOf(IqTimeoutException.class).hasMessageContaining("Pendings");
      assertThat(client.stats().isIdle()).isTrue();
    }
  }

  @Test
  void givenInboundLimitReached_whenNewRequestArrives_thenDroppedAndCounted() throws Exception {
    var limited = fast().withLimits(new TransactionLimits(16, 1));
    var server = open(limited, (peer, body) -> new CompletableFuture<>());
    try (var raw = new DatagramSocket(0, LOOPBACK)) {
      sendRaw(raw, server, "REQ 1 hold");
      sendRaw(raw, server, "REQ 2 overflow");
      Await.until("overflow counted", WAIT, () -> server.stats().overloadDrops() == 1);
      assertThat(server.stats().handlerInvocations()).isEqualTo(1);
    }
  }

  @Test
  void givenOutstandingRequest_whenLayerClosed_thenFutureFailsWithClosed() throws Exception {
    var client = layer(fast(), echo(new AtomicInteger()));
    try (var silent = new DatagramSocket(0, LOOPBACK)) {
      var future = client.request(new InetSocketAddress(LOOPBACK, silent.getLocalPort()), "x");
      client.close();
      assertThat(catchFailure(future)).isInstanceOf(IqClosedException.class);
      assertThat(catchFailure(client.request(new InetSocketAddress(LOOPBACK, silent.getLocalPort()), "y")))
          .isInstanceOf(IqClosedException.class);
    }
  }

  @Test
  void givenLossDuplicationAndReordering_whenManyTransactionsRun_thenEachCompletesOnceOrTimesOutAndMapsDrain()
      throws Exception {
    var invocations = new ConcurrentHashMap<String, AtomicInteger>();
    // More retransmissions than fast(): a quarter of the datagrams vanish in each direction.
    var patient = fast().withTimers(new TransactionTimers(Duration.ofMillis(20), Duration.ofMillis(320), 8,
        Duration.ofMillis(3_000), Duration.ofMillis(1_000), Duration.ofMillis(150), Duration.ofSeconds(3),
        Duration.ofMillis(5_000)));
    var server = open(patient, (peer, body) -> {
      invocations.computeIfAbsent(body, k -> new AtomicInteger()).incrementAndGet();
      return CompletableFuture.completedFuture("re:" + body);
    });
    var proxy = new LossyUdpProxy(server.localAddress(), new LossyUdpProxy.Faults(0.25, 0.2, 0.2), 20261122L);
    resources.add(proxy);
    var client = open(patient, echo(new AtomicInteger()));
    int n = 200;
    // 25 requests in flight at once, as a busy P-CSCF would have: a new one starts as soon as one ends
    // (a sliding window, so one slow retransmission chain does not hold back the next 25).
    var inFlight = new Semaphore(25);
    List<CompletableFuture<String>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      assertThat(inFlight.tryAcquire(10, TimeUnit.SECONDS)).as("a window slot frees up").isTrue();
      var future = client.request(proxy.clientFacing(), "t" + i);
      future.whenComplete((reply, failure) -> inFlight.release());
      futures.add(future);
    }
    int replied = 0;
    int timedOut = 0;
    for (int i = 0; i < n; i++) {
      try {
        assertThat(futures.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("re:t" + i);
        replied++;
      } catch (ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(IqTimeoutException.class);
        timedOut++;
      }
    }
    assertThat(replied + timedOut).isEqualTo(n);
    assertThat(replied).as("most transactions survive 25%% loss with 8 retransmissions").isGreaterThan(n * 8 / 10);
    assertThat(invocations.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    assertThat(invocations).hasSizeGreaterThanOrEqualTo(replied);
    assertThat(proxy.dropped.get()).isPositive();
    assertThat(proxy.duplicated.get()).isPositive();
    assertThat(proxy.reordered.get()).isPositive();
    assertThat(server.stats().duplicateRequests()).isPositive();
    // Lost acks leave replies cached until LONG-TIMER: wait for the timers, then nothing may remain.
    Await.until("server and client maps empty", Duration.ofSeconds(10),
        () -> server.stats().isIdle() && client.stats().isIdle());
  }

  private static Throwable catchFailure(CompletableFuture<?> future) throws Exception {
    try {
      future.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("future completed normally");
  }

  private static void sendRaw(DatagramSocket raw, TransactionLayer<?, ?> to, String text) throws Exception {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    raw.send(new DatagramPacket(b, b.length, to.localAddress()));
  }

  private static byte[] receive(DatagramSocket raw) throws Exception {
    var p = new DatagramPacket(new byte[65_535], 65_535);
    raw.receive(p);
    return java.util.Arrays.copyOf(p.getData(), p.getLength());
  }

  private static String receiveText(DatagramSocket raw) throws Exception {
    try {
      return new String(receive(raw), StandardCharsets.ISO_8859_1);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no datagram received", e);
    }
  }
}
