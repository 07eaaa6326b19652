package ims.benchmarks.relay.rtpengine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the ports file's {@code impl} line says about the rtpengine process under test, read from the process itself:
 * its version ({@code /proc/<pid>/exe --version}) and its command line ({@code /proc/<pid>/cmdline}: kernel table,
 * worker threads).
 */
final class RtpengineProcess {
  private static final Pattern VERSION = Pattern.compile("Version:\\s*(\\S+)");

  private RtpengineProcess() {
  }

  /** {@code rtpengine <version> userspace threads=N}; "?" for what could not be read. */
  static String describe(long pid) throws InterruptedException {
    List<String> args = commandLine(pid);
    String version = version(pid).orElse("?");
    return "rtpengine " + version + " " + mode(args) + " threads=" + option(args, "num-threads").orElse("?");
  }

  /** {@code userspace} when started with {@code --table=-1} (no kernel forwarding), else the table. */
  static String mode(List<String> args) {
    String table = option(args, "table").orElse(null);
    return table == null ? "table=default" : table.equals("-1") ? "userspace" : "table=" + table;
  }

  /** The value of {@code --name=value} or {@code --name value}. */
  static Optional<String> option(List<String> args, String name) {
    String eq = "--" + name + "=";
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith(eq)) {
        return Optional.of(a.substring(eq.length()));
      }
      if (a.equals("--" + name) && i + 1 < args.size()) {
        return Optional.of(args.get(i + 1));
      }
    }
    return Optional.empty();
  }

  private static List<String> commandLine(long pid) {
    try {
      String raw = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
          StandardCharsets.UTF_8);
      return List.of(raw.split("\0"));
    } catch (IOException e) {
      return List.of();
    }
  }

  private static Optional<String> version(long pid) throws InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(Path.of("/proc", Long.toString(pid), "exe").toString(), "--version")
          .redirectErrorStream(true).start();
    } catch (IOException e) {
      return Optional.empty();
    }
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      Matcher m = VERSION.matcher(out);
      return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
