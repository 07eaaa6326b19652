package ims.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Netty buffers: readerIndex..writerIndex in place, heap and direct, tailroom needed for protect. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ByteBufTest {
  private static final SrtpProfile P = SrtpProfile.AES_CM_128_HMAC_SHA1_80;

  private static void roundTrip(ByteBuf buf, TestPackets.Pair pair, byte[] rtp) {
    int reader = buf.readerIndex();
    assertThat(pair.tx().protectRtp(buf)).isEqualTo(SrtpStatus.OK);
    assertThat(buf.readableBytes()).isEqualTo(rtp.length + 10);
    assertThat(buf.readerIndex()).isEqualTo(reader);
    assertThat(pair.rx().unprotectRtp(buf)).isEqualTo(SrtpStatus.OK);
    byte[] out = new byte[buf.readableBytes()];
    buf.getBytes(buf.readerIndex(), out);
    assertThat(out).isEqualTo(rtp);
  }

  @Test
  void givenHeapBufferWithReaderOffset_whenProtectedAndUnprotected_thenPacketRoundTrips() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(P))) {
      byte[] rtp = TestPackets.rtp(1, 160, 3);
      ByteBuf buf = Unpooled.buffer(400);
      try {
        buf.writeZero(37).readerIndex(37);
        buf.writeBytes(rtp);
        roundTrip(buf, pair, rtp);
      } finally {
        buf.release();
      }
    }
  }

  @Test
  void givenDirectAndPooledBuffers_whenProtectedAndUnprotected_thenPacketRoundTrips() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(P))) {
      ByteBuf direct = Unpooled.directBuffer(300);
      ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(2048);
      ByteBuf pooledHeap = PooledByteBufAllocator.DEFAULT.heapBuffer(2048);
      try {
        int seq = 1;
        for (ByteBuf buf : new ByteBuf[] {direct, pooled, pooledHeap}) {
          byte[] rtp = TestPackets.rtp(seq++, 160, 9);
          buf.writeZero(5).readerIndex(5);
          buf.writeBytes(rtp);
          roundTrip(buf, pair, rtp);
        }
      } finally {
        direct.release();
        pooled.release();
        pooledHeap.release();
      }
    }
  }

  @Test
  void givenBufferWithoutTailroom_whenProtected_thenBufferTooSmallAndIndicesUnchanged() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(P))) {
      byte[] rtp = TestPackets.rtp(1, 20, 3);
      for (ByteBuf buf : new ByteBuf[] {Unpooled.buffer(rtp.length + 9, rtp.length + 9),
          Unpooled.directBuffer(rtp.length + 9, rtp.length + 9)}) {
        try {
          buf.writeBytes(rtp);
          assertThat(pair.tx().protectRtp(buf)).isEqualTo(SrtpStatus.BUFFER_TOO_SMALL);
          assertThat(buf.writerIndex()).isEqualTo(rtp.length);
          byte[] after = new byte[rtp.length];
          buf.getBytes(0, after);
          assertThat(after).isEqualTo(rtp);
        } finally {
          buf.release();
        }
      }
    }
  }

  @Test
  void givenSliceOfExactPacket_whenUnprotected_thenWorksWithoutTailroom() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(P))) {
      byte[] srtp = pair.protect(4);
      ByteBuf whole = Unpooled.directBuffer(1024);
      try {
        whole.writeZero(100).writeBytes(srtp).writeZero(50);
        ByteBuf slice = whole.slice(100, srtp.length);
        assertThat(pair.rx().unprotectRtp(slice)).isEqualTo(SrtpStatus.OK);
        assertThat(slice.readableBytes()).isEqualTo(172);
        assertThat(slice.getByte(12)).isEqualTo((byte) 4);
      } finally {
        whole.release();
      }
    }
  }

  @Test
  void givenRtcpInDirectBuffer_whenRoundTripped_thenIndexAndTagAppendedAndRemoved() throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(P))) {
      byte[] rtcp = TestPackets.rtcp(6);
      ByteBuf buf = Unpooled.directBuffer(200);
      try {
        buf.writeBytes(rtcp);
        assertThat(pair.tx().protectRtcp(buf)).isEqualTo(SrtpStatus.OK);
        assertThat(buf.readableBytes()).isEqualTo(rtcp.length + 14);
        assertThat(pair.rx().unprotectRtcp(buf)).isEqualTo(SrtpStatus.OK);
        byte[] out = new byte[buf.readableBytes()];
        buf.getBytes(0, out);
        assertThat(out).isEqualTo(rtcp);
      } finally {
        buf.release();
      }
    }
  }
}
