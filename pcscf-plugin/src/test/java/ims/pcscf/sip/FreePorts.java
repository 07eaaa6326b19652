package ims.pcscf.sip;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** jain-sip needs explicit ports: find one free for both UDP and TCP on 127.0.0.1. */
final class FreePorts {
  private FreePorts() {}

  static int udpAndTcp() throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    for (int attempt = 0; attempt < 50; attempt++) {
      try (var udp = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
        int port = udp.getLocalPort();
        try (var tcp = new ServerSocket()) {
          tcp.setReuseAddress(true);
          tcp.bind(new InetSocketAddress(loopback, port));
          return port;
        } catch (IOException taken) {
          // TCP side busy: try another
        }
      }
    }
    throw new IOException("no port free for both UDP and TCP on loopback");
  }

  static Endpoint loopbackEndpoint() throws IOException {
    int udp = udpAndTcp();
    return new Endpoint("127.0.0.1", udp, udp);
  }
}
