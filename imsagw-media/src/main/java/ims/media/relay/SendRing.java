package ims.media.relay;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * The reusable outgoing datagrams of one termination, so forwarding allocates nothing per packet: each slot is a
 * {@link DatagramPacket} (Netty batches only that type into {@code sendmmsg}) holding a pooled direct buffer for the
 * termination's lifetime. The ring keeps one reference to each buffer; a write takes a second one, which Netty
 * releases once the datagram is sent (or failed), so a slot whose buffer is back to one reference is free again.
 * Slots are made on demand, up to {@value #MAX_SLOTS} (the writes in flight between a read batch and its flush,
 * plus any a full socket buffer holds back); beyond that the caller falls back to a datagram of its own.
 *
 * <p>A slot is tied to one recipient and has a fixed capacity: a free slot for another recipient (the remote moved
 * or was latched) or too small for the packet is replaced, which is rare. Confined to the termination's event loop;
 * the reference counts are the only state Netty touches, and it does so on the same loop.
 */
final class SendRing {
  static final int MAX_SLOTS = 64;
  /** Smallest slot buffer: a G.711 20 ms packet with the longest SRTP trailer fits. */
  static final int MIN_CAPACITY = 256;

  private final DatagramPacket[] slots = new DatagramPacket[MAX_SLOTS];
  private int size;
  private int next;
  private boolean closed;

  /**
   * A free slot toward {@code to} whose buffer is empty and holds at least {@code capacity} bytes, or null when
   * every slot is in flight and the ring is full (or closed). The caller fills it and either writes it after
   * {@code retain()} or leaves it as it is.
   */
  DatagramPacket acquire(ByteBufAllocator alloc, InetSocketAddress to, int capacity) {
    if (closed) {
      return null;
    }
    for (int k = 0; k < size; k++) {
      int i = next + k < size ? next + k : next + k - size;
      DatagramPacket slot = slots[i];
      if (slot.content().refCnt() == 1) {
        if (slot.recipient() != to && !slot.recipient().equals(to) || slot.content().capacity() < capacity) {
          slot.release();
          slot = newSlot(alloc, to, capacity);
          slots[i] = slot;
        }
        next = i + 1 == size ? 0 : i + 1;
        slot.content().clear();
        return slot;
      }
    }
    if (size == MAX_SLOTS) {
      return null;
    }
    DatagramPacket slot = newSlot(alloc, to, capacity);
    slots[size++] = slot;
    next = 0;
    return slot;
  }

  private static DatagramPacket newSlot(ByteBufAllocator alloc, InetSocketAddress to, int capacity) {
    return new DatagramPacket(alloc.directBuffer(Math.max(capacity, MIN_CAPACITY)), to);
  }

  /** Slots made so far (for tests and views). */
  int size() {
    return size;
  }

  /** Drops the ring's references; buffers still in flight are freed when Netty releases its own. Idempotent. */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = 0; i < size; i++) {
      slots[i].release();
      slots[i] = null;
    }
    size = 0;
  }
}
