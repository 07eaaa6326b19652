package ims.pcscf.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A SIP endpoint made of one UDP socket on 127.0.0.1: sends and receives raw messages. */
final class RawSipPeer implements AutoCloseable {
  private final DatagramSocket socket;

  RawSipPeer() throws IOException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  int port() {
    return socket.getLocalPort();
  }

  void send(String message, int port) throws IOException {
    send(message.getBytes(StandardCharsets.UTF_8), port);
  }

  void send(byte[] bytes, int port) throws IOException {
    socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
  }

  /** The next datagram as text; fails the test after {@code timeout}. */
  String receive(Duration timeout) throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
    byte[] buffer = new byte[65_535];
    var packet = new DatagramPacket(buffer, buffer.length);
    try {
      socket.receive(packet);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("nothing received on port " + port() + " within " + timeout);
    }
    return new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8);
  }

  /** The next message that is not a 100 Trying. */
  String receiveFinal(Duration timeout) throws IOException {
    while (true) {
      String message = receive(timeout);
      if (!message.startsWith("SIP/2.0 100")) {
        return message;
      }
    }
  }

  /** Like {@link #receive} but returns null on timeout (for "nothing arrives" checks). */
  String poll(Duration timeout) throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
    byte[] buffer = new byte[65_535];
    var packet = new DatagramPacket(buffer, buffer.length);
    try {
      socket.receive(packet);
      return new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8);
    } catch (SocketTimeoutException e) {
      return null;
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
