package ims.media.relay;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Relay-wide counters of one event loop: packets and octets received per realm, forwarded (sent) per realm and kind
 * (RTP, RTCP), discards by reason, SSRC changes. Only the loop's thread writes them, with opaque stores (no fence on
 * the packet path, but a long is never torn); any thread reads them with opaque loads, and sees each counter at most
 * a few packets behind. No lock, no atomic read-modify-write, nothing allocated.
 */
final class RelayCounters {
  private static final VarHandle COUNTS = MethodHandles.arrayElementVarHandle(long[].class);
  /** Longs of padding at each end, so two loops' counters never share a cache line. */
  private static final int PAD = 8;
  private static final int RECEIVED_PACKETS = 0;
  private static final int RECEIVED_OCTETS = 1;
  private static final int SENT_RTP_PACKETS = 2;
  private static final int SENT_RTP_OCTETS = 3;
  private static final int SENT_RTCP_PACKETS = 4;
  private static final int SENT_RTCP_OCTETS = 5;
  private static final int PER_REALM = 6;

  private final long[] counts;
  private final int discardBase;
  private final int ssrcChangesIndex;

  RelayCounters(int realms) {
    discardBase = PAD + realms * PER_REALM;
    ssrcChangesIndex = discardBase + DiscardReason.VALUES.length;
    counts = new long[ssrcChangesIndex + 1 + PAD];
  }

  // ------------------------------------------------------------------ writer: the loop's thread only

  void received(int realm, int octets) {
    add(PAD + realm * PER_REALM + RECEIVED_PACKETS, 1);
    add(PAD + realm * PER_REALM + RECEIVED_OCTETS, octets);
  }

  /** A packet sent out to a remote in {@code realm} (forwarded from the other termination of its context). */
  void sent(int realm, boolean rtcp, int octets) {
    int base = PAD + realm * PER_REALM + (rtcp ? SENT_RTCP_PACKETS : SENT_RTP_PACKETS);
    add(base, 1);
    add(base + 1, octets);
  }

  void discarded(DiscardReason reason) {
    add(discardBase + reason.ordinal(), 1);
  }

  void ssrcChanged() {
    add(ssrcChangesIndex, 1);
  }

  private void add(int index, long delta) {
    COUNTS.setOpaque(counts, index, (long) COUNTS.getOpaque(counts, index) + delta);
  }

  // ------------------------------------------------------------------ readers: any thread

  long receivedPackets(int realm) {
    return read(PAD + realm * PER_REALM + RECEIVED_PACKETS);
  }

  long receivedOctets(int realm) {
    return read(PAD + realm * PER_REALM + RECEIVED_OCTETS);
  }

  long sentPackets(int realm, boolean rtcp) {
    return read(PAD + realm * PER_REALM + (rtcp ? SENT_RTCP_PACKETS : SENT_RTP_PACKETS));
  }

  long sentOctets(int realm, boolean rtcp) {
    return read(PAD + realm * PER_REALM + (rtcp ? SENT_RTCP_OCTETS : SENT_RTP_OCTETS));
  }

  long discards(DiscardReason reason) {
    return read(discardBase + reason.ordinal());
  }

  long ssrcChanges() {
    return read(ssrcChangesIndex);
  }

  private long read(int index) {
    return (long) COUNTS.getOpaque(counts, index);
  }
}
