package ims.iq.transport;

import ims.iq.message.CommandKind;
import ims.iq.message.ErrorCode;

import ims.iq.transport.TransactionFraming.Decoded;
import ims.iq.transport.TransactionPart.IdRange;
import ims.iq.transport.TransactionPart.Pending;
import ims.iq.transport.TransactionPart.Reply;
import ims.iq.transport.TransactionPart.Request;
import ims.iq.transport.TransactionPart.ResponseAck;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The H.248.1 Annex D.1 transaction layer over an {@link IqTransport}: both roles at once, since the
 * controller and the gateway each send requests (commands; ServiceChange and Notify) and answer them.
 *
 * <p>As requester: retransmits with exponential back-off until a Reply, stops on Pending and waits
 * {@code pendingWait} for the next sign of life, acknowledges replies that ask for it, and completes the
 * caller's future exactly once: with the reply, or with {@link IqTimeoutException} — never a hang.
 *
 * <p>As responder: runs the handler once per (peer, transaction id), answers duplicates from the reply
 * cache (kept LONG-TIMER, released early by TransactionResponseAck), sends Pending while the handler
 * is slow, and answers 500 if it never finishes.
 *
 * <p>Threading: all state is confined to the transport's executor; public methods may be called from
 * any thread. Futures are completed on {@code callbackExecutor}, so caller code never runs on the
 * transport thread. The handler is called on the transport thread and must not block.
 */
