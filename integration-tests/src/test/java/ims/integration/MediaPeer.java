package ims.integration;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * A plain media endpoint on 127.0.0.1 (RTP and RTCP sockets): the core side's peer (the far end), or the
 * sender that replays a capture toward the gateway. Every receive waits at most {@link #RECEIVE_TIMEOUT_MS}.
 */
final class MediaPeer implements AutoCloseable {
  static final int RECEIVE_TIMEOUT_MS = 5_000;
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private final DatagramSocket socket;
  private final DatagramSocket rtcp;

  /** RTP on an even port and RTCP on the next one (RFC 3550 11: what an SDP without a=rtcp implies). */
  MediaPeer() throws IOException {
    DatagramSocket rtpSocket = null;
    DatagramSocket rtcpSocket = null;
    for (int attempt = 0; attempt < 200 && rtcpSocket == null; attempt++) {
      rtpSocket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
      int port = rtpSocket.getLocalPort();
      if (port % 2 == 0 && port < 65_535) {
        try {
          rtcpSocket = new DatagramSocket(new InetSocketAddress(LOOPBACK, port + 1));
          break;
        } catch (IOException taken) {
          // try another pair
        }
      }
      rtpSocket.close();
    }
    if (rtcpSocket == null) {
      throw new IOException("no free even/odd port pair on loopback");
    }
    socket = rtpSocket;
    rtcp = rtcpSocket;
    for (DatagramSocket s : new DatagramSocket[] {socket, rtcp}) {
      s.setSoTimeout(RECEIVE_TIMEOUT_MS);
      s.setReceiveBufferSize(1 << 20);
    }
  }

  int port() {
    return socket.getLocalPort();
  }

  void send(byte[] bytes, int toPort) throws IOException {
    socket.send(new DatagramPacket(bytes, bytes.length, LOOPBACK, toPort));
  }

  /** Sends from the RTCP port. */
  void sendRtcp(byte[] bytes, int toPort) throws IOException {
    rtcp.send(new DatagramPacket(bytes, bytes.length, LOOPBACK, toPort));
  }

  /** The next datagram on the RTP port and the port it came from; fails the test when none arrives in time. */
  Datagram receive() throws IOException {
    return receive(socket);
  }

  /** The next datagram on the RTCP port. */
  Datagram receiveRtcp() throws IOException {
    return receive(rtcp);
  }

  private Datagram receive(DatagramSocket socket) throws IOException {
    byte[] buf = new byte[4096];
    var p = new DatagramPacket(buf, buf.length);
    try {
      socket.receive(p);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no datagram on port " + socket.getLocalPort() + " within " + RECEIVE_TIMEOUT_MS + " ms");
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
    rtcp.close();
  }
}
