package ims.media.relay;

import static ims.media.relay.RelayFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import ims.media.srtp.SrtpSendContext;
import io.netty.channel.ChannelOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code SO_RCVBUF} of the media sockets ({@link RelayConfig#socketReceiveBuffer()}): bounded by default, so a relay
 * that fell behind (here: its event loop held up) finds at most a short queue of stale packets per socket and
 * forwards new ones right after, instead of seconds of old audio.
 */
@Timeout(60)
class SocketReceiveBufferTest {
  private static final int BURST = 100;

  @Test
  void givenDefaultConfig_whenTerminationIsAdded_thenItsSocketsAskForTheBoundedBufferNotTheKernelDefault()
      throws Exception {
    RelayConfig config = RelayFixture.config(2, true);
    assertThat(config.socketReceiveBuffer()).isEqualTo(RelayConfig.DEFAULT_SOCKET_RECEIVE_BUFFER);
    int bounded = receiveBufferOf(config);
    int kernelDefault = receiveBufferOf(config.withSocketReceiveBuffer(0));
    // Linux grants twice what is asked (its bookkeeping); other kernels what is asked.
    assertThat(bounded).isBetween(RelayConfig.DEFAULT_SOCKET_RECEIVE_BUFFER,
        2 * RelayConfig.DEFAULT_SOCKET_RECEIVE_BUFFER);
    assertThat(kernelDefault).isNotEqualTo(bounded);
  }

  @Test
  void givenSocketReceiveBufferOutsideItsRange_whenConfigured_thenRejected() {
    RelayConfig config = RelayFixture.config(2, true);
    assertThatIllegalArgumentException().isThrownBy(() -> config.withSocketReceiveBuffer(1024));
    assertThatIllegalArgumentException().isThrownBy(() -> config.withSocketReceiveBuffer(-1));
    assertThatIllegalArgumentException().isThrownBy(() -> config.withSocketReceiveBuffer(
        RelayConfig.MAX_SOCKET_RECEIVE_BUFFER + 1));
    assertThat(config.withSocketReceiveBuffer(0).socketReceiveBuffer()).isZero();
  }

  @Test
  void givenSmallReceiveBufferAndStalledLoop_whenABurstArrives_thenOnlyAShortQueueIsForwardedAndNewPacketsFlow()
      throws Exception {
    // The smallest queue (Linux rounds 2 KiB up to about 4.6 KiB): about 5 voice datagrams, fewer than one read batch.
    RelayConfig config = RelayFixture.config(2, true).withSocketReceiveBuffer(RelayConfig.MIN_SOCKET_RECEIVE_BUFFER);
    int forwardedBeforeFresh = stallAndBurst(config);
    assertThat(forwardedBeforeFresh).isBetween(1, config.receiveBatch());
  }

  @Test
  void givenKernelDefaultReceiveBuffer_whenTheSameBurstArrivesAtAStalledLoop_thenAllOfItIsQueuedAndForwarded()
      throws Exception {
    // The contrast: 208 KiB by default holds the whole burst (2 s of one stream), forwarded late.
    int forwardedBeforeFresh = stallAndBurst(RelayFixture.config(2, true).withSocketReceiveBuffer(0));
    assertThat(forwardedBeforeFresh).isEqualTo(BURST);
  }

  private static int receiveBufferOf(RelayConfig config) throws Exception {
    try (var relay = MediaRelay.start(config);
         var call = E2aeCall.open(relay, E2aeCall.srtpAccess())) {
      CompletableFuture<Integer> size = new CompletableFuture<>();
      call.context.eventLoop().execute(() -> size.complete(
          call.access.packetPath().rtpPort.open().config().getOption(ChannelOption.SO_RCVBUF)));
      return await(size);
    }
  }

  /**
   * Holds the context's loop, sends {@link #BURST} SRTP packets from the UE (loopback delivers each into the access
   * socket's queue during the send), lets the loop go and read that queue, then sends one fresh packet: how many
   * burst packets reached the core peer before the fresh one.
   */
  private static int stallAndBurst(RelayConfig config) throws Exception {
    try (var relay = MediaRelay.start(config);
         var call = E2aeCall.open(relay, E2aeCall.srtpAccess())) {
      SrtpSendContext ueTx = RelayFixture.ueSender(1);
      var stalled = new CountDownLatch(1);
      var release = new CountDownLatch(1);
      call.context.eventLoop().execute(() -> {
        stalled.countDown();
        try {
          release.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      assertThat(stalled.await(10, TimeUnit.SECONDS)).isTrue();
      for (int seq = 0; seq < BURST; seq++) {
        call.ueSends(ueTx, Packets.rtp(seq, 160 * seq, 1, 160));
      }
      release.countDown();
      // The first forwarded packet shows that the loop has read its socket's queue: the flush follows a whole read
      // batch (up to RelayConfig.receiveBatch datagrams, more than the small queue holds), while statistics tasks
      // alone may run back to back before any read. Then let it read any further batch (the kernel default's
      // queue) until the count stands still, so the fresh packet finds room.
      call.core.receive();
      int before = 1;
      long seen = -1;
      long now = await(call.access.statistics()).packetsIn();
      while (now != seen) {
        seen = now;
        now = await(call.access.statistics()).packetsIn();
      }
      call.ueSends(ueTx, Packets.rtp(BURST, 160 * BURST, 1, 160));
      while (true) {
        byte[] rtp = call.core.receive();
        int seq = ((rtp[2] & 0xFF) << 8) | (rtp[3] & 0xFF);
        if (seq == BURST) {
          break;
        }
        before++;
      }
      TerminationStatistics stats = await(call.access.statistics());
      assertThat(stats.packetsIn()).as("datagrams the access socket delivered").isEqualTo(before + 1L);
      return before;
    }
  }
}
