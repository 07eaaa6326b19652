package ims.media.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/** A blocking UDP endpoint on 127.0.0.1 (a UE or a core media peer); every receive waits at most a few seconds. */
final class Peer implements AutoCloseable {
  static final int RECEIVE_TIMEOUT_MS = 5_000;
  private final DatagramSocket socket;

  Peer() throws IOException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    socket.setSoTimeout(RECEIVE_TIMEOUT_MS);
  }

  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  void send(byte[] bytes, InetSocketAddress to) throws IOException {
    socket.send(new DatagramPacket(bytes, bytes.length, to));
  }

  /** The next datagram; fails the test if none arrives in time. */
  byte[] receive() throws IOException {
    byte[] buf = new byte[4096];
    var p = new DatagramPacket(buf, buf.length);
    socket.receive(p);
    return Arrays.copyOf(buf, p.getLength());
  }

  /** Asserts that nothing arrives within {@code millis} (used only where silence is the expected behaviour). */
  void assertNothingWithin(int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      byte[] got = receive();
      assertThat(got).as("unexpected datagram").isNull();
    } catch (SocketTimeoutException expected) {
      // silence, as expected
    } finally {
      socket.setSoTimeout(RECEIVE_TIMEOUT_MS);
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
