package ims.media.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.socket.DatagramPacket;
import ims.media.srtp.SrtpSendContext;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * In-process cost of the relay's packet path, without a load generator: ready-made datagrams are handed to a
 * termination on its own event loop, in batches like a {@code recvmmsg} read (each datagram a pooled direct buffer
 * from the sender's address), with one flush per batch like {@code channelReadComplete}. What is measured per
 * forwarded packet, on the loop thread: user CPU time (our code, the SRTP engine, Netty's write path), total CPU time
 * (plus the kernel's {@code sendmmsg} toward the peer, which nobody reads: the kernel drops there) and heap bytes.
 * Not the receive system call nor Netty's datagram decoding (those are the same for any change of ours).
 *
 * <p>Not a test (no assertion, not run by surefire): {@code java -cp <test classpath> ims.media.relay.PacketPathBench
 * [rounds] [packets per round]}; prints one line per round and direction and the medians. Run it with the SRTP
 * {@code --add-opens} flags, as production does.
 */
public final class PacketPathBench {
  private static final int BATCH = 16;
  private static final int PAYLOAD = 160;

  private PacketPathBench() {
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int packets = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    byte[][] srtp = new byte[packets][];
    SrtpSendContext ueTx = RelayFixture.ueSender(1);
    for (int i = 0; i < packets; i++) {
      byte[] rtp = Packets.rtp(i & 0xFFFF, PAYLOAD * i, 1, PAYLOAD);
      byte[] buf = Packets.withRoom(rtp, 16);
      srtp[i] = Arrays.copyOf(buf, ueTx.protectRtp(buf, 0, rtp.length));
    }
    byte[][] rtp = new byte[packets][];
    for (int i = 0; i < packets; i++) {
      rtp[i] = Packets.rtp(i & 0xFFFF, PAYLOAD * i, 2, PAYLOAD);
    }
    List<double[]> up = new ArrayList<>();
    List<double[]> down = new ArrayList<>();
    try (var relay = MediaRelay.start(RelayFixture.config(4, true))) {
      System.out.printf("transport %s, %d rounds of %d packets each way, batches of %d%n",
          relay.usesEpoll() ? "epoll" : "nio", rounds, packets, BATCH);
      for (int round = 0; round < rounds; round++) {
        try (var call = E2aeCall.open(relay, E2aeCall.srtpAccess())) {
          double[] u = drive(call, call.access, call.ue.address(), srtp);
          double[] d = drive(call, call.coreSide, call.core.address(), rtp);
          System.out.printf("round %d  SRTP->RTP: user %.0f ns, cpu %.0f ns, %.0f B | RTP->SRTP: user %.0f ns,"
              + " cpu %.0f ns, %.0f B  (per packet)%n", round, u[0], u[1], u[2], d[0], d[1], d[2]);
          if (round > 0) {          // round 0 is the JIT's
            up.add(u);
            down.add(d);
          }
          call.access.release();
          call.coreSide.release();
        }
      }
    }
    System.out.printf("median SRTP->RTP: user %.0f ns, cpu %.0f ns, %.0f B; RTP->SRTP: user %.0f ns, cpu %.0f ns,"
        + " %.0f B per packet%n", median(up, 0), median(up, 1), median(up, 2), median(down, 0), median(down, 1),
        median(down, 2));
  }

  /** Feeds {@code packets} to {@code into} on its loop; {user ns, cpu ns, bytes} per packet. */
  private static double[] drive(E2aeCall call, RelayTermination into, InetSocketAddress from, byte[][] packets)
      throws Exception {
    Termination t = into.packetPath();
    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    CompletableFuture<double[]> result = new CompletableFuture<>();
    InetSocketAddress local = into.localRtp();
    call.context.eventLoop().execute(() -> {
      try {
        PooledByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
        long user0 = bean.getCurrentThreadUserTime();
        long cpu0 = bean.getCurrentThreadCpuTime();
        long heap0 = bean.getCurrentThreadAllocatedBytes();
        long out0 = t.peer.statistics().packetsOut();
        for (int i = 0; i < packets.length; i++) {
          byte[] p = packets[i];
          ByteBuf buf = alloc.directBuffer(2048);
          buf.writeBytes(p);
          t.receive(new DatagramPacket(buf, local, from), false);
          if (i % BATCH == BATCH - 1 && t.peer != null) {
            t.peer.flushPending();
          }
        }
        if (t.peer != null) {
          t.peer.flushPending();
        }
        long n = packets.length;
        long forwarded = t.peer.statistics().packetsOut() - out0;
        if (forwarded != n) {
          throw new IllegalStateException("forwarded " + forwarded + " of " + n + ": " + t.statistics());
        }
        result.complete(new double[] {(bean.getCurrentThreadUserTime() - user0) / (double) n,
            (bean.getCurrentThreadCpuTime() - cpu0) / (double) n,
            (bean.getCurrentThreadAllocatedBytes() - heap0) / (double) n});
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    });
    return result.get(120, TimeUnit.SECONDS);
  }

  private static double median(List<double[]> rows, int column) {
    List<Double> values = new ArrayList<>();
    for (double[] r : rows) {
      values.add(r[column]);
    }
    Collections.sort(values);
    return values.isEmpty() ? Double.NaN : values.get(values.size() / 2);
  }
}
