package ims.pcscf.sip;

import java.util.concurrent.atomic.LongAdder;

/** Event counters of one proxy (cheap to bump from any stack thread; read as a snapshot). */
public final class ProxyCounters {

  final LongAdder requestsReceived = new LongAdder();
  final LongAdder requestsForwarded = new LongAdder();
  final LongAdder responsesRelayed = new LongAdder();
  final LongAdder answeredLocally = new LongAdder();
  final LongAdder unparseableMessages = new LongAdder();
  final LongAdder droppedHeaders = new LongAdder();
  final LongAdder malformedSecurityHeaders = new LongAdder();
  final LongAdder loopsDetected = new LongAdder();
  final LongAdder strayResponses = new LongAdder();
  final LongAdder transactionTimeouts = new LongAdder();
  final LongAdder storeFull = new LongAdder();
  final LongAdder handlerFailures = new LongAdder();

  /**
   * A consistent-enough copy of the counters.
   *
   * @param unparseableMessages messages the stack's parser rejected (answered 400 by the stack
   *                            when it could read Via/CSeq/Call-ID, otherwise dropped)
   * @param droppedHeaders      malformed non-essential headers the parser dropped from a message
   * @param handlerFailures     unexpected exceptions in our request/response handling (each is a bug)
   */
  public record Snapshot(
      long requestsReceived,
      long requestsForwarded,
      long responsesRelayed,
      long answeredLocally,
      long unparseableMessages,
      long droppedHeaders,
      long malformedSecurityHeaders,
      long loopsDetected,
      long strayResponses,
      long transactionTimeouts,
      long storeFull,
      long handlerFailures) {}

  public Snapshot snapshot() {
    return new Snapshot(
        requestsReceived.sum(),
        requestsForwarded.sum(),
        responsesRelayed.sum(),
        answeredLocally.sum(),
        unparseableMessages.sum(),
        droppedHeaders.sum(),
        malformedSecurityHeaders.sum(),
        loopsDetected.sum(),
        strayResponses.sum(),
        transactionTimeouts.sum(),
        storeFull.sum(),
        handlerFailures.sum());
  }
}
