package ims.integration;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports on 127.0.0.1 chosen at run time, for peers that need a number before they bind (jain-sip,
 * Kamailio's {@code listen=}, the relay's port ranges), so parallel runs on one machine do not collide.
 */
final class FreePorts {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private FreePorts() {}

  /** A port the kernel just handed out as free for UDP. */
  static int udp() throws IOException {
    try (var socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      return socket.getLocalPort();
    }
  }

  /** A port free for both UDP and TCP (jain-sip binds both). */
  static int udpAndTcp() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (var udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
        int port = udp.getLocalPort();
        try (var tcp = new ServerSocket()) {
          tcp.setReuseAddress(true);
          tcp.bind(new InetSocketAddress(LOOPBACK, port));
          return port;
        } catch (IOException taken) {
          // TCP side busy: try another
        }
      }
    }
    throw new IOException("no port free for both UDP and TCP on loopback");
  }

  /**
   * The first port of {@code count} consecutive UDP ports, even, all free right now, below the kernel's
   * ephemeral range (so no other test's port-0 socket lands in it while the relay owns it).
   */
  static int udpRange(int count) throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int base = 10_000 + 2 * ThreadLocalRandom.current().nextInt((32_000 - 10_000 - count) / 2);
      if (allFree(base, count)) {
        return base;
      }
    }
    throw new IOException("no run of " + count + " free UDP ports below 32000");
  }

  private static boolean allFree(int base, int count) {
    for (int port = base; port < base + count; port++) {
      try (var probe = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
        // free
      } catch (IOException taken) {
        return false;
      }
    }
    return true;
  }
}
