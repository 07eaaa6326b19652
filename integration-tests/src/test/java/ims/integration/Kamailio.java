package ims.integration;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Kamailio (Debian {@code kamailio}) as the IMS core of a test: a registrar with usrloc in memory and Path
 * support, and an S-CSCF-like router ({@code src/test/resources/kamailio/registrar.cfg}). Runs as a child
 * process in the foreground ({@code -DD -E}), listening on a UDP port of 127.0.0.1 chosen at run time, with
 * its control socket and log in the test's own folder. {@link #close()} ends it and all its workers.
 */
final class Kamailio implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/sbin/kamailio");
  static final Path KAMCMD = Path.of("/usr/sbin/kamcmd");
  private static final Duration READY_WITHIN = Duration.ofSeconds(15);
  private static final int START_ATTEMPTS = 3;
  /**
   * Runs Kamailio under a small shell guard that ends it when the guard's stdin (a pipe from this JVM) closes:
   * on {@link #close()}, and also when the test JVM dies without running any code (surefire's fork timeout), so
   * no Kamailio outlives its test. The guard exits with Kamailio's status when Kamailio exits by itself.
   */
  private static final String GUARD =
      "exec 3<&0; \"$@\" </dev/null & k=$!; (read _ <&3; kill $k 2>/dev/null) & wait $k";
  private static final String HINT = "Kamailio is missing: install Debian's kamailio (scripts/test.sh does)";
  private static final String BEGIN = ">>>>RECEIVED ";
  private static final String END = "\n<<<<END";

  private final Process process;
  private final Path dir;
  private final Path log;
  private final int port;

  private Kamailio(Process process, Path dir, Path log, int port) {
    this.process = process;
    this.dir = dir;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts Kamailio with its files in {@code dir} and waits (bounded) until it answers an OPTIONS. The port is
   * free when chosen but another process may take it before Kamailio binds it: then Kamailio exits at once, and
   * it is started again on another port (a few times at most).
   */
  static Kamailio start(Path dir) throws IOException {
    if (!Files.isExecutable(BINARY) || !Files.isExecutable(KAMCMD)) {
      throw new IllegalStateException(HINT);
    }
    String template;
    try (InputStream in = Kamailio.class.getResourceAsStream("/kamailio/registrar.cfg")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (int attempt = 1; ; attempt++) {
      var kamailio = launch(dir, template, FreePorts.udp());
      try {
        if (kamailio.awaitReady()) {
          return kamailio;
        }
      } catch (IOException | RuntimeException | Error e) {
        kamailio.close();
        throw e;
      }
      kamailio.close();
      if (attempt == START_ATTEMPTS) {
        throw new AssertionError("kamailio exited at start " + START_ATTEMPTS + " times; last log:\n" + kamailio.log());
      }
    }
  }

  private static Kamailio launch(Path dir, String template, int port) throws IOException {
    Path cfg = dir.resolve("kamailio.cfg");
    Files.writeString(cfg, template.replace("@PORT@", Integer.toString(port)).replace("@RUN@", dir.toString()));
    Path log = dir.resolve("kamailio.log");
    Process process = new ProcessBuilder("/bin/sh", "-c", GUARD, "kamailio-guard", BINARY.toString(),
        "-f", cfg.toString(), "-DD", "-E", "-w", dir.toString(), "-Y", dir.toString(), "-m", "32", "-M", "8")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    return new Kamailio(process, dir, log, port);
  }

  int port() {
    return port;
  }

  /** The location table as {@code kamcmd ul.dump} prints it (over the ctl socket of this instance). */
  String ulDump() throws IOException {
    return ChildProcesses.run(List.of(KAMCMD.toString(), "-s", "unix:" + dir.resolve("kamailio_ctl"), "ul.dump"), HINT);
  }

  /** Every REGISTER or INVITE of {@code method} Kamailio received, as it received it (its xlog of {@code $mb}). */
  List<String> received(String method) throws IOException {
    String text = Files.readString(log, StandardCharsets.ISO_8859_1);
    var out = new ArrayList<String>();
    for (int at = text.indexOf(BEGIN); at >= 0; at = text.indexOf(BEGIN, at + 1)) {
      int start = text.indexOf('\n', at) + 1;
      int end = text.indexOf(END, start);
      if (start <= 0 || end < 0) {
        break;
      }
      if (text.startsWith(BEGIN + method + " ", at)) {
        out.add(text.substring(start, end));
      }
    }
    return out;
  }

  /** The log so far (for failure messages). */
  String log() throws IOException {
    return Files.readString(log, StandardCharsets.ISO_8859_1);
  }

  /** True once Kamailio answers an OPTIONS; false if it exited (e.g. its port was taken); fails after a deadline. */
  private boolean awaitReady() throws IOException {
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (var probe = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
      probe.setSoTimeout(200);   // one OPTIONS per 200 ms until the first answer: a retransmission, not a sleep
      byte[] buffer = new byte[4096];
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          return false;
        }
        byte[] options = options(probe.getLocalPort()).getBytes(StandardCharsets.US_ASCII);
        probe.send(new DatagramPacket(options, options.length, loopback, port));
        try {
          var packet = new DatagramPacket(buffer, buffer.length);
          probe.receive(packet);
          if (new String(buffer, 0, packet.getLength(), StandardCharsets.US_ASCII).startsWith("SIP/2.0 200")) {
            return true;
          }
        } catch (SocketTimeoutException notYet) {
          // not listening yet
        }
      }
    }
    throw new AssertionError("kamailio did not answer OPTIONS within " + READY_WITHIN + ":\n" + log());
  }

  private String options(int fromPort) {
    String id = UUID.randomUUID().toString();
    return "OPTIONS sip:ims.test SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + fromPort + ";branch=z9hG4bK" + id.replace("-", "") + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:probe@ims.test>;tag=p\r\n"
        + "To: <sip:ims.test>\r\n"
        + "Call-ID: probe-" + id + "\r\n"
        + "CSeq: 1 OPTIONS\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();   // the guard's signal to end Kamailio
    } catch (IOException alreadyGone) {
      // the guard has exited already
    }
    ChildProcesses.end(process, Duration.ofSeconds(3));
  }
}