public final class TransactionLayer<Q, R> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TransactionLayer.class);
  /** A ResponseAck range wider than this is matched against the cache instead of enumerated. */
  private static final long MAX_ENUMERATED_ACK_RANGE = 64;

  /** Answers the peer's requests. Called on the transport thread; must not block; may complete later. */
  @FunctionalInterface
  public interface RequestHandler<Q, R> {
    CompletionStage<R> handle(InetSocketAddress peer, Q request);
  }

  private final TransactionFraming<Q, R> framing;
  private final TransactionConfig config;
  private final TransactionTimers timers;
  private final RequestHandler<Q, R> handler;
  private final Executor callbackExecutor;
  private final IqTransport transport;
  private final ScheduledExecutorService loop;
  private final Thread loopThread;

  // Confined to loop.
  private final Map<Long, Outgoing> outstanding = new HashMap<>();
  private final Map<InboundKey, Incoming> inbound = new HashMap<>();
  private int cachedReplies;
  private int acknowledged;
  private long nextTransactionId = 1 + ThreadLocalRandom.current().nextLong(0x7FFF_FFFFL);
  private long messageErrorWindowStart;
  private int messageErrorsInWindow;
  private boolean closed;
  private final Counters counters = new Counters();

  private TransactionLayer(Function<IqTransport.InboundListener, IqTransport> transportFactory,
      TransactionFraming<Q, R> framing, TransactionConfig config, RequestHandler<Q, R> handler,
      Executor callbackExecutor) {
    this.framing = Objects.requireNonNull(framing, "framing");
    this.config = Objects.requireNonNull(config, "config");
    this.timers = config.timers();
    this.handler = Objects.requireNonNull(handler, "handler");
    this.callbackExecutor = Objects.requireNonNull(callbackExecutor, "callbackExecutor");
    var started = new CompletableFuture<Void>();
    // Messages that race the constructor wait for it on the loop: nothing is lost or seen half-built.
    this.transport = transportFactory.apply((sender, message) -> {
      started.join();
      onMessage(sender, message);
    });
    this.loop = transport.executor();
    started.complete(null);
    this.loopThread = loopThread(loop);
  }

  private static Thread loopThread(ScheduledExecutorService loop) {
    try {
      return loop.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the Iq transaction layer", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the Iq transport thread did not start", e);
    }
  }

  /**
   * Opens a transport through {@code transportFactory} (e.g. {@code l -> UdpTransport.bind(cfg, l)})
   * and runs the transaction layer on it. Closing the layer closes the transport.
   */
  public static <Q, R> TransactionLayer<Q, R> open(Function<IqTransport.InboundListener, IqTransport> transportFactory,
      TransactionFraming<Q, R> framing, TransactionConfig config, RequestHandler<Q, R> handler,
      Executor callbackExecutor) {
    return new TransactionLayer<>(transportFactory, framing, config, handler, callbackExecutor);
  }

  public InetSocketAddress localAddress() {
    return transport.localAddress();
  }

  public IqTransport transport() {
    return transport;
  }

  /** Sends one request in its own message. */
  public CompletableFuture<R> request(InetSocketAddress peer, Q body) {
    return requestAll(peer, List.of(body)).getFirst();
  }

  /**
   * Sends several requests in one message (H.248.1 allows several transactions per message); each
   * has its own transaction id, retransmission and future.
   */
  public List<CompletableFuture<R>> requestAll(InetSocketAddress peer, List<Q> bodies) {
    Objects.requireNonNull(peer, "peer");
    if (bodies.isEmpty()) throw new IllegalArgumentException("no requests");
    if (!transport.allows(peer)) throw new IllegalArgumentException("peer is not on the Iq allow-list: " + peer);
    List<CompletableFuture<R>> futures = new ArrayList<>(bodies.size());
    for (int i = 0; i < bodies.size(); i++) futures.add(new CompletableFuture<>());
    List<Q> copy = List.copyOf(bodies);
    try {
      loop.execute(() -> startRequests(peer, copy, futures));
    } catch (RejectedExecutionException e) {
      futures.forEach(f -> f.completeExceptionally(new IqClosedException()));
    }
    return futures;
  }

  /** A snapshot taken on the transport thread (waits up to a second for it). */
  public TransactionStats stats() {
    if (Thread.currentThread() == loopThread || closed || loop.isShutdown()) return snapshot();
    try {
      return loop.submit(this::snapshot).get(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return snapshot();
    } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
      return snapshot();
    }
  }

  /** Fails every outstanding request with {@link IqClosedException}, drops all state, closes the transport. */
  @Override
  public void close() {
    try {
      loop.submit(this::shutdownOnLoop).get(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
      // The loop is gone or stuck: nothing more to cancel on it.
    }
    transport.close();
  }

  // ---------------------------------------------------------------- requester side

  private void startRequests(InetSocketAddress peer, List<Q> bodies, List<CompletableFuture<R>> futures) {
    if (closed) {
      futures.forEach(f -> f.completeExceptionally(new IqClosedException()));
      return;
    }
    if (outstanding.size() + bodies.size() > config.limits().maxOutstandingRequests()) {
      int size = outstanding.size();
      futures.forEach(f -> completeExceptionally(f, new IqOverloadedException(size)));
      return;
    }
    List<TransactionPart<Q, R>> parts = new ArrayList<>(bodies.size());
    List<Outgoing> started = new ArrayList<>(bodies.size());
    List<Q> startedBodies = new ArrayList<>(bodies.size());
    for (int i = 0; i < bodies.size(); i++) {
      long id = allocateTransactionId();
      Request<Q, R> part = new Request<>(id, bodies.get(i));
      byte[] alone;
      try {
        alone = framing.encode(List.of(part));
      } catch (RuntimeException e) {
        completeExceptionally(futures.get(i), e);
        continue;
      }
      var out = new Outgoing(id, peer, alone, futures.get(i));
      outstanding.put(id, out);
      parts.add(part);
      started.add(out);
      startedBodies.add(bodies.get(i));
    }
    if (started.isEmpty()) return;
    try {
      if (started.size() == 1) {
        transport.send(peer, started.getFirst().encoded);
      } else {
        byte[] together = framing.encode(parts);
        transport.send(peer, together);
        Arrays.fill(together, (byte) 0);
      }
    } catch (RuntimeException e) {
      for (Outgoing out : started) finish(out, null, e);
      return;
    }
    counters.requestsSent += started.size();
    long sentAt = System.nanoTime();
    for (Q body : startedBodies) counters.countCommands(framing.commandKinds(body));
    for (Outgoing out : started) {
      out.firstSentNanos = sentAt;
      out.retransmitTimer = schedule(timers.retransmitInterval(0), () -> onRetransmitTimer(out));
      out.deadlineTimer = schedule(timers.requestTimeout(),
          () -> timeOut(out, "no reply within " + timers.requestTimeout().toMillis() + " ms"));
    }
  }

  private long allocateTransactionId() {
    // Random start (see the constructor) so a restarted node does not hit the peer's cached replies.
    while (true) {
      long id = nextTransactionId;
      nextTransactionId = id == TransactionPart.MAX_TRANSACTION_ID ? 1 : id + 1;
      if (!outstanding.containsKey(id)) return id;
    }
  }

  private void onRetransmitTimer(Outgoing out) {
    if (out.done || out.pendingSeen) return;
    if (out.retransmissions >= timers.maxRetransmissions()) {
      timeOut(out, "no reply after " + out.retransmissions + " retransmissions");
      return;
    }
    out.retransmissions++;
    counters.retransmissions++;
    sendQuietly(out.peer, out.encoded);
    out.retransmitTimer = schedule(timers.retransmitInterval(out.retransmissions), () -> onRetransmitTimer(out));
  }

  private void onReply(InetSocketAddress peer, Reply<Q, R> reply) {
    if (reply.immediateAckRequired()) {
      // Also for a duplicate of a reply we already took: the peer may have missed our first ack.
      sendParts(peer, List.of(new ResponseAck<>(List.of(IdRange.of(reply.transactionId())))));
      counters.acksSent++;
    }
    Outgoing out = outstanding.get(reply.transactionId());
    if (out == null || !out.peer.equals(peer)) {
      counters.lateReplies++;
      framing.discardReply(reply.body());
      return;
    }
    counters.repliesReceived++;
    counters.recordLatency(System.nanoTime() - out.firstSentNanos);
    framing.errorOf(reply.body()).ifPresent(counters::countError);
    finish(out, reply.body(), null);
  }

  private void onPending(InetSocketAddress peer, long transactionId) {
    counters.pendingsReceived++;
    Outgoing out = outstanding.get(transactionId);
    if (out == null || !out.peer.equals(peer)) return;
    if (++out.pendings > config.limits().maxPendingsPerRequest()) {
      timeOut(out, "more than " + config.limits().maxPendingsPerRequest() + " Pendings");
      return;
    }
    out.pendingSeen = true;
    cancel(out.retransmitTimer);
    cancel(out.deadlineTimer);
    out.deadlineTimer = schedule(timers.pendingWait(),
        () -> timeOut(out, "no reply or Pending within " + timers.pendingWait().toMillis() + " ms after Pending"));
  }

  private void timeOut(Outgoing out, String why) {
    if (out.done) return;
    counters.timeouts++;
    finish(out, null, new IqTimeoutException(out.peer, out.transactionId, why));
  }

  private void finish(Outgoing out, R body, Throwable failure) {
    if (out.done) {
      if (body != null) framing.discardReply(body);
      return;
    }
    out.done = true;
    outstanding.remove(out.transactionId, out);
    cancel(out.retransmitTimer);
    cancel(out.deadlineTimer);
    Arrays.fill(out.encoded, (byte) 0); // it may carry SRTP keys
    if (failure == null) {
      complete(out.future, body);
    } else {
      completeExceptionally(out.future, failure);
    }
  }

  // ---------------------------------------------------------------- responder side

  private void onRequest(InetSocketAddress peer, Request<Q, R> request) {
    var key = new InboundKey(peer, request.transactionId());
    Incoming existing = inbound.get(key);
    if (existing != null) {
      counters.duplicateRequests++;
      framing.discardRequest(request.body());
      if (existing.acknowledged) {
        // A late copy of a request whose reply the peer already acknowledged: it has its answer.
        return;
      }
      if (existing.reply != null) {
        sendQuietly(peer, existing.reply);
      } else {
        sendPending(existing);
      }
      return;
    }
    if (inbound.size() >= config.limits().maxInboundTransactions()) {
      counters.overloadDrops++;
      framing.discardRequest(request.body());
      return;
    }
    var in = new Incoming(key);
    inbound.put(key, in);
    in.pendingTimer = schedule(timers.pendingThreshold(), () -> onPendingTimer(in));
    in.handlerTimer = schedule(timers.handlerTimeout(),
        () -> answer(in, framing.errorReply(500, "Internal software failure: no answer in time")));
    counters.handlerInvocations++;
    CompletionStage<R> stage;
    try {
      stage = Objects.requireNonNull(handler.handle(peer, request.body()), "handler returned null");
    } catch (RuntimeException e) {
      counters.handlerFailures++;
      log.warn("Iq request handler failed for transaction {} from {}: {}", request.transactionId(), peer,
          e.getClass().getName());
      answer(in, framing.errorReply(500, "Internal software failure"));
      return;
    }
    stage.whenComplete((body, failure) -> runOnLoop(() -> {
      if (failure != null || body == null) {
        counters.handlerFailures++;
        answer(in, framing.errorReply(500, "Internal software failure"));
      } else {
        answer(in, body);
      }
    }));
  }

  private void onPendingTimer(Incoming in) {
    if (in.reply != null || in.expired) return;
    sendPending(in);
    in.pendingTimer = schedule(timers.pendingThreshold(), () -> onPendingTimer(in));
  }

  private void sendPending(Incoming in) {
    sendParts(in.key.peer(), List.of(new Pending<>(in.key.transactionId())));
    counters.pendingsSent++;
  }

  /** First answer wins (handler vs. handler timeout); it is sent and cached for LONG-TIMER. */
  private void answer(Incoming in, R body) {
    if (in.reply != null || in.expired || closed) {
      framing.discardReply(body); // a handler answering after its timeout: nobody will read it
      return;
    }
    cancel(in.pendingTimer);
    cancel(in.handlerTimer);
    byte[] encoded;
    try {
      encoded = framing.encode(List.of(new Reply<>(in.key.transactionId(), config.immediateAckRequired(), body)));
      if (encoded.length > transport.maxMessageSize()) {
        // A reply too big for one message (a wide audit): H.248.8 533, as there is no segmentation on Iq.
        Arrays.fill(encoded, (byte) 0);
        framing.discardReply(body);
        encoded = framing.encode(List.of(new Reply<>(in.key.transactionId(), config.immediateAckRequired(),
            framing.errorReply(533, "Response exceeds maximum transport PDU size"))));
      }
      if (!transport.allows(in.key.peer())) throw new IllegalStateException("peer left the allow-list");
      transport.send(in.key.peer(), encoded);
    } catch (RuntimeException e) {
      counters.handlerFailures++;
      log.warn("Iq reply to transaction {} could not be sent: {}", in.key.transactionId(), e.getClass().getName());
      encoded = framing.encode(List.of(new Reply<>(in.key.transactionId(), config.immediateAckRequired(),
          framing.errorReply(500, "Internal software failure: reply not encodable"))));
      sendQuietly(in.key.peer(), encoded);
    }
    in.reply = encoded;
    cachedReplies++;
    in.expiryTimer = schedule(timers.longTimer(), () -> release(in));
  }

  private void release(Incoming in) {
    if (in.expired) return;
    in.expired = true;
    if (inbound.remove(in.key, in)) {
      if (in.acknowledged) {
        acknowledged--;
      } else if (in.reply != null) {
        cachedReplies--;
      }
    }
    if (in.reply != null) Arrays.fill(in.reply, (byte) 0); // it may carry SRTP keys
    cancel(in.pendingTimer);
    cancel(in.handlerTimer);
    cancel(in.expiryTimer);
  }

  private void onResponseAck(InetSocketAddress peer, ResponseAck<Q, R> ack) {
    counters.acksReceived++;
    for (IdRange range : ack.ranges()) {
      if (range.last() - range.first() < MAX_ENUMERATED_ACK_RANGE) {
        for (long id = range.first(); id <= range.last(); id++) releaseAcked(inbound.get(new InboundKey(peer, id)));
      } else {
        List<Incoming> hits = new ArrayList<>();
        for (Incoming in : inbound.values()) {
          if (in.key.peer().equals(peer) && range.contains(in.key.transactionId())) hits.add(in);
        }
        hits.forEach(this::releaseAcked);
      }
    }
  }

  /**
   * The peer has our reply: drop the cached bytes at once, but remember the transaction id until
   * LONG-TIMER, so a copy of the request still in flight is not run a second time.
   */
  private void releaseAcked(Incoming in) {
    // An ack before our reply went out is the peer's mistake; the handler's answer still gets cached.
    if (in == null || in.reply == null || in.acknowledged || in.expired) return;
    in.acknowledged = true;
    Arrays.fill(in.reply, (byte) 0);
    cachedReplies--;
    acknowledged++;
  }

  // ---------------------------------------------------------------- inbound dispatch

  private void onMessage(InetSocketAddress sender, byte[] message) {
    if (closed) return;
    Decoded<Q, R> decoded;
    try {
      decoded = framing.decode(message);
    } catch (RuntimeException e) {
      // A framing that throws breaks its contract; treat the input as garbage all the same.
      decoded = new Decoded.Undecodable<>("decoder failure", java.util.OptionalLong.empty(), false);
    }
    switch (decoded) {
      case Decoded.Parts<Q, R> parts -> {
        for (TransactionPart<Q, R> part : parts.parts()) dispatch(sender, part);
      }
      case Decoded.Undecodable<Q, R> bad -> onUndecodable(sender, bad);
    }
  }

  private void dispatch(InetSocketAddress sender, TransactionPart<Q, R> part) {
    switch (part) {
      case Request<Q, R> request -> onRequest(sender, request);
      case Reply<Q, R> reply -> onReply(sender, reply);
      case Pending<Q, R> pending -> onPending(sender, pending.transactionId());
      case ResponseAck<Q, R> ack -> onResponseAck(sender, ack);
    }
  }

  private void onUndecodable(InetSocketAddress sender, Decoded.Undecodable<Q, R> bad) {
    counters.undecodable++;
    if (bad.isErrorMessage() || !takeMessageErrorToken()) return;
    String text = "Syntax error in message";
    try {
      byte[] answer = bad.transactionId().isPresent()
          ? framing.encode(List.of(new Reply<>(bad.transactionId().getAsLong(), false, framing.errorReply(400, text))))
          : framing.messageError(400, text);
      transport.send(sender, answer);
      counters.messageErrorsSent++;
    } catch (RuntimeException e) {
      log.debug("Iq syntax error answer not sent: {}", e.getClass().getName());
    }
  }

  private boolean takeMessageErrorToken() {
    long now = System.nanoTime();
    if (now - messageErrorWindowStart >= 1_000_000_000L) {
      messageErrorWindowStart = now;
      messageErrorsInWindow = 0;
    }
    if (messageErrorsInWindow >= config.maxMessageErrorsPerSecond()) return false;
    messageErrorsInWindow++;
    return true;
  }

  // ---------------------------------------------------------------- plumbing

  private void sendParts(InetSocketAddress peer, List<TransactionPart<Q, R>> parts) {
    try {
      sendQuietly(peer, framing.encode(parts));
    } catch (RuntimeException e) {
      log.warn("Iq control message not encodable: {}", e.getClass().getName());
    }
  }

  private void sendQuietly(InetSocketAddress peer, byte[] message) {
    try {
      transport.send(peer, message);
    } catch (RuntimeException e) {
      log.debug("Iq send to {} failed: {}", peer, e.getClass().getName());
    }
  }

  private ScheduledFuture<?> schedule(Duration delay, Runnable task) {
    try {
      return loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      return null;
    }
  }

  private void runOnLoop(Runnable task) {
    try {
      loop.execute(task);
    } catch (RejectedExecutionException e) {
      // Closed: the outstanding state was dropped with it.
    }
  }

  private static void cancel(ScheduledFuture<?> timer) {
    if (timer != null) timer.cancel(false);
  }

  private void complete(CompletableFuture<R> future, R value) {
    try {
      callbackExecutor.execute(() -> future.complete(value));
    } catch (RejectedExecutionException e) {
      future.complete(value);
    }
  }

  private void completeExceptionally(CompletableFuture<R> future, Throwable failure) {
    try {
      callbackExecutor.execute(() -> future.completeExceptionally(failure));
    } catch (RejectedExecutionException e) {
      future.completeExceptionally(failure);
    }
  }

  private void shutdownOnLoop() {
    if (closed) return;
    closed = true;
    for (Outgoing out : List.copyOf(outstanding.values())) finish(out, null, new IqClosedException());
    for (Iterator<Incoming> it = List.copyOf(inbound.values()).iterator(); it.hasNext(); ) release(it.next());
  }

  private TransactionStats snapshot() {
    return new TransactionStats(outstanding.size(), inbound.size() - cachedReplies - acknowledged, cachedReplies,
        acknowledged,
        counters.requestsSent, counters.retransmissions, counters.timeouts, counters.repliesReceived,
        counters.lateReplies, counters.pendingsSent, counters.pendingsReceived, counters.duplicateRequests,
        counters.acksSent, counters.acksReceived, counters.handlerInvocations, counters.handlerFailures,
        counters.undecodable, counters.messageErrorsSent, counters.overloadDrops,
        counters.latency(), counters.errorReplies(), counters.commandsSent());
  }

  private record InboundKey(InetSocketAddress peer, long transactionId) {}

  /** A request of ours awaiting its reply. */
  private final class Outgoing {
    final long transactionId;
    final InetSocketAddress peer;
    final byte[] encoded;
    final CompletableFuture<R> future;
    int retransmissions;
    int pendings;
    boolean pendingSeen;
    boolean done;
    long firstSentNanos;
    ScheduledFuture<?> retransmitTimer;
    ScheduledFuture<?> deadlineTimer;

    Outgoing(long transactionId, InetSocketAddress peer, byte[] encoded, CompletableFuture<R> future) {
      this.transactionId = transactionId;
      this.peer = peer;
      this.encoded = encoded;
      this.future = future;
    }
  }

  /** A peer's request: in progress while {@code reply} is null, then cached until acked or LONG-TIMER. */
  private static final class Incoming {
    final InboundKey key;
    byte[] reply;
    boolean acknowledged;
    boolean expired;
    ScheduledFuture<?> pendingTimer;
    ScheduledFuture<?> handlerTimer;
    ScheduledFuture<?> expiryTimer;

    Incoming(InboundKey key) {
      this.key = key;
    }
  }

  /** Plain counters, confined to the loop (no atomics needed: snapshots are taken on the loop too). */
  private static final class Counters {
    long requestsSent, retransmissions, timeouts, repliesReceived, lateReplies, pendingsSent, pendingsReceived,
        duplicateRequests, acksSent, acksReceived, handlerInvocations, handlerFailures, undecodable,
        messageErrorsSent, overloadDrops;
    long latencyCount, latencyTotalMicros, latencyMaxMicros;
    final long[] latencyBuckets = new long[ReplyLatency.BUCKET_UPPER_BOUNDS_MICROS.size() + 1];
    long errorReplies, errorRepliesOtherCode;
    /** Only codes H.248.8 names go in, so it stays bounded. */
    final Map<ErrorCode, Long> errorRepliesByCode = new HashMap<>();
    final long[] commandsByKind = new long[CommandKind.values().length];

    void recordLatency(long nanos) {
      long micros = Math.max(0, nanos / 1_000);
      latencyCount++;
      latencyTotalMicros += micros;
      latencyMaxMicros = Math.max(latencyMaxMicros, micros);
      latencyBuckets[ReplyLatency.bucketOf(micros)]++;
    }

    void countError(ErrorCode code) {
      errorReplies++;
      if (code.isKnown()) {
        errorRepliesByCode.merge(code, 1L, Long::sum);
      } else {
        errorRepliesOtherCode++;
      }
    }

    void countCommands(List<CommandKind> kinds) {
      for (CommandKind kind : kinds) commandsByKind[kind.ordinal()]++;
    }

    ReplyLatency latency() {
      return new ReplyLatency(latencyCount, latencyTotalMicros, latencyMaxMicros,
          Arrays.stream(latencyBuckets).boxed().toList());
    }

    ErrorReplies errorReplies() {
      return new ErrorReplies(errorReplies, errorRepliesByCode, errorRepliesOtherCode);
    }

    Map<CommandKind, Long> commandsSent() {
      var sent = new EnumMap<CommandKind, Long>(CommandKind.class);
      for (CommandKind kind : CommandKind.values()) {
        if (commandsByKind[kind.ordinal()] > 0) sent.put(kind, commandsByKind[kind.ordinal()]);
      }
      return sent;
    }
  }
}
