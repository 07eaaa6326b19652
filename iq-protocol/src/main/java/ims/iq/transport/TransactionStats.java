package ims.iq.transport;

/**
 * A snapshot of the transaction layer. The first four are map sizes (they must return to 0 when the
 * link is idle and the timers have run): our requests awaiting replies, peer requests being handled,
 * replies cached for duplicates, and acknowledged transactions remembered (without their reply) until
 * LONG-TIMER so a late duplicate is not run again. The rest are counters since start.
 */
public record TransactionStats(
    int outstandingRequests, int inboundInProgress, int cachedReplies, int acknowledgedTransactions,
    long requestsSent, long retransmissions, long timeouts, long repliesReceived, long lateReplies,
    long pendingsSent, long pendingsReceived, long duplicateRequests, long acksSent, long acksReceived,
    long handlerInvocations, long handlerFailures, long undecodable, long messageErrorsSent, long overloadDrops) {

  /** Whether nothing is in flight and nothing is cached. */
  public boolean isIdle() {
    return outstandingRequests == 0 && inboundInProgress == 0 && cachedReplies == 0 && acknowledgedTransactions == 0;
  }
}
