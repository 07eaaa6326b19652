package ims.media.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.socket.DatagramPacket;
import ims.media.srtp.SrtpSendContext;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
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
    if (args.length > 0 && args[0].equals("srtp")) {
      srtpOnly(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
      return;
    }
    if (args.length > 0 && args[0].equals("pingpong")) {
      pingPong(!args[1].equals("nio"), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
          args.length > 4 ? Integer.parseInt(args[4]) : 8);
      return;
    }
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int packets = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    byte[][] srtp = ueSrtpPackets(packets);
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

  /** {@code packets} G.711 packets of SSRC 1, sequence 0.., protected by the UE's sender as the relay expects them. */
  private static byte[][] ueSrtpPackets(int packets) throws Exception {
    byte[][] srtp = new byte[packets][];
    SrtpSendContext ueTx = RelayFixture.ueSender(1);
    for (int i = 0; i < packets; i++) {
      byte[] rtp = Packets.rtp(i & 0xFFFF, PAYLOAD * i, 1, PAYLOAD);
      srtp[i] = RelayFixture.srtp(ueTx, rtp);
    }
    return srtp;
  }

  /**
   * The SRTP engine alone, as the relay drives it (array API, in place): unprotect of a G.711 SRTP packet with a
   * fresh receive context per round, and protect of the RTP packet with a send context. Thread CPU time per packet
   * (no system call in the loop, so this is user time with nanosecond resolution).
   */
  private static void srtpOnly(int rounds, int packets) throws Exception {
    byte[][] srtp = ueSrtpPackets(packets);
    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    byte[] work = new byte[2048];
    List<double[]> rows = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      ims.media.srtp.SrtpReceiveContext rx;
      try (var key = ims.media.srtp.MasterKey.of(RelayFixture.UE_KEY, RelayFixture.UE_SALT);
           var f = new ims.media.srtp.SrtpContextFactory(ims.media.srtp.SrtpParameters.of(RelayFixture.PROFILE,
               key))) {
        rx = f.newReceiveContext(1);       // the relay's view of the UE's stream
      }
      var tx = RelayFixture.ueSender(1);
      long t0 = bean.getCurrentThreadCpuTime();
      for (byte[] p : srtp) {
        System.arraycopy(p, 0, work, 0, p.length);
        if (rx.unprotectRtp(work, 0, p.length) < 0) {
          throw new IllegalStateException("unprotect failed");
        }
      }
      long t1 = bean.getCurrentThreadCpuTime();
      for (byte[] p : srtp) {
        System.arraycopy(p, 0, work, 0, p.length - 10);
        if (tx.protectRtp(work, 0, p.length - 10) < 0) {
          throw new IllegalStateException("protect failed");
        }
      }
      long t2 = bean.getCurrentThreadCpuTime();
      double[] r = {(t1 - t0) / (double) packets, (t2 - t1) / (double) packets};
      System.out.printf("round %d SRTP engine: unprotect %.0f ns, protect %.0f ns per packet%n", round, r[0], r[1]);
      if (round > 0) {
        rows.add(r);
      }
      rx.close();
      tx.close();
    }
    System.out.printf("median SRTP engine: unprotect %.0f ns, protect %.0f ns per packet%n", median(rows, 0),
        median(rows, 1));
  }

  /**
   * Through real sockets, one datagram per wake-up (the G.711 shape: each read finds one packet): a UE sends one SRTP
   * packet and waits for its RTP at the core peer, the core peer sends one RTP packet back and waits for the SRTP at
   * the UE. CPU time (user + kernel: the receive and send system calls included) and heap of the loop thread per
   * forwarded packet, over {@code packets} round trips per round, for epoll (recvmmsg batch {@code batch}; 1 reads
   * with recvmsg) or NIO.
   */
  private static void pingPong(boolean epoll, int rounds, int packets, int batch) throws Exception {
    byte[][] srtp = ueSrtpPackets(packets);
    byte[] down = Packets.rtp(0, 0, 2, PAYLOAD);
    List<double[]> rows = new ArrayList<>();
    RelayConfig c = RelayFixture.config(4, epoll);
    c = new RelayConfig(c.realms(), c.eventLoops(), c.maxSsrcsPerTermination(), c.receiveBufferSize(), epoll, batch,
        c.controllerGraceTime(), c.socketReceiveBuffer());
    try (var relay = MediaRelay.start(c)) {
      var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      for (int round = 0; round < rounds; round++) {
        try (var call = E2aeCall.open(relay, E2aeCall.srtpAccess())) {
          CompletableFuture<Long> id = new CompletableFuture<>();
          call.context.eventLoop().execute(() -> id.complete(Thread.currentThread().threadId()));
          long loop = id.get(10, TimeUnit.SECONDS);
          long cpu0 = bean.getThreadCpuTime(loop);
          long user0 = bean.getThreadUserTime(loop);
          long heap0 = bean.getThreadAllocatedBytes(loop);
          for (int i = 0; i < packets; i++) {
            call.relayOneEachWay(srtp[i], down, i);
          }
          double n = 2.0 * packets;
          double[] r = {(bean.getThreadUserTime(loop) - user0) / n, (bean.getThreadCpuTime(loop) - cpu0) / n,
              (bean.getThreadAllocatedBytes(loop) - heap0) / n};
          System.out.printf("round %d %s one datagram per wake-up: user %.0f ns, cpu %.0f ns, %.0f B per packet%n",
              round, relay.usesEpoll() ? "epoll" : "nio", r[0], r[1], r[2]);
          if (round > 0) {
            rows.add(r);
          }
          call.access.release();
          call.coreSide.release();
        }
      }
    }
    System.out.printf("median %s one datagram per wake-up: user %.0f ns, cpu %.0f ns, %.0f B per packet%n",
        epoll ? "epoll" : "nio", median(rows, 0), median(rows, 1), median(rows, 2));
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
