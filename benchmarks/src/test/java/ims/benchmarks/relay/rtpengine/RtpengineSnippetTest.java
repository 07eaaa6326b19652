package ims.benchmarks.relay.rtpengine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * benchmarks/src/main/sh/rtpengine.sh with a stand-in for the rtpengine binary (a script that records its arguments
 * and then waits): the options the harness relies on, and that rtpengine_stop ends the process it started.
 */
@Timeout(30)
class RtpengineSnippetTest {
  private static final Path SNIPPET = Path.of("src/main/sh/rtpengine.sh");

  @Test
  void startsUserspaceRtpengineOnLoopbackAndStopsIt(@TempDir Path dir) throws Exception {
    Path args = dir.resolve("args");
    Path fake = dir.resolve("rtpengine");
    Files.writeString(fake, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + args + ".tmp' && mv '" + args + ".tmp' '" + args
        + "'\nexec sleep 20\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
    String script = ". '" + SNIPPET.toAbsolutePath() + "'\n"
        + "RTPENGINE_BIN='" + fake + "' rtpengine_start 22223 30000 30999 2 - '" + dir.resolve("log") + "' 120\n"
        + "for i in $(seq 100); do [ -f '" + args + "' ] && break; sleep 0.05; done\n"
        + "pid=$RTPENGINE_PID\n"
        + "kill -0 $pid && echo running\n"
        + "rtpengine_stop\n"
        + "kill -0 $pid 2>/dev/null && echo still-running || echo stopped\n";
    Process bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
    assertThat(bash.waitFor(20, TimeUnit.SECONDS)).isTrue();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(out.lines()).containsExactly("running", "stopped");

    List<String> options = Files.readAllLines(args);
    assertThat(options).contains("--config-file=none", "--table=-1", "--interface=127.0.0.1",
        "--listen-ng=127.0.0.1:22223", "--port-min=30000", "--port-max=30999", "--num-threads=2",
        "--timeout=120", "--silent-timeout=120", "--delete-delay=0", "--foreground", "--log-stderr",
        "--log-level=5");
    assertThat(RtpengineProcess.mode(options)).isEqualTo("userspace");
  }
}
