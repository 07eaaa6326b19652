package ims.media.relay;

import java.util.BitSet;
import java.util.Objects;

/**
 * The RTP/RTCP port pairs of one realm. A pair is handed out at most once until it is released; release of a pair
 * that is not out is a bug and throws. Allocation is next-fit: the search starts after the pair handed out last, so
 * a port just released is the last to be reused (late packets of an old call do not reach a new one at once).
 *
 * <p>Thread-safe; control plane only (contexts are created and released there), never on the packet path.
 */
public final class PortPool {
  private final String realm;
  private final PortRange range;
  private final BitSet inUse;
  private int cursor;
  private int used;

  public PortPool(String realm, PortRange range) {
    this.realm = Objects.requireNonNull(realm, "realm");
    this.range = Objects.requireNonNull(range, "range");
    this.inUse = new BitSet(range.pairs());
  }

  public String realm() {
    return realm;
  }

  public PortRange range() {
    return range;
  }

  /** A free pair, or {@link PortAllocation.Exhausted} when every pair is out. */
  public synchronized PortAllocation allocate() {
    int pairs = range.pairs();
    if (used == pairs) {
      return new PortAllocation.Exhausted(realm, pairs);
    }
    int index = inUse.nextClearBit(cursor);
    if (index >= pairs) {
      index = inUse.nextClearBit(0);
    }
    inUse.set(index);
    used++;
    cursor = index + 1 == pairs ? 0 : index + 1;
    return new PortAllocation.Allocated(new PortPair(range.rtpPort(index)));
  }

  /**
   * Returns a pair to the pool.
   *
   * @throws IllegalStateException if the pair is not out (released twice, or never handed out by this pool)
   */
  public synchronized void release(PortPair pair) {
    int offset = pair.rtp() - range.first();
    if (offset < 0 || pair.rtcp() > range.last()) {
      throw new IllegalStateException("port " + pair.rtp() + " is not in the " + realm + " range " + range);
    }
    int index = offset / 2;
    if (!inUse.get(index)) {
      throw new IllegalStateException("port " + pair.rtp() + " of realm " + realm + " released but not in use");
    }
    inUse.clear(index);
    used--;
  }

  /** Pairs handed out and not yet released. */
  public synchronized int inUse() {
    return used;
  }

  public synchronized boolean isInUse(PortPair pair) {
    int offset = pair.rtp() - range.first();
    return offset >= 0 && pair.rtcp() <= range.last() && inUse.get(offset / 2);
  }

  @Override
  public synchronized String toString() {
    return "PortPool[" + realm + " " + range.first() + ".." + range.last() + ", in use " + used + "/" + range.pairs() + "]";
  }
}
