package ims.integration;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * A plain media endpoint on 127.0.0.1: the core side's RTP peer (the far end), or the sender that replays a
 * capture toward the gateway. Every receive waits at most {@link #RECEIVE_TIMEOUT_MS}.
 */
final class MediaPeer implements AutoCloseable {
  static final int RECEIVE_TIMEOUT_MS = 5_000;
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private final DatagramSocket socket;

  MediaPeer() throws IOException {
    socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
    socket.setSoTimeout(RECEIVE_TIMEOUT_MS);
    socket.setReceiveBufferSize(1 << 20);
  }

  int port() {
    return socket.getLocalPort();
  }

  void send(byte[] bytes, int toPort) throws IOException {
    socket.send(new DatagramPacket(bytes, bytes.length, LOOPBACK, toPort));
  }

  /** The next datagram and the port it came from; fails the test when none arrives in time. */
  Datagram receive() throws IOException {
    byte[] buf = new byte[4096];
    var p = new DatagramPacket(buf, buf.length);
    try {
      socket.receive(p);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no datagram on port " + port() + " within " + RECEIVE_TIMEOUT_MS + " ms");
    }
    return new Datagram(((InetSocketAddress) p.getSocketAddress()).getPort(), Arrays.copyOf(buf, p.getLength()));
  }

  /** A received datagram: the sender's port and the bytes. */
  record Datagram(int fromPort, byte[] bytes) {
    Datagram {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
