package ims.launcher;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Ports on 127.0.0.1 free at the time of asking (the launcher needs explicit SIP ports: jain-sip). */
final class FreePorts {
  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private FreePorts() {}

  /** A port free for both UDP and TCP. */
  static int udpAndTcp() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (var tcp = new ServerSocket(0, 1, LOOPBACK);
          var udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, tcp.getLocalPort()))) {
        return udp.getLocalPort();
      } catch (IOException taken) {
        // the UDP twin of this TCP port is in use: try another
      }
    }
    throw new IOException("no port free for both UDP and TCP");
  }

  /** The first port of {@code pairs} free RTP/RTCP pairs (even start), within 30000..59999. */
  static int mediaRange(int pairs) throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int first = 30_000 + 2 * ThreadLocalRandom.current().nextInt(14_000);
      if (allFree(first, 2 * pairs)) {
        return first;
      }
    }
    throw new IOException("no free media range");
  }

  private static boolean allFree(int first, int count) {
    for (int p = first; p < first + count; p++) {
      try (var udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, p))) {
        // free
      } catch (IOException taken) {
        return false;
      }
    }
    return true;
  }
}
