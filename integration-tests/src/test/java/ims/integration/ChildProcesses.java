package ims.integration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Running and ending the child processes the tests start (each by its own handle, never by name). */
final class ChildProcesses {
  private static final Duration RUN_LIMIT = Duration.ofSeconds(60);

  private ChildProcesses() {}

  /**
   * Ends {@code process} and every process it started: a polite SIGTERM, {@code grace} to exit, then SIGKILL.
   * Descendants are collected first, so children of a process that exits are not orphaned (Kamailio's workers).
   */
  static void end(Process process, Duration grace) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    for (ProcessHandle child : descendants) {
      if (child.isAlive()) {
        child.destroyForcibly();
      }
    }
  }

  /** Runs a short command to completion (bounded); returns its output, fails the test with {@code hint} otherwise. */
  static String run(List<String> command, String hint) throws IOException {
    // output to a file, not a pipe: a command that hangs cannot block the test beyond the bounded wait
    Path output = Files.createTempFile("child-", ".out");
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    } catch (IOException e) {
      Files.deleteIfExists(output);
      throw new AssertionError(command.get(0) + " could not be started (" + e.getMessage() + "): " + hint, e);
    }
    try {
      if (!p.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        end(p, Duration.ofSeconds(1));
        throw new AssertionError(command.get(0) + " did not finish within " + RUN_LIMIT);
      }
      String text = Files.readString(output, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new AssertionError(command + " failed (exit " + p.exitValue() + "): " + text + "\n" + hint);
      }
      return text;
    } catch (InterruptedException e) {
      end(p, Duration.ofSeconds(1));
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command.get(0), e);
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
