package ims.media.srtp.interop;

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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * libsrtp 2 (Debian's libsrtp2-dev) as a child process speaking the line protocol of
 * {@code src/test/c/srtp_peer.c}. The C source is compiled with gcc into the build folder the first time a
 * test needs it. A process rather than JNA: no native-binding dependency in the build, and a crash or memory
 * error in the C side kills only the peer, which the test then reports, instead of the test JVM.
 *
 * <p>Not thread-safe: one test drives one peer. Every answer is awaited with a deadline, so a stuck peer fails
 * the test instead of hanging it; {@link #close()} always ends the process.
 */
final class LibSrtpPeer implements AutoCloseable {

  /** Flags of the {@code new} command, mirroring the RFC 4568 session parameters. */
  static final int UNENCRYPTED_SRTP = 1, UNENCRYPTED_SRTCP = 2, UNAUTHENTICATED_SRTP = 4, ALLOW_REPEAT_TX = 8;

  private static final String INSTALL_HINT =
      "The libsrtp cross-check needs gcc, pkg-config and libsrtp2-dev: run ./scripts/test.sh"
          + " (it installs them with apt-get) or apt-get install gcc pkg-config libsrtp2-dev.";
  private static final long ANSWER_TIMEOUT_SECONDS = 10;
  private static final HexFormat HEX = HexFormat.of();
  private static Path executable; // built once per test JVM; guarded by the class lock

  private final Process process;
  private final Writer toPeer;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

  /** The outcome of one packet command: {@code status} is "ok" or libsrtp's status name, e.g. "auth_fail". */
  record Answer(String status, int code, byte[] bytes) {
    Answer {
      Objects.requireNonNull(status, "status");
      bytes = bytes.clone();
    }

    boolean ok() {
      return code == 0;
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public String toString() {
      return ok() ? "ok " + HEX.formatHex(bytes) : "err " + code + " " + status;
    }
  }

  /**
   * A master key (key || salt) with its MKI value, or an empty MKI when the stream uses none. A class, not a
   * record, so that key bytes never reach a generated toString (house style), even in tests.
   */
  static final class Key {
    private final byte[] keyAndSalt;
    private final byte[] mki;

    Key(byte[] keyAndSalt, byte[] mki) {
      this.keyAndSalt = keyAndSalt.clone();
      this.mki = mki.clone();
    }

    static Key of(byte[] keyAndSalt) {
      return new Key(keyAndSalt, new byte[0]);
    }

    byte[] keyAndSalt() {
      return keyAndSalt.clone();
    }

    byte[] mki() {
      return mki.clone();
    }

    String wire() {
      return mki.length == 0 ? HEX.formatHex(keyAndSalt) : HEX.formatHex(keyAndSalt) + ":" + HEX.formatHex(mki);
    }

    @Override
    public String toString() {
      return "Key[redacted, mki=" + HEX.formatHex(mki) + "]";
    }
  }

  private LibSrtpPeer(Process process) {
    this.process = process;
    this.toPeer = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
    Thread.ofPlatform().daemon().name("libsrtp-peer-reader").start(this::pumpAnswers);
  }

  /** Builds the peer if needed and starts it. Fails (never skips) when the toolchain is missing. */
  static LibSrtpPeer start() throws IOException {
    Path binary = executable();
    Path stderr = binary.resolveSibling("srtp_peer.stderr.log");
    Process process = new ProcessBuilder(binary.toString())
        .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
        .start();
    return new LibSrtpPeer(process);
  }

  String version() {
    String answer = call("version");
    assertOk(answer, "version");
    return answer.substring(3);
  }

  /** Creates (or replaces) session slot {@code sid}: one ssrc_specific policy for {@code ssrc}. */
  void create(int sid, String suite, int ssrc, int window, int flags, List<Key> keys) {
    var line = new StringBuilder("new ").append(sid).append(' ').append(suite).append(' ')
        .append(String.format("%08x", ssrc)).append(' ').append(window).append(' ').append(flags);
    for (Key key : keys) line.append(' ').append(key.wire());
    String answer = call(line.toString());
    assertOk(answer, "new " + sid + " " + suite);
  }

  void create(int sid, String suite, int ssrc, byte[] keyAndSalt) {
    create(sid, suite, ssrc, 0, 0, List.of(Key.of(keyAndSalt)));
  }

  Answer protect(int sid, byte[] rtp) {
    return packet("protect", sid, -1, rtp);
  }

  Answer protect(int sid, int mkiIndex, byte[] rtp) {
    return packet("protect", sid, mkiIndex, rtp);
  }

  Answer unprotect(int sid, byte[] srtp) {
    return packet("unprotect", sid, 0, srtp);
  }

  Answer unprotectWithMki(int sid, byte[] srtp) {
    return packet("unprotect", sid, 1, srtp);
  }

  Answer protectRtcp(int sid, byte[] rtcp) {
    return packet("protect_rtcp", sid, -1, rtcp);
  }

  Answer protectRtcp(int sid, int mkiIndex, byte[] rtcp) {
    return packet("protect_rtcp", sid, mkiIndex, rtcp);
  }

  Answer unprotectRtcp(int sid, byte[] srtcp) {
    return packet("unprotect_rtcp", sid, 0, srtcp);
  }

  Answer unprotectRtcpWithMki(int sid, byte[] srtcp) {
    return packet("unprotect_rtcp", sid, 1, srtcp);
  }

  /** libsrtp's srtp_set_stream_roc: the ROC the next packet of the stream is estimated against. */
  void setRoc(int sid, int ssrc, long roc) {
    String answer = call("set_roc " + sid + " " + String.format("%08x", ssrc) + " " + roc);
    assertOk(answer, "set_roc");
  }

  long roc(int sid, int ssrc) {
    String answer = call("get_roc " + sid + " " + String.format("%08x", ssrc));
    assertOk(answer, "get_roc");
    return Long.parseLong(answer.substring(3));
  }

  private Answer packet(String command, int sid, int mki, byte[] bytes) {
    String answer = call(command + " " + sid + " " + mki + " " + HEX.formatHex(bytes));
    if (answer.startsWith("ok ")) return new Answer("ok", 0, HEX.parseHex(answer.substring(3)));
    if (answer.startsWith("err ")) {
      String[] parts = answer.split(" ");
      return new Answer(parts[2], Integer.parseInt(parts[1]), new byte[0]);
    }
    throw new AssertionError("libsrtp peer rejected '" + command + "': " + answer);
  }

  private static void assertOk(String answer, String what) {
    if (!answer.equals("ok") && !answer.startsWith("ok ")) {
      throw new AssertionError("libsrtp peer: " + what + " answered " + answer);
    }
  }

  private String call(String line) {
    try {
      toPeer.write(line);
      toPeer.write('\n');
      toPeer.flush();
      String answer = answers.poll(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (answer == null) {
        throw new AssertionError("libsrtp peer gave no answer within " + ANSWER_TIMEOUT_SECONDS + " s (alive="
            + process.isAlive() + ")");
      }
      if (answer.equals(EOF)) {
        throw new AssertionError("libsrtp peer died (exit " + process.waitFor() + "), see srtp_peer.stderr.log");
      }
      return answer;
    } catch (IOException e) {
      throw new UncheckedIOException("libsrtp peer pipe broken", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for the libsrtp peer", e);
    }
  }

  private static final String EOF = "\u0000eof";

  private void pumpAnswers() {
    try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
      for (String line; (line = in.readLine()) != null; ) answers.add(line);
    } catch (IOException ignored) {
      // the process ended; EOF below tells the waiting caller
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
    try {
      if (!process.waitFor(2, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  // ---- building the peer ----

  private static synchronized Path executable() throws IOException {
    if (executable != null) return executable;
    Path buildDir = buildDirectory();
    Path source = buildDir.getParent().resolve("src/test/c/srtp_peer.c");
    if (!Files.isRegularFile(source)) throw new AssertionError("missing C source of the libsrtp peer: " + source);
    Path outDir = Files.createDirectories(buildDir.resolve("srtp-peer"));
    Path binary = outDir.resolve("srtp_peer");
    if (!Files.isExecutable(binary)
        || Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(source)) < 0) {
      List<String> flags = pkgConfigLibsrtp2();
      // a name of its own, then an atomic rename: forked test JVMs may build at the same time
      Path partial = outDir.resolve("srtp_peer." + ProcessHandle.current().pid() + ".partial");
      var command = new ArrayList<>(List.of("gcc", "-std=c11", "-D_POSIX_C_SOURCE=200809L", "-O2", "-Wall",
          "-Wextra", "-o", partial.toString(), source.toString()));
      command.addAll(flags);
      run(command, "gcc");
      Files.move(partial, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    executable = binary;
    return binary;
  }

  private static List<String> pkgConfigLibsrtp2() throws IOException {
    String out = run(List.of("pkg-config", "--cflags", "--libs", "libsrtp2"), "pkg-config libsrtp2");
    return List.of(out.trim().split("\\s+")).stream().filter(s -> !s.isEmpty()).toList();
  }

  static String run(List<String> command, String what) throws IOException {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(what + " could not be started (" + e.getMessage() + "). " + INSTALL_HINT, e);
    }
    try {
      byte[] output = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(what + " did not finish within 60 s");
      }
      String text = new String(output, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new AssertionError(what + " failed (exit " + p.exitValue() + "): " + text + "\n" + INSTALL_HINT);
      }
      return text;
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + what, e);
    }
  }

  /** The module's build folder (target, or target-NAME with -Dbuild.dir.name), found from the test classes. */
  private static Path buildDirectory() {
    try {
      Path testClasses = Path.of(LibSrtpPeer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return testClasses.getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
