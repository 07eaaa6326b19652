package ims.benchmarks.relay.rtpengine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Waits until rtpengine's ng port answers {@code ping} with {@code pong}: exit status 0 when it did, 1 when the time
 * ran out (the start snippet {@code benchmarks/src/main/sh/rtpengine.sh} uses it).
 *
 * <pre>java -cp benchmarks.jar ims.benchmarks.relay.rtpengine.NgPing 127.0.0.1:PORT [WAIT_SECONDS (10)]</pre>
 */
public final class NgPing {
  private static final Duration ATTEMPT = Duration.ofMillis(200);
  private static final long RETRY_PAUSE_MS = 50;

  private NgPing() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2) {
      throw new IllegalArgumentException("usage: NgPing HOST:PORT [WAIT_SECONDS]");
    }
    Duration wait = Duration.ofSeconds(args.length == 2 ? Long.parseLong(args[1]) : 10);
    try (NgClient client = NgClient.connect(address(args[0]), ATTEMPT, 1)) {
      if (await(client, wait)) {
        return;
      }
    }
    System.err.println("NgPing: no pong from " + args[0] + " within " + wait.toSeconds() + " s");
    System.exit(1);
  }

  /** Pings until {@code pong} or until {@code wait} has passed; true on {@code pong}. */
  static boolean await(NgClient client, Duration wait) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    do {
      long sent = System.nanoTime();
      try {
        client.ping();
        return true;
      } catch (NgException e) {
        // not up yet (port unreachable answers at once: pause so the loop does not spin)
      }
      long spentMs = Duration.ofNanos(System.nanoTime() - sent).toMillis();
      if (spentMs < RETRY_PAUSE_MS) {
        Thread.sleep(RETRY_PAUSE_MS - spentMs);
      }
    } while (System.nanoTime() < deadline);
    return false;
  }

  /** {@code HOST:PORT} (the last colon separates the port). */
  static InetSocketAddress address(String hostPort) throws UnknownHostException {
    int colon = hostPort.lastIndexOf(':');
    if (colon < 1) {
      throw new IllegalArgumentException("not HOST:PORT: " + hostPort);
    }
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = Integer.parseInt(hostPort.substring(colon + 1));
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + hostPort);
    }
    return new InetSocketAddress(InetAddress.getByName(host), port);
  }
}
