package ims.iq.transport;

/**
 * A snapshot of the transaction layer. The first three are map sizes (they must return to 0 when the
 * link is idle and the timers have run); the rest are counters since start.
 */
public record TransactionStats(
    int outstandingRequests, int inboundInProgress, int cachedReplies,
    long requestsSent, long retransmissions, long timeouts, long repliesReceived, long lateReplies,
    long pendingsSent, long pendingsReceived, long duplicateRequests, long acksSent, long acksReceived,
    long handlerInvocations, long handlerFailures, long undecodable, long messageErrorsSent, long overloadDrops) {

  /** Whether nothing is in flight and nothing is cached. */
  public boolean isIdle() {
    return outstandingRequests == 0 && inboundInProgress == 0 && cachedReplies == 0;
  }
}
