package ims.pcscf.sip;

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
 * One SIPp (Debian {@code sip-tester}) process running a scenario from {@code src/test/resources/sipp/}
 * on 127.0.0.1, one UDP socket ({@code -t u1}), one call ({@code -m 1}). SIPp bounds itself
 * ({@code -timeout} with {@code -timeout_error}: a run that times out fails); {@link #await} bounds the
 * wait again and destroys a process that did not exit.
 */
final class Sipp {
  static final Path BINARY = Path.of("/usr/bin/sipp");
  /** SIPp's own global timeout; {@link #await} allows a margin above it. */
  static final Duration SIPP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration AWAIT = SIPP_TIMEOUT.plusSeconds(15);

  private final Process process;
  private final Path output;

  private Sipp(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /** Fails the test at once, with the remedy, where SIPp is not installed. */
  static void requireInstalled() {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(BINARY + " is missing: install Debian's sip-tester, e.g. by running scripts/test.sh");
    }
  }

  /**
   * Starts {@code scenario} in {@code dir} with SIPp bound to {@code localPort}; {@code remotePort} is the
   * peer a UAC scenario sends to ({@code 0} for a UAS scenario); {@code keys} are {@code -key} pairs.
   */
  static Sipp start(Path dir, String scenario, int localPort, int remotePort, String... keys) throws IOException {
    if (keys.length % 2 != 0) {
      throw new IllegalArgumentException("keys come in pairs: " + List.of(keys));
    }
    Path file = dir.resolve(scenario);
    if (!Files.exists(file)) {
      try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + scenario)) {
        if (in == null) {
          throw new IllegalArgumentException("no scenario " + scenario);
        }
        Files.copy(in, file);
      }
    }
    List<String> command = new ArrayList<>(List.of(BINARY.toString()));
    if (remotePort != 0) {
      command.add("127.0.0.1:" + remotePort);
    }
    command.addAll(List.of("-sf", file.toString(), "-i", "127.0.0.1", "-p", Integer.toString(localPort),
        "-t", "u1", "-m", "1", "-timeout", SIPP_TIMEOUT.toSeconds() + "s", "-timeout_error", "-nostdin"));
    for (int i = 0; i < keys.length; i += 2) {
      command.addAll(List.of("-key", keys[i], keys[i + 1]));
    }
    Path output = dir.resolve(scenario + "-" + localPort + ".out");
    Process process = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    return new Sipp(process, output);
  }

  /** Waits (bounded) for SIPp to exit; a process still running then is destroyed and reported as failed. */
  Result await() throws IOException, InterruptedException {
    boolean exited = process.waitFor(AWAIT.toSeconds(), TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    String text = Files.readString(output, StandardCharsets.ISO_8859_1);
    return new Result(exited, exited ? process.exitValue() : -1, text);
  }

  /** Destroys the process if it is still running (cleanup after a failed test). */
  void destroy() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  /** How a run ended: {@code exitCode} 0 means every call of the scenario succeeded (checks included). */
  record Result(boolean exited, int exitCode, String output) {
    boolean succeeded() {
      return exited && exitCode == 0;
    }
  }
}
