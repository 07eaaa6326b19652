package ims.iq.transport;

/**
 * Caps on the transaction layer's maps, so a flood or a stuck peer cannot grow them without bound.
 *
 * @param maxOutstandingRequests requests of ours awaiting a reply; beyond it a new request fails at once
 * @param maxInboundTransactions peer requests in progress plus cached replies; beyond it a new request
 *     is dropped and counted (the peer retransmits)
 * @param maxPendingsPerRequest Pendings we accept for one request of ours before giving up on it
 *     (H.248.1 error 506 "Number of Transaction Pendings Exceeded"): a peer cannot keep a request
 *     alive for ever
 */
public record TransactionLimits(int maxOutstandingRequests, int maxInboundTransactions, int maxPendingsPerRequest) {
  public static final TransactionLimits DEFAULT = new TransactionLimits(4_096, 16_384, 100);

  public TransactionLimits {
    if (maxOutstandingRequests < 1) throw new IllegalArgumentException("maxOutstandingRequests < 1");
    if (maxInboundTransactions < 1) throw new IllegalArgumentException("maxInboundTransactions < 1");
    if (maxPendingsPerRequest < 1) throw new IllegalArgumentException("maxPendingsPerRequest < 1");
  }

  public TransactionLimits(int maxOutstandingRequests, int maxInboundTransactions) {
    this(maxOutstandingRequests, maxInboundTransactions, DEFAULT.maxPendingsPerRequest());
  }
}
