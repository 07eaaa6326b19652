package ims.pcscf.sip;

import ims.pcscf.api.Exchange;
import ims.pcscf.api.Interception;
import ims.pcscf.api.Side;
import ims.sdes.sdp.Sdp;
import java.text.ParseException;
import java.util.Set;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request other than REGISTER and ACK (RFC 3261 16.3-16.6, 16.10): initial requests from the
 * access side go to the core along the UE's stored Service-Route (else the core next hop); initial
 * requests from the core go to the UE contact in the Request-URI; in-dialog requests follow their
 * Route set across to the other side. Dialog-creating requests are double record-routed, each entry
 * naming the side it faces. Initial INVITEs that e2ae applies to go through {@link E2aeAnchoring}.
 */
final class CallRequestRouting {
  private static final Logger log = LoggerFactory.getLogger(PcscfProxy.class);
  /** Methods that create a dialog: the P-CSCF record-routes them to stay on the dialog. */
  private static final Set<String> DIALOG_CREATING = Set.of(Request.INVITE, "SUBSCRIBE", "REFER");

  private final ProxyContext context;
  private final ProxyRoutes routes;
  private final ForwardedRequests forwarded;
  private final E2aeAnchoring e2ae;
  private final AnchoredCalls calls;
  private final SpoofedIndicationRemoval spoofFilter;
  private final LocalResponses responses;

  CallRequestRouting(ProxyContext context, ProxyRoutes routes, ForwardedRequests forwarded, E2aeAnchoring e2ae,
      AnchoredCalls calls, SpoofedIndicationRemoval spoofFilter, LocalResponses responses) {
    this.context = context;
    this.routes = routes;
    this.forwarded = forwarded;
    this.e2ae = e2ae;
    this.calls = calls;
    this.spoofFilter = spoofFilter;
    this.responses = responses;
  }

  void handle(Side side, ServerTransaction transaction, Request request) {
    boolean initial = ProxyContext.toTag(request) == null;
    // loops are checked on initial requests only: an in-dialog request of a call between two UEs of
    // this P-CSCF passes twice with the same Request-URI, tags and CSeq (it follows its route set)
    if (initial
        && (LoopDetection.isLoop(request, context.config.core()) || LoopDetection.isLoop(request, context.config.access()))) {
      context.counters.loopsDetected.increment();
      responses.respond(transaction, 482, "Loop Detected");
      return;
    }
    Request outgoing = (Request) request.clone();
    Exchange exchange = PassThrough.INSTANCE;
    if (side == Side.ACCESS) {
      switch (context.interceptFromAccess(transaction, request, outgoing)) {
        case Interception.Respond respond -> {
          responses.respond(transaction, respond.statusCode(), respond.reasonPhrase());
          return;
        }
        case Interception.Forward forward -> exchange = forward.exchange();
      }
    }
    String callId = ProxyContext.callId(request);
    if (Request.BYE.equals(request.getMethod())) {
      calls.release(callId); // TS 33.328: the gateway context ends with the dialog, whoever hangs up
      context.activeCalls.ended(callId);
    }
    if (!initial && SdpBody.of(request).isPresent() && calls.isAnchored(callId)) {
      // re-INVITE/UPDATE/PRACK offers of an anchored call are a later issue: refusing leaves the
      // session as it was (RFC 3261 14.1), passing them would route media around the IMS-AGW
      context.counters.e2aeRejections.increment();
      responses.respondWithWarning(transaction, 488, "Not Acceptable Here", 399,
          "SDP renegotiation of an e2ae-protected call is not supported");
      return;
    }
    boolean initialInvite = initial && Request.INVITE.equals(request.getMethod());
    Sdp originatingOffer = null;
    Sdp terminatingOffer = null;
    if (side == Side.CORE && initialInvite && e2ae.anchorsTerminating(outgoing)) {
      terminatingOffer = Sdp.parse(SdpBody.of(outgoing).orElseThrow());
    }
    if (side == Side.ACCESS && initialInvite) {
      switch (e2ae.originatingDecision(outgoing)) {
        case ANCHOR -> originatingOffer = Sdp.parse(SdpBody.of(outgoing).orElseThrow());
        case REJECT -> {
          context.counters.e2aeRejections.increment();
          responses.respondWithWarning(transaction, 488, "Not Acceptable Here", 399, "e2ae media security not available");
          return;
        }
        case PASS -> { }
      }
    }
    if (originatingOffer == null && terminatingOffer == null && !spoofFilter.apply(outgoing)) {
      responses.respondWithWarning(transaction, 488, "Not Acceptable Here", 399, "Malformed SDP");
      return;
    }
    Side toward = ProxyContext.other(side);
    try {
      routes.removeOwnRoutes(outgoing);
      if (initial && side == Side.ACCESS) {
        routes.preloadOriginatingRoute(outgoing);
      }
      if (initial && DIALOG_CREATING.contains(request.getMethod())) {
        outgoing.addFirst(routes.recordRoute(side));
        outgoing.addFirst(routes.recordRoute(toward));
      }
      routes.decrementMaxForwards(outgoing);
      outgoing.addFirst(routes.ourVia(toward, request));
      if (originatingOffer != null) {
        e2ae.anchorOriginating(transaction, outgoing, exchange, originatingOffer);
      } else if (terminatingOffer != null) {
        e2ae.anchorTerminating(transaction, outgoing, exchange, terminatingOffer);
      } else {
        forwarded.send(toward, transaction, outgoing, exchange, null);
      }
    } catch (ParseException | InvalidArgumentException e) {
      context.counters.handlerFailures.increment();
      log.error("Cannot build the forwarded {}: {}", request.getMethod(), e.toString());
      responses.respond(transaction, 500, "Server Internal Error");
    } catch (SipException e) {
      log.info("Next hop of a {} toward {} unreachable: {}", request.getMethod(), toward, e.toString());
      responses.respond(transaction, 503, "Service Unavailable");
    }
  }

  /**
   * RFC 3261 16.10: a CANCEL is answered 200 hop by hop and, if its INVITE is still pending, a
   * CANCEL goes to the next hop; the INVITE's 487 comes back through the INVITE transaction.
   */
  void handleCancel(Side side, ServerTransaction transaction) {
    ClientTransaction invite = forwarded.pendingInvite(transaction);
    if (invite == null) {
      GatewayCall reserving = calls.get(ProxyContext.callId(transaction.getRequest()), side);
      if (reserving != null) { // the INVITE is still at the gateway: it will be answered 487
        responses.respond(transaction, 200, "OK");
        calls.release(reserving);
        return;
      }
      responses.respond(transaction, 481, "Call/Transaction Does Not Exist");
      return;
    }
    responses.respond(transaction, 200, "OK");
    forwarded.cancel(invite);
  }
}
