package ims.iq.transport;

import ims.iq.message.CommandKind;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of the transaction layer. The first four are map sizes (they must return to 0 when the
 * link is idle and the timers have run): our requests awaiting replies, peer requests being handled,
 * replies cached for duplicates, and acknowledged transactions remembered (without their reply) until
 * LONG-TIMER so a late duplicate is not run again. The rest are counters since start.
 *
 * <p>Appended later: {@code replyLatency}, the round-trip time of our requests that got a reply;
 * {@code errorReplies}, those replies that carried an H.248 error, by code; {@code commandsSent}, the commands
 * inside the requests we sent, by kind (first attempts only; a transaction with two commands counts both; the
 * controller's link checks count as {@link CommandKind#AUDIT_VALUE}). Kinds never sent are absent (see
 * {@link #commandsSent(CommandKind)}).
 */
public record TransactionStats(
    int outstandingRequests, int inboundInProgress, int cachedReplies, int acknowledgedTransactions,
    long requestsSent, long retransmissions, long timeouts, long repliesReceived, long lateReplies,
    long pendingsSent, long pendingsReceived, long duplicateRequests, long acksSent, long acksReceived,
    long handlerInvocations, long handlerFailures, long undecodable, long messageErrorsSent, long overloadDrops,
    ReplyLatency replyLatency, ErrorReplies errorReplies, Map<CommandKind, Long> commandsSent) {

  public TransactionStats {
    Objects.requireNonNull(replyLatency, "replyLatency");
    Objects.requireNonNull(errorReplies, "errorReplies");
    commandsSent = Map.copyOf(commandsSent);
  }

  /** The form before latency, error and command counts existed; those are empty. */
  public TransactionStats(
      int outstandingRequests, int inboundInProgress, int cachedReplies, int acknowledgedTransactions,
      long requestsSent, long retransmissions, long timeouts, long repliesReceived, long lateReplies,
      long pendingsSent, long pendingsReceived, long duplicateRequests, long acksSent, long acksReceived,
      long handlerInvocations, long handlerFailures, long undecodable, long messageErrorsSent, long overloadDrops) {
    this(outstandingRequests, inboundInProgress, cachedReplies, acknowledgedTransactions, requestsSent,
        retransmissions, timeouts, repliesReceived, lateReplies, pendingsSent, pendingsReceived, duplicateRequests,
        acksSent, acksReceived, handlerInvocations, handlerFailures, undecodable, messageErrorsSent, overloadDrops,
        ReplyLatency.NONE, ErrorReplies.NONE, Map.of());
  }

  /** Whether nothing is in flight and nothing is cached. */
  public boolean isIdle() {
    return outstandingRequests == 0 && inboundInProgress == 0 && cachedReplies == 0 && acknowledgedTransactions == 0;
  }

  /** Commands of {@code kind} sent in our requests since start. */
  public long commandsSent(CommandKind kind) {
    return commandsSent.getOrDefault(kind, 0L);
  }
}
