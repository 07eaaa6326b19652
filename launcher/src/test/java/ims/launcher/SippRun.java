package ims.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * SIPp (Debian {@code sip-tester}) running one of the shipped scenarios ({@code launcher/sipp/}, path from the
 * {@code ims.sipp.dir} system property) on 127.0.0.1 for one call; SIPp bounds itself ({@code -timeout} with
 * {@code -timeout_error}) and {@link #await} bounds the wait again.
 */
final class SippRun {
  static final Path BINARY = Path.of("/usr/bin/sipp");
  static final Duration SIPP_TIMEOUT = Duration.ofSeconds(40);

  private final Process process;
  private final Path output;

  private SippRun(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  static void requireInstalled() {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(BINARY + " is missing: install Debian's sip-tester, e.g. by running scripts/test.sh");
    }
  }

  /**
   * Copies the shipped {@code scenario} into {@code dir} with the media port {@code from} replaced by {@code to}
   * (the test's own media sockets), then runs it on {@code localPort}, toward {@code remote} (null: a UAS).
   */
  static SippRun start(Path dir, String scenario, String from, String to, int localPort, String remote,
      String... extra) throws IOException {
    String text = Files.readString(Path.of(System.getProperty("ims.sipp.dir"), scenario), StandardCharsets.ISO_8859_1);
    if (!text.contains(from)) {
      throw new IllegalArgumentException(scenario + " has no '" + from + "'");
    }
    Path file = dir.resolve(scenario);
    Files.writeString(file, text.replace(from, to), StandardCharsets.ISO_8859_1);
    List<String> command = new ArrayList<>(List.of(BINARY.toString()));
    if (remote != null) {
      command.add(remote);
    }
    command.addAll(List.of("-sf", file.toString(), "-i", "127.0.0.1", "-p", Integer.toString(localPort), "-t", "u1",
        "-m", "1", "-timeout", SIPP_TIMEOUT.toSeconds() + "s", "-timeout_error", "-nostdin"));
    command.addAll(List.of(extra));
    Path output = dir.resolve(scenario + "-" + localPort + ".out");
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(output.toFile()).start();
    return new SippRun(process, output);
  }

  /** Waits (bounded) for the exit code; a process still running then is destroyed and reported as -1. */
  int await() throws InterruptedException {
    if (!process.waitFor(SIPP_TIMEOUT.toSeconds() + 15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      return -1;
    }
    return process.exitValue();
  }

  String output() {
    try {
      return Files.readString(output, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  void destroy() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
