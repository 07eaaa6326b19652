package ims.integration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The media side of a UE: libsrtp 2 with its own UDP sockets (RTP, and RTCP on the next port) on 127.0.0.1, a child process running
 * {@code src/test/c/srtp_ue.c} (compiled with gcc against Debian's libsrtp2-dev into the build folder on
 * first use). What the gateway receives from the UE was protected by libsrtp, and what the gateway sends
 * toward the UE is authenticated and decrypted by libsrtp: the project's SRTP engine is checked against an
 * independent implementation on the wire. Every answer is awaited with a deadline; {@link #close()} always
 * ends the process. Not thread-safe.
 */
final class LibSrtpUe implements AutoCloseable {
  private static final String INSTALL_HINT = "needs gcc, pkg-config and libsrtp2-dev (scripts/test.sh installs them)";
  private static final long ANSWER_TIMEOUT_SECONDS = 10;
  private static final HexFormat HEX = HexFormat.of();
  private static final String EOF = "\u0000eof";
  private static Path executable; // built once per test JVM; guarded by the class lock

  private final Process process;
  private final Writer toPeer;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
  private final int port;

  /** A packet the UE received and libsrtp accepted: the sender's port and the plain RTP. */
  record Received(int fromPort, byte[] rtp) {
    Received {
      rtp = rtp.clone();
    }

    @Override
    public byte[] rtp() {
      return rtp.clone();
    }
  }

  private LibSrtpUe(Process process) {
    this.process = process;
    this.toPeer = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
    Thread.ofPlatform().daemon().name("libsrtp-ue-reader").start(this::pumpAnswers);
    this.port = Integer.parseInt(ok(call("port"), "port"));
  }

  static LibSrtpUe start() throws IOException {
    Path binary = executable();
    Process process = new ProcessBuilder(binary.toString())
        .redirectError(ProcessBuilder.Redirect.appendTo(binary.resolveSibling("srtp_ue.stderr.log").toFile()))
        .start();
    try {
      return new LibSrtpUe(process);
    } catch (RuntimeException | Error e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** The UE's RTP port on 127.0.0.1 (what its SDP announces); its RTCP port is the next one. */
  int port() {
    return port;
  }

  /** Key for what the UE sends: {@code inline} is the base64 key||salt of an {@code a=crypto} line. */
  void sendWith(String suite, String inline) {
    session("tx", suite, inline);
  }

  /** Key for what the UE receives (and for {@link #unprotect}). */
  void receiveWith(String suite, String inline) {
    session("rx", suite, inline);
  }

  private void session(String which, String suite, String inline) {
    byte[] keySalt = Base64.getDecoder().decode(inline);
    try {
      ok(call(which + " " + suite + " " + HEX.formatHex(keySalt)), which + " " + suite);
    } finally {
      Arrays.fill(keySalt, (byte) 0);
    }
  }

  /** Protects {@code rtp} and sends it to 127.0.0.1:{@code toPort}; returns the SRTP bytes sent. */
  byte[] send(int toPort, byte[] rtp) {
    return HEX.parseHex(ok(call("send " + toPort + " " + HEX.formatHex(rtp)), "send"));
  }

  /** The next datagram, unprotected by libsrtp; fails the test on a timeout or a libsrtp error (e.g. auth_fail). */
  Received receive(Duration timeout) {
    String answer = call("recv " + timeout.toMillis());
    String[] parts = ok(answer, "recv").split(" ");
    return new Received(Integer.parseInt(parts[0]), HEX.parseHex(parts[1]));
  }

  /** Protects {@code rtcp} as SRTCP and sends it from the UE's RTCP port to 127.0.0.1:{@code toPort}. */
  byte[] sendRtcp(int toPort, byte[] rtcp) {
    return HEX.parseHex(ok(call("send_rtcp " + toPort + " " + HEX.formatHex(rtcp)), "send_rtcp"));
  }

  /** The next datagram on the UE's RTCP port, SRTCP-unprotected by libsrtp; fails on a timeout or libsrtp error. */
  Received receiveRtcp(Duration timeout) {
    String[] parts = ok(call("recv_rtcp " + timeout.toMillis()), "recv_rtcp").split(" ");
    return new Received(Integer.parseInt(parts[0]), HEX.parseHex(parts[1]));
  }

  /** libsrtp's unprotect of {@code srtp} with the receive key, nothing on the wire (captured packets). */
  byte[] unprotect(byte[] srtp) {
    return HEX.parseHex(ok(call("unprotect " + HEX.formatHex(srtp)), "unprotect"));
  }

  private static String ok(String answer, String what) {
    if (answer.equals("ok")) {
      return "";
    }
    if (answer.startsWith("ok ")) {
      return answer.substring(3);
    }
    throw new AssertionError("libsrtp UE: " + what + " answered '" + answer + "'");
  }

  private String call(String line) {
    try {
      toPeer.write(line);
      toPeer.write('\n');
      toPeer.flush();
      long wait = ANSWER_TIMEOUT_SECONDS
          + (line.startsWith("recv") ? Long.parseLong(line.substring(line.indexOf(' ') + 1)) / 1000 : 0);
      String answer = answers.poll(wait, TimeUnit.SECONDS);
      if (answer == null) {
        throw new AssertionError("libsrtp UE gave no answer within " + wait + " s (alive=" + process.isAlive() + ")");
      }
      if (answer.equals(EOF)) {
        throw new AssertionError("libsrtp UE died (exit " + process.waitFor() + "), see srtp_ue.stderr.log");
      }
      return answer;
    } catch (IOException e) {
      throw new UncheckedIOException("libsrtp UE pipe broken", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for the libsrtp UE", e);
    }
  }

  private void pumpAnswers() {
    try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
      for (String line; (line = in.readLine()) != null; ) {
        answers.add(line);
      }
    } catch (IOException ignored) {
      // the process ended; EOF tells the waiting caller
    }
    answers.add(EOF);
  }

  @Override
  public void close() {
    try {
      toPeer.write("quit\n");
      toPeer.close();
    } catch (IOException ignored) {
      // already gone
    }
    ChildProcesses.end(process, Duration.ofSeconds(2));
  }

  // ---- building ----

  private static synchronized Path executable() throws IOException {
    if (executable != null) {
      return executable;
    }
    Path buildDir = buildDirectory();
    Path source = buildDir.getParent().resolve("src/test/c/srtp_ue.c");
    if (!Files.isRegularFile(source)) {
      throw new AssertionError("missing C source of the libsrtp UE: " + source);
    }
    Path outDir = Files.createDirectories(buildDir.resolve("srtp-ue"));
    Path binary = outDir.resolve("srtp_ue");
    if (!Files.isExecutable(binary)
        || Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(source)) < 0) {
      String flags = ChildProcesses.run(List.of("pkg-config", "--cflags", "--libs", "libsrtp2"), INSTALL_HINT);
      // a name of its own, then an atomic rename: forked test JVMs may build at the same time
      Path partial = outDir.resolve("srtp_ue." + ProcessHandle.current().pid() + ".partial");
      var command = new ArrayList<>(List.of("gcc", "-std=c11", "-D_POSIX_C_SOURCE=200809L", "-O2", "-Wall",
          "-Wextra", "-o", partial.toString(), source.toString()));
      command.addAll(List.of(flags.trim().split("\\s+")));
      ChildProcesses.run(command, INSTALL_HINT);
      Files.move(partial, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    executable = binary;
    return binary;
  }

  /** The module's build folder (target, or target-NAME with -Dbuild.dir.name), found from the test classes. */
  static Path buildDirectory() {
    try {
      return Path.of(LibSrtpUe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
