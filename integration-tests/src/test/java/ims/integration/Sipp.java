package ims.integration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One SIPp (Debian {@code sip-tester}) run of a scenario from {@code src/test/resources/sipp/} on 127.0.0.1:
 * one UDP socket, one call, bounded twice (SIPp's own {@code -timeout} with {@code -timeout_error}, and a
 * bounded wait that ends the process). Messages are traced to a file the test can read.
 */
final class Sipp implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/sipp");
  private static final Duration SIPP_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration AWAIT = SIPP_TIMEOUT.plusSeconds(10);

  private final Process process;
  private final Path output;
  private final Path messages;

  private Sipp(Process process, Path output, Path messages) {
    this.process = process;
    this.output = output;
    this.messages = messages;
  }

  /**
   * Starts {@code scenario} in {@code dir}, SIPp bound to {@code localPort}, sending to 127.0.0.1:{@code remotePort};
   * {@code keys} are {@code -key name value} pairs the scenario reads as {@code [name]}.
   */
  static Sipp start(Path dir, String scenario, int localPort, int remotePort, String... keys) throws IOException {
    if (keys.length % 2 != 0) {
      throw new IllegalArgumentException("keys come in pairs: " + List.of(keys));
    }
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(BINARY + " is missing: install Debian's sip-tester (scripts/test.sh does)");
    }
    Path file = dir.resolve(scenario);
    try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + scenario)) {
      if (in == null) {
        throw new IllegalArgumentException("no scenario " + scenario);
      }
      Files.copy(in, file);
    }
    Path output = dir.resolve(scenario + ".out");
    Path messages = dir.resolve(scenario + ".messages");
    List<String> command = new ArrayList<>(List.of(BINARY.toString(), "127.0.0.1:" + remotePort,
        "-sf", file.toString(), "-i", "127.0.0.1", "-p", Integer.toString(localPort), "-t", "u1", "-m", "1",
        "-timeout", SIPP_TIMEOUT.toSeconds() + "s", "-timeout_error", "-nostdin",
        "-trace_msg", "-message_file", messages.toString()));
    for (int i = 0; i < keys.length; i += 2) {
      command.addAll(List.of("-key", keys[i], keys[i + 1]));
    }
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(output.toFile()).start();
    return new Sipp(process, output, messages);
  }

  /** Waits (bounded) for SIPp to exit; returns its exit code, or -1 if it had to be ended. */
  int await() throws InterruptedException {
    if (!process.waitFor(AWAIT.toSeconds(), TimeUnit.SECONDS)) {
      close();
      return -1;
    }
    return process.exitValue();
  }

  /** SIPp's console output (for failure messages). */
  String output() throws IOException {
    return Files.exists(output) ? Files.readString(output, StandardCharsets.ISO_8859_1) : "";
  }

  /** Every message SIPp sent or received, as its trace file shows them. */
  String messages() throws IOException {
    return Files.exists(messages) ? Files.readString(messages, StandardCharsets.ISO_8859_1) : "";
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      ChildProcesses.end(process, Duration.ofSeconds(2));
    }
  }
}
