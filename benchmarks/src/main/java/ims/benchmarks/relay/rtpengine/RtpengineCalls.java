package ims.benchmarks.relay.rtpengine;

import ims.benchmarks.relay.LoadPlan;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Sets the load generator's calls up in a running rtpengine (the reference relay of {@code run-relay-load.sh}: the
 * Kamailio + rtpengine e2ae stand-in of {@code shared/reference/anchor-kamailio-rtpengine}, without Kamailio) over the
 * ng protocol, and writes the ports file the generator waits for, in {@link ims.benchmarks.relay.LoadGateway}'s
 * format plus the key rtpengine chose toward the UE.
 *
 * <p>Per call i of the plan, as Kamailio's {@code rtpengine_offer("RTP/AVP replace-origin
 * replace-session-connection")} and {@code rtpengine_answer("RTP/SAVP ...")} would: an {@code offer} from the UE
 * (SRTP AES_CM_128_HMAC_SHA1_80 with the plan's UE key, from the generator's UE sink of call i) rewritten to plain
 * RTP/AVP toward the core, no ICE, no DTLS; then the core's {@code answer} (RTP/AVP at the generator's core sink of
 * call i) rewritten to RTP/SAVP toward the UE, where rtpengine adds its own key. rtpengine's core port comes from
 * the offer's reply, its access port and key from the answer's.
 *
 * <p>Ports file ({@code relay_load.h}): {@code ims-relay-load-ports 1}, {@code pid <rtpengine's pid>},
 * {@code impl rtpengine <version> userspace threads=N}, {@code calls N}, then per call
 * {@code port <i> <access port> <core port> <hex key||salt toward the UE, 30 bytes>}; written to a temporary file and
 * renamed. Without {@code -delete-at-exit} it exits once the file is written (the calls stay in rtpengine, which keeps
 * them until its {@code --timeout} without media); with it, it waits for SIGTERM (or {@code -max-seconds}) and then
 * deletes every call.
 *
 * <pre>java -cp benchmarks.jar ims.benchmarks.relay.rtpengine.RtpengineCalls -plan P -ports OUT -ng 127.0.0.1:PORT
 *      -pid RTPENGINE_PID [-delete-at-exit] [-wait-seconds 10] [-max-seconds 3600] [-timeout-ms 1000]
 *      [-attempts 5]</pre>
 */
public final class RtpengineCalls {
  private static final String FIELD_TRANSPORT = "transport-protocol";

  private final NgClient ng;
  private final String callIdPrefix;

  RtpengineCalls(NgClient ng) {
    this.ng = ng;
    this.callIdPrefix = "ims-load-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "-";
  }

  public static void main(String[] args) throws Exception {
    Path planFile = null;
    Path portsOut = null;
    InetSocketAddress ngAddress = null;
    long pid = -1;
    boolean deleteAtExit = false;
    long waitSeconds = 10;
    long maxSeconds = 3600;
    Duration timeout = Duration.ofMillis(1000);
    int attempts = 5;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("-delete-at-exit")) {
        deleteAtExit = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + option + " needs a value");
      }
      String v = args[++i];
      switch (option) {
        case "-plan" -> planFile = Path.of(v);
        case "-ports" -> portsOut = Path.of(v);
        case "-ng" -> ngAddress = NgPing.address(v);
        case "-pid" -> pid = Long.parseLong(v);
        case "-wait-seconds" -> waitSeconds = Long.parseLong(v);
        case "-max-seconds" -> maxSeconds = Long.parseLong(v);
        case "-timeout-ms" -> timeout = Duration.ofMillis(Long.parseLong(v));
        case "-attempts" -> attempts = Integer.parseInt(v);
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    if (planFile == null || portsOut == null || ngAddress == null || pid <= 0) {
      throw new IllegalArgumentException("usage: RtpengineCalls -plan P -ports OUT -ng HOST:PORT -pid RTPENGINE_PID"
          + " [-delete-at-exit] [-wait-seconds S] [-max-seconds S] [-timeout-ms MS] [-attempts N]");
    }
    String impl = RtpengineProcess.describe(pid);
    var stop = new CountDownLatch(1);
    var done = new CountDownLatch(1);
    if (deleteAtExit) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        stop.countDown();
        try {
          done.await(60, TimeUnit.SECONDS);     // main deletes the calls first
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    List<RelayedCall> calls = new ArrayList<>();
    try (LoadPlan plan = LoadPlan.read(planFile); NgClient ng = NgClient.connect(ngAddress, timeout, attempts)) {
      if (!NgPing.await(ng, Duration.ofSeconds(waitSeconds))) {
        throw new IOException("rtpengine at " + ngAddress + " did not answer ping within " + waitSeconds + " s");
      }
      var driver = new RtpengineCalls(ng);
      long t0 = System.nanoTime();
      for (int i = 0; i < plan.calls(); i++) {
        calls.add(driver.setUp(plan, i));
      }
      writePorts(portsOut, pid, impl, calls);
      System.err.printf("RtpengineCalls: %d calls in %d ms (%s)%n", calls.size(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), impl);
      if (deleteAtExit) {
        if (!stop.await(maxSeconds, TimeUnit.SECONDS)) {
          System.err.println("RtpengineCalls: time limit reached");
        }
        int failed = driver.deleteAll(calls.size());
        System.err.printf("RtpengineCalls: deleted %d calls (%d refused or unanswered)%n", calls.size() - failed,
            failed);
      }
    } finally {
      calls.forEach(RelayedCall::close);
      done.countDown();
    }
  }

  /** Offer from the UE, answer from the core; the ports and key rtpengine returned. */
  RelayedCall setUp(LoadPlan plan, int i) throws IOException, NgException {
    byte[] ueKey = plan.ueKey(i);
    BDict offer;
    try {
      offer = BDict.builder()
          .put("command", "offer")
          .put("call-id", callId(i))
          .put("from-tag", fromTag(i))
          .put("sdp", RtpengineSdp.ueOffer(plan.ueSink(i), ueKey))
          .put(FIELD_TRANSPORT, "RTP/AVP")
          .put("replace", BList.ofStrings("origin", "session-connection"))
          .put("ICE", "remove")
          .put("DTLS", "off")
          .build();
    } finally {
      Arrays.fill(ueKey, (byte) 0);
    }
    String toCore = sdp(ng.call(offer), i, "offer");
    int corePort = RtpengineSdp.audioPort(toCore)
        .orElseThrow(() -> new IOException("call " + i + ": no m=audio port in rtpengine's offer"));
    BDict answer = BDict.builder()
        .put("command", "answer")
        .put("call-id", callId(i))
        .put("from-tag", fromTag(i))
        .put("to-tag", "core-" + i)
        .put("sdp", RtpengineSdp.coreAnswer(plan.coreSink(i)))
        .put(FIELD_TRANSPORT, "RTP/SAVP")
        .put("replace", BList.ofStrings("origin", "session-connection"))
        .put("ICE", "remove")
        .build();
    String toUe = sdp(ng.call(answer), i, "answer");
    int accessPort = RtpengineSdp.audioPort(toUe)
        .orElseThrow(() -> new IOException("call " + i + ": no m=audio port in rtpengine's answer"));
    byte[] key = RtpengineSdp.sdesKey(toUe).orElseThrow(() -> new IOException("call " + i + ": no "
        + RtpengineSdp.SUITE + " a=crypto with a 30-byte key in rtpengine's answer toward the UE"));
    try {
      return new RelayedCall(accessPort, corePort, key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** Deletes calls 0..n-1; returns how many rtpengine refused or did not answer. */
  int deleteAll(int n) throws IOException {
    int failed = 0;
    for (int i = 0; i < n; i++) {
      try {
        ng.call(BDict.builder().put("command", "delete").put("call-id", callId(i)).put("from-tag", fromTag(i))
            .build());
      } catch (NgException e) {
        failed++;
      }
    }
    return failed;
  }

  private String callId(int i) {
    return callIdPrefix + i;
  }

  private static String fromTag(int i) {
    return "ue-" + i;
  }

  private static String sdp(BDict reply, int i, String command) throws IOException {
    return reply.text("sdp").orElseThrow(() -> new IOException("call " + i + ": no sdp in the " + command
        + " reply"));
  }

  /** Written to a temporary file and renamed, so the generator never reads half a file. */
  static void writePorts(Path out, long pid, String impl, List<RelayedCall> calls) throws IOException {
    var b = new StringBuilder(96 * calls.size() + 128);
    b.append("ims-relay-load-ports 1\n");
    b.append("pid ").append(pid).append('\n');
    b.append("impl ").append(impl).append('\n');
    b.append("calls ").append(calls.size()).append('\n');
    for (int i = 0; i < calls.size(); i++) {
      b.append(calls.get(i).portsLine(i)).append('\n');
    }
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    Files.writeString(tmp, b, StandardCharsets.US_ASCII);
    Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
