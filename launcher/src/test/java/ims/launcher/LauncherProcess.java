package ims.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The real product process: the distribution's {@code bin/ims-e2ae} (built in 'package', path from the
 * {@code ims.dist.dir} system property), run with the test JVM's own Java, its output in files. Every wait is
 * bounded; {@link #close()} destroys what is still running.
 */
final class LauncherProcess implements AutoCloseable {
  static final Duration START_WAIT = Duration.ofSeconds(60);

  private final Process process;
  private final Path out;
  private final Path err;
  private final String http;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private LauncherProcess(Process process, Path out, Path err, String http) {
    this.process = process;
    this.out = out;
    this.err = err;
    this.http = http;
  }

  static Path dist() {
    String dir = System.getProperty("ims.dist.dir");
    if (dir == null || !Files.isExecutable(Path.of(dir, "bin", "ims-e2ae"))) {
      throw new IllegalStateException("no distribution at " + dir + ": run 'mvn verify' (it builds it in package)");
    }
    return Path.of(dir);
  }

  /** Starts {@code bin/ims-e2ae args} in {@code dir}; {@code httpBind} is where the test reaches its endpoints. */
  static LauncherProcess start(Path dir, String httpBind, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(dist().resolve("bin/ims-e2ae").toString());
    command.addAll(List.of(args));
    String name = "launcher-" + System.nanoTime();
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    var builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().putAll(env); // may replace JAVA_HOME
    return new LauncherProcess(builder.start(), out, err, "http://" + httpBind);
  }

  /** Polls /health/ready until 200 (bounded); fails with the process output when it exits or the time runs out. */
  void awaitReady() {
    awaitCondition(START_WAIT, "ready", () -> {
      if (!process.isAlive()) {
        throw new AssertionError("the launcher exited with " + process.exitValue() + ":\n" + output());
      }
      return status("/health/ready") == 200;
    });
  }

  int status(String path) {
    try {
      return client.send(HttpRequest.newBuilder(URI.create(http + path)).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(http + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError(path + " answered " + response.statusCode());
    }
    return response.body();
  }

  /** The value of one Prometheus sample, e.g. {@code ims_pcscf_calls_total{mode="e2ae"}}; NaN when absent. */
  double metric(String sample) throws IOException, InterruptedException {
    for (String line : get("/metrics").split("\n")) {
      if (line.startsWith(sample + " ")) {
        return Double.parseDouble(line.substring(sample.length() + 1).strip());
      }
    }
    return Double.NaN;
  }

  long pid() {
    return process.pid();
  }

  String httpBase() {
    return http;
  }

  /** SIGTERM (the script execs the JVM, so the signal reaches it) and a bounded wait; returns the exit code. */
  int terminate(Duration wait) throws InterruptedException {
    process.destroy();
    return awaitExit(wait);
  }

  int awaitExit(Duration wait) throws InterruptedException {
    if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      throw new AssertionError("the launcher did not exit within " + wait + ":\n" + output());
    }
    return process.exitValue();
  }

  String stdout() {
    return read(out);
  }

  String stderr() {
    return read(err);
  }

  String output() {
    return "--- stdout\n" + stdout() + "--- stderr\n" + stderr();
  }

  private static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  static void awaitCondition(Duration wait, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not " + what + " within " + wait);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
