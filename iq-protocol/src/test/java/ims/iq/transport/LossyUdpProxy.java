package ims.iq.transport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UDP relay on 127.0.0.1 between one client and one server that drops, duplicates and reorders
 * datagrams in both directions, from a seeded random source so a failing run can be replayed.
 * The client talks to {@link #clientFacing()}; the server sees traffic from {@link #serverFacing()}.
 */
public final class LossyUdpProxy implements AutoCloseable {
  /** Probabilities per datagram. A reordered datagram is held until the next one passes (or 30 ms). */
  public record Faults(double drop, double duplicate, double reorder) {
    public static final Faults NONE = new Faults(0, 0, 0);
  }

  public final AtomicInteger dropped = new AtomicInteger();
  public final AtomicInteger duplicated = new AtomicInteger();
  public final AtomicInteger reordered = new AtomicInteger();

  private final DatagramSocket clientSide;
  private final DatagramSocket serverSide;
  private final InetSocketAddress server;
  private final Random random;
  private final ScheduledExecutorService releaser = Executors.newSingleThreadScheduledExecutor();
  private volatile Faults faults;
  private volatile InetSocketAddress client;
  private final Thread up;
  private final Thread down;

  public LossyUdpProxy(InetSocketAddress server, Faults faults, long seed) throws SocketException {
    this.server = server;
    this.faults = faults;
    this.random = new Random(seed);
    InetAddress loopback = InetAddress.getLoopbackAddress();
    clientSide = new DatagramSocket(new InetSocketAddress(loopback, 0));
    serverSide = new DatagramSocket(new InetSocketAddress(loopback, 0));
    up = Thread.ofPlatform().daemon().name("proxy-up").start(() -> pump(clientSide, serverSide, true));
    down = Thread.ofPlatform().daemon().name("proxy-down").start(() -> pump(serverSide, clientSide, false));
  }

  public InetSocketAddress clientFacing() {
    return (InetSocketAddress) clientSide.getLocalSocketAddress();
  }

  public InetSocketAddress serverFacing() {
    return (InetSocketAddress) serverSide.getLocalSocketAddress();
  }

  public void setFaults(Faults faults) {
    this.faults = faults;
  }

  private void pump(DatagramSocket from, DatagramSocket to, boolean upstream) {
    byte[] buffer = new byte[65_535];
    byte[][] held = new byte[1][];
    while (!from.isClosed()) {
      var packet = new DatagramPacket(buffer, buffer.length);
      try {
        from.receive(packet);
      } catch (IOException e) {
        return;
      }
      if (upstream) client = (InetSocketAddress) packet.getSocketAddress();
      InetSocketAddress target = upstream ? server : client;
      if (target == null) continue;
      byte[] bytes = Arrays.copyOf(packet.getData(), packet.getLength());
      Faults f = faults;
      double roll;
      double dupRoll;
      double reorderRoll;
      synchronized (random) {
        roll = random.nextDouble();
        dupRoll = random.nextDouble();
        reorderRoll = random.nextDouble();
      }
      if (roll < f.drop()) {
        dropped.incrementAndGet();
        continue;
      }
      synchronized (held) {
        if (held[0] == null && reorderRoll < f.reorder()) {
          reordered.incrementAndGet();
          held[0] = bytes;
          releaser.schedule(() -> flush(held, to, target), 30, TimeUnit.MILLISECONDS);
          continue;
        }
        send(to, bytes, target);
        if (dupRoll < f.duplicate()) {
          duplicated.incrementAndGet();
          send(to, bytes, target);
        }
        flush(held, to, target);
      }
    }
  }

  private void flush(byte[][] held, DatagramSocket to, InetSocketAddress target) {
    synchronized (held) {
      if (held[0] != null) {
        send(to, held[0], target);
        held[0] = null;
      }
    }
  }

  private static void send(DatagramSocket socket, byte[] bytes, InetSocketAddress target) {
    try {
      socket.send(new DatagramPacket(bytes, bytes.length, target));
    } catch (IOException e) {
      // Closed while relaying: the test is over.
    }
  }

  @Override
  public void close() throws InterruptedException {
    clientSide.close();
    serverSide.close();
    releaser.shutdownNow();
    up.join(2_000);
    down.join(2_000);
  }
}
