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
  final LongAdder spoofedIndicationsRemoved = new LongAdder();
  final LongAdder malformedSdp = new LongAdder();
  final LongAdder cancelsForwarded = new LongAdder();
  final LongAdder e2aeRejections = new LongAdder();
  final LongAdder gatewayFailures = new LongAdder();
  final LongAdder gatewayContextsReserved = new LongAdder();
  final LongAdder gatewayContextsReleased = new LongAdder();

  /**
   * A consistent-enough copy of the counters.
   *
   * @param unparseableMessages messages the stack's parser rejected (answered 400 by the stack
   *                            when it could read Via/CSeq/Call-ID, otherwise dropped)
   * @param droppedHeaders      malformed non-essential headers the parser dropped from a message
   * @param handlerFailures     unexpected exceptions in our request/response handling (each is a bug)
   * @param spoofedIndicationsRemoved SDP bodies from which a foreign {@code a=3ge2ae} was removed
   * @param malformedSdp        SDP bodies that did not parse (488 for requests, body dropped in responses)
   * @param e2aeRejections      e2ae offers/answers refused by the SDES transforms (488 with a Warning)
   * @param gatewayFailures     Iq requests the IMS-AGW refused or did not answer
   * @param gatewayContextsReserved IMS-AGW contexts created for e2ae calls
   * @param gatewayContextsReleased IMS-AGW contexts released (equal to reserved once all calls ended)
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
      long handlerFailures,
      long spoofedIndicationsRemoved,
      long malformedSdp,
      long cancelsForwarded,
      long e2aeRejections,
      long gatewayFailures,
      long gatewayContextsReserved,
      long gatewayContextsReleased) {}

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
        handlerFailures.sum(),
        spoofedIndicationsRemoved.sum(),
        malformedSdp.sum(),
        cancelsForwarded.sum(),
        e2aeRejections.sum(),
        gatewayFailures.sum(),
        gatewayContextsReserved.sum(),
        gatewayContextsReleased.sum());
  }
}
