package ims.benchmarks.relay.rtpengine;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * A UDP server on 127.0.0.1 (port 0) playing rtpengine's ng side: records every datagram it receives and answers
 * each with what {@code script} returns for (request number from 1, datagram); no answer when it returns an empty
 * list.
 */
final class FakeNgServer implements AutoCloseable {
  private final DatagramSocket socket;
  private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
  private final Thread thread;

  FakeNgServer(BiFunction<Integer, byte[], List<byte[]>> script) throws SocketException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    thread = Thread.ofPlatform().daemon().name("fake-ng").start(() -> serve(script));
  }

  private void serve(BiFunction<Integer, byte[], List<byte[]>> script) {
    byte[] buf = new byte[65_535];
    int n = 0;
    while (!socket.isClosed()) {
      var p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
        byte[] datagram = Arrays.copyOf(buf, p.getLength());
        received.add(datagram);
        for (byte[] reply : script.apply(++n, datagram)) {
          socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
        }
      } catch (IOException e) {
        return;                                   // closed
      }
    }
  }

  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** The next datagram received, waiting up to 5 s; fails when none came. */
  byte[] nextRequest() throws InterruptedException {
    byte[] d = received.poll(5, TimeUnit.SECONDS);
    if (d == null) {
      throw new AssertionError("no request reached the fake ng server within 5 s");
    }
    return d;
  }

  int requestsSoFar() {
    return received.size();
  }

  /** The request's cookie (up to the first space). */
  static String cookie(byte[] datagram) {
    String s = new String(datagram, StandardCharsets.ISO_8859_1);
    return s.substring(0, s.indexOf(' '));
  }

  static byte[] reply(String cookie, String bencoded) {
    return (cookie + " " + bencoded).getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] replyBytes(String cookie, byte[] body) {
    byte[] head = (cookie + " ").getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, out, head.length, body.length);
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    socket.close();
    thread.join(5_000);
  }
}
