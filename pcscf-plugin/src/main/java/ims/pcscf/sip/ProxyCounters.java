package ims.pcscf.sip;

import ims.pcscf.view.SecurityMode;
import java.util.concurrent.atomic.AtomicLong;
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
  final LongAdder timerCExpiries = new LongAdder();
  final LongAdder callsE2ae = new LongAdder();
  final LongAdder callsE2eSdes = new LongAdder();
  final LongAdder callsKms = new LongAdder();
  final LongAdder callsPlain = new LongAdder();
  final LongAdder callsWithoutOffer = new LongAdder();
  final LongAdder untrackedCalls = new LongAdder();
  final LongAdder iqRequests = new LongAdder();
  final LongAdder iqSucceeded = new LongAdder();
  final LongAdder iqErrorReplies = new LongAdder();
  final LongAdder iqTimeouts = new LongAdder();
  final LongAdder iqOtherFailures = new LongAdder();
  final LongAdder iqLatencyMicrosTotal = new LongAdder();
  final AtomicLong iqLatencyMicrosMax = new AtomicLong();
  final LongAdder newCallsRefusedDraining = new LongAdder();
  final LongAdder callLegsEndedGatewayLost = new LongAdder();
  final LongAdder gatewayContextsLost = new LongAdder();

  LongAdder callsByMode(SecurityMode mode) {
    return switch (mode) {
      case E2AE -> callsE2ae;
      case E2E_SDES -> callsE2eSdes;
      case KMS -> callsKms;
      case PLAIN -> callsPlain;
    };
  }

  /** One Iq request to the IMS-AGW completed after {@code micros}; {@code outcome} says how. */
  void iqCompleted(IqOutcome outcome, long micros) {
    switch (outcome) {
      case OK -> iqSucceeded.increment();
      case ERROR_REPLY -> iqErrorReplies.increment();
      case TIMEOUT -> iqTimeouts.increment();
      case OTHER_FAILURE -> iqOtherFailures.increment();
    }
    iqLatencyMicrosTotal.add(micros);
    iqLatencyMicrosMax.accumulateAndGet(micros, Math::max);
  }

  /** How an Iq request to the IMS-AGW ended. */
  enum IqOutcome { OK, ERROR_REPLY, TIMEOUT, OTHER_FAILURE }

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
   * @param timerCExpiries    forwarded INVITEs whose timer C fired (RFC 3261 16.8: CANCEL downstream, 408 upstream)
   * @param callsE2ae         initial INVITEs forwarded with at least one stream anchored at the IMS-AGW
   *                          (one per leg: a call between two UEs of this P-CSCF counts twice)
   * @param callsE2eSdes      initial INVITEs forwarded with end-to-end SDES (and no KMS, no e2ae)
   * @param callsKms          initial INVITEs forwarded with {@code a=key-mgmt} (and no e2ae)
   * @param callsPlain        initial INVITEs forwarded with an SDP offer without media security
   * @param callsWithoutOffer initial INVITEs forwarded without SDP (the offer comes in the answer)
   * @param untrackedCalls    call legs not shown in {@code PcscfProxy.activeCalls()} (view full)
   * @param iqRequests        Iq requests the P-CSCF sent to the IMS-AGW (reserve, configure, release)
   * @param iqSucceeded       ... answered with success
   * @param iqErrorReplies    ... answered with an H.248 error
   * @param iqTimeouts        ... unanswered after the Iq retransmissions
   * @param iqOtherFailures   ... failed otherwise (no gateway associated, closed, malformed reply)
   * @param iqLatencyMicrosTotal sum of the completed requests' round-trip times (request to outcome), in µs
   * @param iqLatencyMicrosMax   the longest of them, in µs
   * @param newCallsRefusedDraining initial INVITEs answered 503 (Retry-After) after {@code stopAcceptingNewCalls()}
   * @param callLegsEndedGatewayLost anchored calls ended by the P-CSCF because the IMS-AGW lost their contexts
   * @param gatewayContextsLost IMS-AGW contexts reported gone (restart, forced out of service, audit): not
   *                          released by us, so reserved = released + lost once all calls ended
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
      long gatewayContextsReleased,
      long timerCExpiries,
      long callsE2ae,
      long callsE2eSdes,
      long callsKms,
      long callsPlain,
      long callsWithoutOffer,
      long untrackedCalls,
      long iqRequests,
      long iqSucceeded,
      long iqErrorReplies,
      long iqTimeouts,
      long iqOtherFailures,
      long iqLatencyMicrosTotal,
      long iqLatencyMicrosMax,
      long newCallsRefusedDraining,
      long callLegsEndedGatewayLost,
      long gatewayContextsLost) {

    /** Iq requests completed (any outcome): the count the latency total divides by. */
    public long iqCompleted() {
      return iqSucceeded + iqErrorReplies + iqTimeouts + iqOtherFailures;
    }
  }

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
        gatewayContextsReleased.sum(),
        timerCExpiries.sum(),
        callsE2ae.sum(),
        callsE2eSdes.sum(),
        callsKms.sum(),
        callsPlain.sum(),
        callsWithoutOffer.sum(),
        untrackedCalls.sum(),
        iqRequests.sum(),
        iqSucceeded.sum(),
        iqErrorReplies.sum(),
        iqTimeouts.sum(),
        iqOtherFailures.sum(),
        iqLatencyMicrosTotal.sum(),
        iqLatencyMicrosMax.get(),
        newCallsRefusedDraining.sum(),
        callLegsEndedGatewayLost.sum(),
        gatewayContextsLost.sum());
  }
}
