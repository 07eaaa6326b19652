package ims.media.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One receive buffer per event loop, reused while free, released with the loop's thread. */
@Timeout(30)
class LoopReceiveBuffersTest {
  private static final PooledByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;

  @Test
  void givenTheBufferWasReleased_whenTheLoopReadsAgain_thenItGetsTheSameBufferEmptyWithOneReferenceForTheReader()
      throws Exception {
    var buffers = new LoopReceiveBuffers(2048, 1);
    EventLoop loop = new DefaultEventLoop();
    try {
      ByteBuf[] seen = on(loop, () -> {
        ByteBuf first = buffers.take(ALLOC);
        first.writeBytes(new byte[] {1, 2, 3});
        first.release();                        // the relay's copy-out-and-release
        ByteBuf second = buffers.take(ALLOC);
        return new ByteBuf[] {first, second};
      });
      assertThat(seen[1]).isSameAs(seen[0]);
      assertThat(seen[1].readableBytes()).isZero();
      assertThat(seen[1].capacity()).isEqualTo(2048);
      assertThat(seen[1].refCnt()).isEqualTo(2);   // the loop's own reference and the reader's
      on(loop, () -> seen[1].release());
    } finally {
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  @Test
  void givenTheBufferIsStillHeld_whenTheLoopReadsAgain_thenThatReadGetsABufferOfItsOwn() throws Exception {
    var buffers = new LoopReceiveBuffers(2048, 1);
    EventLoop loop = new DefaultEventLoop();
    try {
      ByteBuf[] seen = on(loop, () -> new ByteBuf[] {buffers.take(ALLOC), buffers.take(ALLOC)});
      assertThat(seen[1]).isNotSameAs(seen[0]);
      assertThat(seen[1].refCnt()).isEqualTo(1);
      on(loop, () -> seen[0].release() && seen[1].release());
      ByteBuf again = on(loop, () -> buffers.take(ALLOC));
      assertThat(again).as("the loop's buffer, free again").isSameAs(seen[0]);
      on(loop, again::release);
    } finally {
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  @Test
  void givenEachLoopHasReadOnce_whenTheLoopsEnd_thenTheirBuffersAreFreedAndTheyWereNotShared() throws Exception {
    var buffers = new LoopReceiveBuffers(4096, 1);
    EventLoop a = new DefaultEventLoop();
    EventLoop b = new DefaultEventLoop();
    ByteBuf ofA = on(a, () -> {
      ByteBuf x = buffers.take(ALLOC);
      x.release();
      return x;
    });
    ByteBuf ofB = on(b, () -> {
      ByteBuf x = buffers.take(ALLOC);
      x.release();
      return x;
    });
    assertThat(ofA).isNotSameAs(ofB);
    assertThat(ofA.refCnt()).isEqualTo(1);
    a.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    b.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    assertThat(ofA.refCnt()).isZero();
    assertThat(ofB.refCnt()).isZero();
  }

  private static <T> T on(EventLoop loop, Callable<T> task) throws Exception {
    return loop.submit(task).get(5, TimeUnit.SECONDS);
  }
}
