package ims.media.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * Receive buffers for the relay's sockets: every read on an event loop gets that loop's one buffer again, instead of
 * a buffer from the pool per read. A loop reads one socket at a time and the relay copies each datagram out and
 * releases it before the loop reads again ({@code Termination#receive}), so the buffer is free by then; when it is
 * not (a datagram still held), that read takes a pooled buffer of its own, as Netty's allocators would. Per datagram
 * this saves the pool's allocate and free, and the leak detector's sampling of new buffers (at Netty's default level
 * one allocation in 128 records a stack trace).
 *
 * <p>Each loop's buffer is made on its first read and released when the loop's thread ends.
 */
final class LoopReceiveBuffers extends DefaultMaxMessagesRecvByteBufAllocator {
  private final int capacity;
  private final FastThreadLocal<ByteBuf> buffers = new FastThreadLocal<>() {
    @Override
    protected void onRemoval(ByteBuf buffer) {
      buffer.release();
    }
  };

  /** Buffers of {@code capacity} bytes; up to {@code maxMessagesPerRead} reads per readiness event of a socket. */
  LoopReceiveBuffers(int capacity, int maxMessagesPerRead) {
    super(maxMessagesPerRead);
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
  }

  @Override
  public Handle newHandle() {
    return new MaxMessageHandle() {
      @Override
      public ByteBuf allocate(ByteBufAllocator alloc) {
        return take(alloc);
      }

      @Override
      public int guess() {
        return capacity;
      }
    };
  }

  /** The calling loop's buffer, empty, with one more reference for the reader; or a pooled one while it is held. */
  ByteBuf take(ByteBufAllocator alloc) {
    ByteBuf buffer = buffers.get();
    if (buffer == null) {
      buffer = alloc.directBuffer(capacity, capacity);
      buffers.set(buffer);
    } else if (buffer.refCnt() != 1) {
      return alloc.directBuffer(capacity, capacity);
    }
    return buffer.retain().clear();
  }
}
