package ims.integration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A wire tap between the P-CSCF's core side and the core: a UDP socket on 127.0.0.1 that the P-CSCF uses as
 * its next hop. Every datagram from the P-CSCF is written down byte for byte and passed to the core from the
 * tap's socket; what the core sends back to the tap (a response following {@code rport}) goes to the last
 * P-CSCF sender. Responses sent to the P-CSCF's Via directly and requests along Path/Record-Route bypass it.
 */
final class UdpTap implements AutoCloseable {
  private final DatagramSocket socket;
  private final InetSocketAddress core;
  private final List<String> towardCore = new ArrayList<>();
  private final Thread pump;
  private volatile InetSocketAddress lastSender;

  UdpTap(int corePort) throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    this.socket = new DatagramSocket(new InetSocketAddress(loopback, 0));
    this.core = new InetSocketAddress(loopback, corePort);
    this.pump = Thread.ofPlatform().daemon().name("udp-tap-" + port()).start(this::pump);
  }

  int port() {
    return socket.getLocalPort();
  }

  /** Every datagram the tap passed toward the core, as text, in order. */
  synchronized List<String> towardCore() {
    return List.copyOf(towardCore);
  }

  private void pump() {
    byte[] buffer = new byte[65_535];
    try {
      while (true) {
        var packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        var from = (InetSocketAddress) packet.getSocketAddress();
        if (from.equals(core)) {
          if (lastSender != null) {
            socket.send(new DatagramPacket(buffer, packet.getLength(), lastSender));
          }
          continue;
        }
        lastSender = from;
        synchronized (this) {
          towardCore.add(new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8));
        }
        socket.send(new DatagramPacket(buffer, packet.getLength(), core));
      }
    } catch (SocketException closed) {
      // close() ends the pump
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    socket.close();
    pump.join(2_000);
  }
}
