package ims.iq.transport;

/**
 * Caps on the transaction layer's maps, so a flood or a stuck peer cannot grow them without bound.
 *
 * @param maxOutstandingRequests requests of ours awaiting a reply; beyond it a new request fails at once
 * @param maxInboundTransactions peer requests in progress plus cached replies; beyond it a new request
 *     is dropped and counted (the peer retransmits)
 */
public record TransactionLimits(int maxOutstandingRequests, int maxInboundTransactions) {
  public static final TransactionLimits DEFAULT = new TransactionLimits(4_096, 16_384);

  public TransactionLimits {
    if (maxOutstandingRequests < 1) throw new IllegalArgumentException("maxOutstandingRequests < 1");
    if (maxInboundTransactions < 1) throw new IllegalArgumentException("maxInboundTransactions < 1");
  }
}
