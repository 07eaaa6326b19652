package ims.benchmarks.relay.rtpengine;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Client of rtpengine's ng control protocol over UDP: each request is {@code <cookie> <bencoded dictionary>}, the
 * reply carries the same cookie. A request is sent again with the same cookie when no reply came within the timeout
 * (rtpengine answers a repeated cookie from its cache instead of running the command twice); replies with another
 * cookie (late answers to earlier attempts of finished requests) are skipped. One request at a time.
 */
public final class NgClient implements AutoCloseable {
  /** The largest UDP payload over IPv4. */
  private static final int MAX_DATAGRAM = 65_507;

  private final DatagramSocket socket;
  private final Duration timeout;
  private final int attempts;
  private final String cookiePrefix;
  private final byte[] receiveBuffer = new byte[MAX_DATAGRAM];
  private long sequence;
  private long skippedReplies;

  private NgClient(DatagramSocket socket, Duration timeout, int attempts) {
    this.socket = socket;
    this.timeout = timeout;
    this.attempts = attempts;
    this.cookiePrefix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  }

  /**
   * A socket on the server's address family, connected to {@code server}, bound to the server's address when that is
   * a loopback address (port 0).
   */
  public static NgClient connect(InetSocketAddress server, Duration timeout, int attempts) throws IOException {
    if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE || attempts < 1) {
      throw new IllegalArgumentException("timeout " + timeout + ", attempts " + attempts);
    }
    var socket = new DatagramSocket(null);
    try {
      socket.bind(new InetSocketAddress(server.getAddress().isLoopbackAddress() ? server.getAddress() : null, 0));
      socket.connect(server);
      socket.setReceiveBufferSize(1 << 20);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
    return new NgClient(socket, timeout, attempts);
  }

  /** Sends {@code message} and returns the reply dictionary as it came, whatever its {@code result}. */
  public synchronized BDict request(BDict message) throws IOException, NgException {
    String cookie = cookiePrefix + "_" + (++sequence);
    byte[] body = Bencode.encode(message);
    byte[] head = (cookie + " ").getBytes(StandardCharsets.US_ASCII);
    byte[] datagram = Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, datagram, head.length, body.length);
    for (int attempt = 1; attempt <= attempts; attempt++) {
      socket.send(new DatagramPacket(datagram, datagram.length));
      BDict reply = awaitReply(head);
      if (reply != null) {
        return reply;
      }
    }
    throw new NgException(NgException.Kind.TIMEOUT, "no reply to " + command(message) + " after " + attempts
        + " attempts of " + timeout.toMillis() + " ms");
  }

  /**
   * Sends {@code message} and returns the reply when its {@code result} is {@code ok} or {@code pong}; an
   * {@code error} result becomes {@link NgException.Kind#ERROR_REPLY} with rtpengine's {@code error-reason}.
   */
  public BDict call(BDict message) throws IOException, NgException {
    BDict reply = request(message);
    String result = reply.text("result").orElse("");
    if (result.equals("ok") || result.equals("pong")) {
      return reply;
    }
    throw new NgException(NgException.Kind.ERROR_REPLY, command(message) + ": result '" + result + "': "
        + reply.text("error-reason").orElse("(no error-reason)"));
  }

  /** {@code ping}, answered {@code pong}. */
  public void ping() throws IOException, NgException {
    BDict reply = call(BDict.builder().put("command", "ping").build());
    if (!reply.text("result").orElse("").equals("pong")) {
      throw new NgException(NgException.Kind.MALFORMED_REPLY, "ping answered without pong");
    }
  }

  /** Replies skipped so far because their cookie was not the one awaited. */
  public synchronized long skippedReplies() {
    return skippedReplies;
  }

  /** Waits up to the timeout for the reply starting with {@code head}; null when none came. */
  private BDict awaitReply(byte[] head) throws IOException, NgException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (;;) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(left).toMillis()));
      var packet = new DatagramPacket(receiveBuffer, receiveBuffer.length);
      try {
        socket.receive(packet);
      } catch (SocketTimeoutException | PortUnreachableException e) {
        return null;                    // the attempt failed; nobody listens yet on the ng port, or no reply
      }
      int length = packet.getLength();
      if (length < head.length || !Arrays.equals(receiveBuffer, 0, head.length, head, 0, head.length)) {
        skippedReplies++;
        continue;
      }
      try {
        if (Bencode.decode(receiveBuffer, head.length, length) instanceof BDict reply) {
          return reply;
        }
        throw new NgException(NgException.Kind.MALFORMED_REPLY, "reply is not a dictionary");
      } catch (BencodeException e) {
        throw new NgException(NgException.Kind.MALFORMED_REPLY, "reply does not decode: " + e.getMessage());
      }
    }
  }

  private static String command(BDict message) {
    return "'" + message.text("command").orElse("?") + "'";
  }

  /** The local address (127.0.0.1 and an ephemeral port toward a loopback server). */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  @Override
  public void close() {
    socket.close();
  }
}
