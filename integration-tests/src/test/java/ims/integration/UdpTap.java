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
 * A wire tap on 127.0.0.1 in front of a server port: a client sends to the tap instead of the server. Every
 * datagram from a client is written down byte for byte and passed to the server from the tap's socket; what
 * the server sends back to the tap is written down too and goes to the last client that sent. Used between the
 * P-CSCF and Kamailio (the P-CSCF's next hop: responses sent to its Via and requests along Path/Record-Route
 * bypass the tap) and between the IMS-AGW and the P-CSCF's Iq controller (all Iq goes through it).
 */
final class UdpTap implements AutoCloseable {
  private final DatagramSocket socket;
  private final InetSocketAddress core;
  private final List<String> towardCore = new ArrayList<>();
  private final List<String> fromCore = new ArrayList<>();
  private final Thread pump;
  private volatile InetSocketAddress lastSender;

  /** A tap in front of 127.0.0.1:{@code corePort} (the server). */
  UdpTap(int corePort) throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    this.socket = new DatagramSocket(new InetSocketAddress(loopback, 0));
    this.core = new InetSocketAddress(loopback, corePort);
    this.pump = Thread.ofPlatform().daemon().name("udp-tap-" + port()).start(this::pump);
  }

  int port() {
    return socket.getLocalPort();
  }

  /** Every datagram the tap passed toward the server, as text, in order. */
  synchronized List<String> toServer() {
    return List.copyOf(towardCore);
  }

  /** Every datagram the server sent back through the tap, as text, in order. */
  synchronized List<String> fromServer() {
    return List.copyOf(fromCore);
  }

  private void pump() {
    byte[] buffer = new byte[65_535];
    try {
      while (true) {
        var packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        var from = (InetSocketAddress) packet.getSocketAddress();
        if (from.equals(core)) {
          synchronized (this) {
            fromCore.add(new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8));
          }
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
