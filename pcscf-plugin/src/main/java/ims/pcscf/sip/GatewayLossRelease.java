package ims.pcscf.sip;

import ims.pcscf.api.Side;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sip.InvalidArgumentException;
import javax.sip.TransactionState;
import javax.sip.header.ReasonHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends, on the SIP side, an anchored call whose IMS-AGW contexts are gone (gateway restart, forced out
 * of service, an audit finding them missing): an answered call gets a BYE toward both sides, an
 * unanswered one a CANCEL downstream (once it answered provisionally) and 503 upstream, each with
 * {@code Reason: SIP;cause=503;text="IMS-AGW lost the media context"} (RFC 3326; the 503 carries a
 * Warning instead, as the proxy's other gateway failures). A call not forwarded yet needs nothing here:
 * its reservation fails and answers the offerer.
 */
final class GatewayLossRelease {
  private static final Logger log = LoggerFactory.getLogger(PcscfProxy.class);
  static final String TEXT = "IMS-AGW lost the media context";

  private final ProxyContext context;
  private final ForwardedRequests forwarded;
  private final LocalResponses responses;

  GatewayLossRelease(ProxyContext context, ForwardedRequests forwarded, LocalResponses responses) {
    this.context = context;
    this.forwarded = forwarded;
    this.responses = responses;
  }

  /**
   * Ends the calls of {@code lost} (each counted). A call between two UEs of this P-CSCF has two lost legs
   * with one Call-ID: only its originating leg signals (its BYE / CANCEL toward the core reaches the
   * callee through the S-CSCF and back through us), else each UE would get two BYEs.
   */
  void release(List<GatewayCall> lost) {
    Set<String> originating = new HashSet<>();
    for (GatewayCall call : lost) {
      if (call.dialog().snapshot().offerer() == Side.ACCESS) {
        originating.add(call.callId());
      }
    }
    for (GatewayCall call : lost) {
      try (var mdc = CallLogging.callId(call.callId())) {
        context.counters.callLegsEndedGatewayLost.increment();
        CallDialog.Snapshot dialog = call.dialog().snapshot();
        if (dialog.offerer() == Side.CORE && originating.contains(call.callId())) {
          continue; // the terminating leg of a hairpin call: ended by the originating leg's requests
        }
        release(call, dialog);
      } catch (RuntimeException e) {
        context.counters.handlerFailures.increment();
        log.error("Ending a call whose context the IMS-AGW lost failed: {}", e.toString());
      }
    }
  }

  private void release(GatewayCall call, CallDialog.Snapshot dialog) {
    if (dialog.server() == null) {
      return;
    }
    ReasonHeader reason;
    try {
      reason = context.headers.createReasonHeader("SIP", 503, TEXT);
    } catch (ParseException | InvalidArgumentException e) {
      throw new IllegalStateException("constant Reason header rejected", e);
    }
    if (dialog.answer() == null) {
      log.info("Call {}: IMS-AGW lost its context before the answer: CANCEL downstream, 503 upstream", call.callId());
      forwarded.inviteCompleted(dialog.server(), dialog.client());
      if (dialog.client().getApplicationData() instanceof ForwardedRequest request && request.timerC() != null) {
        request.timerC().stop(); // the offerer is answered here; timer C must not CANCEL again
      }
      if (dialog.client().getState() == TransactionState.PROCEEDING) {
        forwarded.cancel(dialog.client(), reason); // RFC 3261 9.1: only after a provisional answer
      }
      responses.respondWithWarning(dialog.server(), 503, "Service Unavailable", MediaSecurity.WARN_MISC, TEXT);
      return;
    }
    log.info("Call {}: IMS-AGW lost its context: BYE to both sides", call.callId());
    context.activeCalls.ended(call.callId());
    forwarded.endDialog(dialog, reason);
  }
}
