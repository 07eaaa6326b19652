package ims.benchmarks.relay;

import ims.iq.controller.ConnectionPoint;
import ims.iq.controller.ConnectionPointRequest;
import ims.iq.controller.ControllerConfig;
import ims.iq.controller.IqController;
import ims.iq.gateway.CommandOutcome;
import ims.iq.gateway.GatewayConfig;
import ims.iq.gateway.IqGatewayServer;
import ims.iq.message.Add;
import ims.iq.message.AddReply;
import ims.iq.message.ContextId;
import ims.iq.message.LocalControl;
import ims.iq.message.MId;
import ims.iq.message.Media;
import ims.iq.message.PropertyParm;
import ims.iq.message.SdpText;
import ims.iq.message.ServiceChangeProfile;
import ims.iq.message.Stream;
import ims.iq.message.StreamMode;
import ims.iq.message.StreamParms;
import ims.iq.message.TerminationId;
import ims.iq.message.TerminationState;
import ims.iq.transport.AllowedPeer;
import ims.iq.transport.LinkSecurity;
import ims.iq.transport.MessageCodec;
import ims.iq.transport.TransactionConfig;
import ims.iq.transport.UdpTransportConfig;
import ims.media.relay.MediaRelay;
import ims.media.relay.PortRange;
import ims.media.relay.Realm;
import ims.media.relay.RelayConfig;
import ims.media.relay.RelayGatewayHandler;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway under test of {@code benchmarks/run-relay-load.sh}: the real {@link MediaRelay} on 127.0.0.1 with one
 * e2ae context per call of the load generator's plan (access termination SRTP AES_CM_128_HMAC_SHA1_80, core
 * termination RTP), each set up with two Iq Adds through {@link RelayGatewayHandler}, the code the Iq server calls
 * ({@code -setup handler}, the default), or with real Iq ({@code -setup iq}: the project's {@link IqController} in this
 * JVM talks H.248 text over UDP on 127.0.0.1 to an {@link IqGatewayServer} around the same handler; both stay up,
 * associated, for the whole run).
 *
 * <p>Reads the plan the generator wrote ({@code relay_load_gen}: the generator's UE and core sink ports, one UE key
 * and one gateway key per call), writes the ports file the generator waits for, then serves until SIGTERM or
 * {@code -max-seconds} and closes the relay (keys wiped, sockets closed) before it exits. Every
 * {@code -heap-interval} seconds it prints one {@code HEAP} line to stderr: heap in use, the heap pools' usage after
 * their last collection (G1's old generation only changes on a mixed or full collection, so the GC log is the better
 * record of the heap after each collection), collections so far.
 *
 * <pre>java $SRTP_FLAGS -cp benchmarks.jar ims.benchmarks.relay.LoadGateway -plan P -ports OUT [-loops L] [-batch B]
 *      [-setup handler|iq] [-max-seconds S] [-heap-interval S]</pre>
 *
 * <p>{@code -Dims.relay.socketReceiveBuffer=BYTES} (e.g. through the harness's {@code JAVA_OPTS}) sets
 * {@link RelayConfig#socketReceiveBuffer()}, {@code SO_RCVBUF} of every media socket (0: the kernel's default);
 * {@link RelayConfig#DEFAULT_SOCKET_RECEIVE_BUFFER} otherwise, as in production. {@code -Dims.relay.preferEpoll=false}
 * runs the relay on Netty's NIO transport (one datagram per system call, the JDK's cached sender address) instead of
 * native epoll. {@code -Dims.relay.connectedSockets=false} switches off {@link RelayConfig#connectedSockets()} (each
 * port then reads and writes through its open socket alone, as before 2026-11-23), for A/B runs.
 */
public final class LoadGateway {
  private static final String SUITE = "AES_CM_128_HMAC_SHA1_80";
  private static final Pattern M_PORT = Pattern.compile("m=audio (\\d+) ");
  private static final String CORE_LOCAL = "v=0\r\nc=IN IP4 $\r\nm=audio $ RTP/AVP 8\r\n";
  /** Adds in flight at once while setting up. */
  private static final int SETUP_WINDOW = 128;

  private LoadGateway() {
  }

  public static void main(String[] args) throws Exception {
    Path plan = null;
    Path portsOut = null;
    int loops = Runtime.getRuntime().availableProcessors();
    int batch = 16;
    long maxSeconds = 3600;
    long heapInterval = 10;
    String setup = "handler";
    for (int i = 0; i < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "-plan" -> plan = Path.of(v);
        case "-ports" -> portsOut = Path.of(v);
        case "-loops" -> loops = Integer.parseInt(v);
        case "-batch" -> batch = Integer.parseInt(v);
        case "-max-seconds" -> maxSeconds = Long.parseLong(v);
        case "-heap-interval" -> heapInterval = Long.parseLong(v);
        case "-setup" -> setup = v;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (plan == null || portsOut == null || !(setup.equals("handler") || setup.equals("iq"))) {
      throw new IllegalArgumentException("usage: LoadGateway -plan P -ports OUT [-loops L] [-batch B] [-max-seconds S]");
    }
    LoadPlan p = LoadPlan.read(plan);
    int socketReceiveBuffer = Integer.getInteger("ims.relay.socketReceiveBuffer",
        RelayConfig.DEFAULT_SOCKET_RECEIVE_BUFFER);
    boolean preferEpoll = !"false".equals(System.getProperty("ims.relay.preferEpoll"));
    boolean connectedSockets = !"false".equals(System.getProperty("ims.relay.connectedSockets"));
    RelayConfig config = config(p.calls(), loops, batch, preferEpoll).withSocketReceiveBuffer(socketReceiveBuffer)
        .withConnectedSockets(connectedSockets);
    var stop = new CountDownLatch(1);
    var closed = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.countDown();
      try {
        closed.await(5, TimeUnit.SECONDS);   // main closes the relay first
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    long t0 = System.nanoTime();
    try (MediaRelay relay = MediaRelay.start(config); RelayGatewayHandler handler = new RelayGatewayHandler(relay)) {
      Iq iq = setup.equals("iq") ? Iq.start(handler) : null;
      try {
        int[][] ports = iq == null ? setUp(handler, p) : setUp(iq.controller(), p);
        p.close();                          // the relay holds its own copies of the keys now
        String impl = "java-netty-" + (relay.usesEpoll() ? "epoll" : "nio") + " loops=" + loops + " batch=" + batch
            + " setup=" + setup + " rcvbuf=" + socketReceiveBuffer + " " + Runtime.version();
        writePorts(portsOut, impl, ports);
        System.err.printf("LoadGateway: %d contexts in %d ms (%s)%n", p.calls(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), impl);
        serve(stop, maxSeconds, heapInterval);
      } finally {
        if (iq != null) {
          iq.close();
        }
      }
      // The relay's own view: packets it forwarded and dropped (by reason) over the whole run, warm-up included.
      System.err.println("TOTALS " + relay.totals());
    } finally {
      closed.countDown();
    }
  }

  private static RelayConfig config(int calls, int loops, int batch, boolean preferEpoll) {
    int pairs = calls + 64;                 // room for a pair another process holds (the relay then takes the next)
    int span = 4 * pairs;
    int top = 32_000;                       // below the ephemeral range the generator's sockets come from
    if (10_000 + span > top) {
      throw new IllegalArgumentException("too many calls for the port space below 32000: " + calls);
    }
    int base = 10_000 + 2 * ThreadLocalRandom.current().nextInt((top - 10_000 - span) / 2 + 1);
    InetAddress lo = InetAddress.getLoopbackAddress();
    return new RelayConfig(List.of(
        new Realm(Realm.ACCESS, lo, new PortRange(base, base + 2 * pairs - 1)),
        new Realm(Realm.CORE, lo, new PortRange(base + 2 * pairs, base + 4 * pairs - 1))),
        loops, 4, 2048, preferEpoll, batch, Duration.ofHours(2));
  }

  /** Two Adds per call (access with keys, then core in the same context); returns {access, core} RTP ports. */
  private static int[][] setUp(RelayGatewayHandler handler, LoadPlan p) throws Exception {
    int[][] ports = new int[p.calls()][];
    for (int first = 0; first < p.calls(); first += SETUP_WINDOW) {
      int last = Math.min(p.calls(), first + SETUP_WINDOW);
      List<CompletableFuture<int[]>> window = new ArrayList<>();
      for (int i = first; i < last; i++) {
        window.add(call(handler, p, i));
      }
      for (int i = first; i < last; i++) {
        ports[i] = window.get(i - first).get(30, TimeUnit.SECONDS);
      }
    }
    return ports;
  }

  /** Call i's access Local (the gateway's key), access Remote (the UE's key) and core Remote SDP. */
  private static String[] sdp(LoadPlan p, int i) {
    int uePort = p.ueSink(i);
    int corePort = p.coreSink(i);
    String accessLocal = "v=0\r\nc=IN IP4 $\r\nm=audio $ RTP/SAVP 8\r\na=rtpmap:8 PCMA/8000\r\na=crypto:1 " + SUITE
        + " " + inline(p.agwKey(i)) + "\r\n";
    String ueRemote = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " + uePort
        + " RTP/SAVP 8\r\na=rtcp-mux\r\na=crypto:1 " + SUITE + " " + inline(p.ueKey(i)) + "\r\n";
    String coreRemote = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio "
        + corePort + " RTP/AVP 8\r\na=rtcp-mux\r\n";
    return new String[] {accessLocal, ueRemote, coreRemote};
  }

  private static CompletableFuture<int[]> call(RelayGatewayHandler handler, LoadPlan p, int i) {
    String[] sdp = sdp(p, i);
    String accessLocal = sdp[0];
    String ueRemote = sdp[1];
    String coreRemote = sdp[2];
    return handler.add(ContextId.CHOOSE, add("access", accessLocal, ueRemote)).toCompletableFuture()
        .thenCompose(a -> {
          var access = success(a, i, "access");
          return handler.add(access.context(), add("core", CORE_LOCAL, coreRemote)).toCompletableFuture()
              .thenApply(c -> new int[] {portOf(access), portOf(success(c, i, "core"))});
        });
  }

  /** The controller (P-CSCF side) and the gateway's Iq server, associated over UDP on 127.0.0.1. */
  private record Iq(IqController controller, IqGatewayServer server) implements AutoCloseable {
    static Iq start(RelayGatewayHandler handler) throws Exception {
      InetAddress lo = InetAddress.getLoopbackAddress();
      var transport = new UdpTransportConfig(new InetSocketAddress(lo, 0),
          LinkSecurity.loopbackOnly(List.of(AllowedPeer.anyPort(lo))));
      IqController controller = IqController.start(new ControllerConfig(transport,
          MId.domain("pcscf.load.invalid", 2944), Optional.empty(), TransactionConfig.DEFAULT, Duration.ofSeconds(60),
          3, 3), event -> { }, MessageCodec.TEXT, Runnable::run);
      IqGatewayServer server = IqGatewayServer.start(new GatewayConfig(transport,
          MId.domain("agw.load.invalid", 2944), controller.localAddress(), TransactionConfig.DEFAULT,
          Optional.of(new ServiceChangeProfile("iqprof", 1)), 3, Duration.ofMillis(200)), handler, MessageCodec.TEXT,
          Runnable::run);
      server.registration().get(30, TimeUnit.SECONDS);
      return new Iq(controller, server);
    }

    @Override
    public void close() {
      server.close();
      controller.close();
    }
  }

  /** The same two terminations per call as {@link #call}, requested by the controller over real Iq. */
  private static int[][] setUp(IqController controller, LoadPlan p) throws Exception {
    int[][] ports = new int[p.calls()][];
    for (int first = 0; first < p.calls(); first += SETUP_WINDOW) {
      int last = Math.min(p.calls(), first + SETUP_WINDOW);
      List<CompletableFuture<int[]>> window = new ArrayList<>();
      for (int i = first; i < last; i++) {
        String[] sdp = sdp(p, i);
        window.add(controller.reserveAndConfigureConnectionPoint(ConnectionPointRequest.reserveAndConfigure(
                ContextId.CHOOSE, "access", SdpText.of(sdp[0]), SdpText.of(sdp[1])))
            .thenCompose(a -> controller.reserveAndConfigureConnectionPoint(ConnectionPointRequest.reserveAndConfigure(
                    a.context(), "core", SdpText.of(CORE_LOCAL), SdpText.of(sdp[2])))
                .thenApply(c -> new int[] {portOf(a), portOf(c)})));
      }
      for (int i = first; i < last; i++) {
        ports[i] = window.get(i - first).get(60, TimeUnit.SECONDS);
      }
    }
    return ports;
  }

  private static int portOf(ConnectionPoint point) {
    return portOf(point.local().orElseThrow(() -> new IllegalStateException("no Local in the Iq reply")).text());
  }

  private static Add add(String realm, String local, String remote) {
    return Add.of(TerminationId.CHOOSE, Media.of(TerminationState.of(PropertyParm.quoted("ipdc/realm", realm)),
        new Stream(1, StreamParms.of(LocalControl.of(StreamMode.SEND_RECEIVE), SdpText.of(local),
            SdpText.of(remote)))));
  }

  private static CommandOutcome.Success success(CommandOutcome o, int call, String side) {
    if (o instanceof CommandOutcome.Success s) {
      return s;
    }
    throw new IllegalStateException("call " + call + ": " + side + " Add refused: " + o);
  }

  private static int portOf(CommandOutcome.Success s) {
    return portOf(((AddReply) s.reply()).media().flatMap(m -> m.stream(1)).flatMap(StreamParms::local)
        .orElseThrow().text());
  }

  private static int portOf(String local) {
    Matcher m = M_PORT.matcher(local);
    if (!m.find()) {
      throw new IllegalStateException("no m= port in the Add reply's Local");
    }
    return Integer.parseInt(m.group(1));
  }

  private static String inline(byte[] keySalt) {
    return "inline:" + Base64.getEncoder().encodeToString(keySalt) + "|2^31";
  }

  /** Written to a temporary file and renamed, so the generator never reads half a file. */
  private static void writePorts(Path out, String impl, int[][] ports) throws IOException {
    var b = new StringBuilder(32 * ports.length + 128);
    b.append("ims-relay-load-ports 1\n");
    b.append("pid ").append(ProcessHandle.current().pid()).append('\n');
    b.append("impl ").append(impl).append('\n');
    b.append("calls ").append(ports.length).append('\n');
    for (int i = 0; i < ports.length; i++) {
      b.append("port ").append(i).append(' ').append(ports[i][0]).append(' ').append(ports[i][1]).append('\n');
    }
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    Files.writeString(tmp, b, StandardCharsets.US_ASCII);
    Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Serves until {@code stop} (the shutdown hook) or the time limit; prints heap lines meanwhile. */
  private static void serve(CountDownLatch stop, long maxSeconds, long heapInterval) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
    long start = System.nanoTime();
    while (!stop.await(heapInterval, TimeUnit.SECONDS)) {
      printHeap(start);
      if (System.nanoTime() > deadline) {
        System.err.println("LoadGateway: time limit reached");
        break;
      }
    }
    printHeap(start);
  }

  private static void printHeap(long start) {
    long used = 0;
    long afterGc = 0;                        // per pool, after that pool's last collection
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() != MemoryType.HEAP) {
        continue;
      }
      used += pool.getUsage().getUsed();
      MemoryUsage collected = pool.getCollectionUsage();
      if (collected != null) {
        afterGc += collected.getUsed();
      }
    }
    long count = 0;
    long millis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
      millis += Math.max(0, gc.getCollectionTime());
    }
    System.err.printf("HEAP t=%d used=%d poolsAfterLastGc=%d gcCount=%d gcMillis=%d%n",
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), used, afterGc, count, millis);
  }
}
