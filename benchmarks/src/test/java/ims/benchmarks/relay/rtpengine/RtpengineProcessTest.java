package ims.benchmarks.relay.rtpengine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RtpengineProcessTest {
  // the command line of benchmarks/src/main/sh/rtpengine.sh, as /proc/<pid>/cmdline splits it
  private static final List<String> SNIPPET = List.of("/usr/bin/rtpengine", "--config-file=none", "--table=-1",
      "--interface=127.0.0.1", "--listen-ng=127.0.0.1:41234", "--num-threads=2", "--foreground");

  @Test
  void readsThreadsAndUserspaceModeFromTheCommandLine() {
    assertThat(RtpengineProcess.option(SNIPPET, "num-threads")).contains("2");
    assertThat(RtpengineProcess.mode(SNIPPET)).isEqualTo("userspace");
  }

  @Test
  void readsSpaceSeparatedOptionsAndNamesAKernelTable() {
    List<String> args = List.of("rtpengine", "--table", "0", "--num-threads", "4");
    assertThat(RtpengineProcess.option(args, "num-threads")).contains("4");
    assertThat(RtpengineProcess.mode(args)).isEqualTo("table=0");
    assertThat(RtpengineProcess.mode(List.of("rtpengine"))).isEqualTo("table=default");
    assertThat(RtpengineProcess.option(List.of("rtpengine", "--num-threads"), "num-threads")).isEmpty();
  }
}
