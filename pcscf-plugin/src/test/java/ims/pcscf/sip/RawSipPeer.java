package ims.pcscf.sip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

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

  /**
   * Plays the registrar in the background: answers the next message (a REGISTER forwarded by the proxy)
   * 200 OK with its Contact and {@code serviceRoute}, and completes with the REGISTER as received.
   */
  CompletableFuture<String> answerNextRegister(Duration timeout, String serviceRoute) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        String forwarded = receive(timeout);
        String contact = RawSip.values(forwarded, "Contact", "m").get(0);
        send(RawSip.response(forwarded, "200 OK", "Contact: " + contact, "Service-Route: " + serviceRoute),
            RawSip.topViaPort(forwarded));
        return forwarded;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
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

  /**
   * The next message with this Call-ID that is not a 100 Trying, skipping others (retransmissions
   * and answers that belong to other tests sharing the socket); fails after {@code timeout}.
   */
  String receiveFor(String callId, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      if (System.nanoTime() >= deadline) {
        throw new AssertionError("no message for Call-ID " + callId + " on port " + port() + " within " + timeout);
      }
      String message = receive(Duration.ofMillis(left));
      if (!message.startsWith("SIP/2.0 100") && RawSip.values(message, "Call-ID", "i").contains(callId)) {
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
