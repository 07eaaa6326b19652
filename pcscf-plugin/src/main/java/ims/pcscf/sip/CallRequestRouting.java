package ims.pcscf.sip;

import gov.nist.javax.sip.stack.SIPTransaction;
import ims.pcscf.api.Exchange;
import ims.pcscf.api.Interception;
import ims.pcscf.api.Side;
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
 * naming the side it faces. The SDP goes through {@link MediaSecurity} (e2ae anchoring, spoof filter)
 * before the request leaves.
 */
final class CallRequestRouting {
  private static final Logger log = LoggerFactory.getLogger(PcscfProxy.class);
  /** Methods that create a dialog: the P-CSCF record-routes them to stay on the dialog. */
  private static final Set<String> DIALOG_CREATING = Set.of(Request.INVITE, "SUBSCRIBE", "REFER");

  private final ProxyContext context;
  private final ProxyRoutes routes;
  private final ForwardedRequests forwarded;
  private final MediaSecurity media;
  private final LocalResponses responses;

  CallRequestRouting(ProxyContext context, ProxyRoutes routes, ForwardedRequests forwarded, MediaSecurity media,
      LocalResponses responses) {
    this.context = context;
    this.routes = routes;
    this.forwarded = forwarded;
    this.media = media;
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
    Exchange registration = PassThrough.INSTANCE;
    if (side == Side.ACCESS) {
      switch (context.interceptFromAccess(transaction, request, outgoing)) {
        case Interception.Respond respond -> {
          responses.respond(transaction, respond);
          return;
        }
        case Interception.Forward forward -> registration = forward.exchange();
      }
    }
    if (Request.BYE.equals(request.getMethod())) {
      context.activeCalls.ended(ProxyContext.callId(request));
    }
    Side toward = ProxyContext.other(side);
    try {
      routes.removeOwnRoutes(outgoing);
      if (initial && side == Side.ACCESS) {
        routes.preloadOriginatingRoute(outgoing);
      }
      if (initial && DIALOG_CREATING.contains(request.getMethod())) {
        outgoing.addFirst(side == Side.ACCESS
            ? routes.recordRouteForUe(((SIPTransaction) transaction).getTransport()) : routes.recordRoute(side));
        outgoing.addFirst(routes.recordRoute(toward));
      }
      routes.decrementMaxForwards(outgoing);
      outgoing.addFirst(routes.ourVia(toward, request));
    } catch (ParseException | InvalidArgumentException | SipException e) {
      context.counters.handlerFailures.increment();
      log.error("Cannot build the forwarded {}: {}", request.getMethod(), e.toString());
      responses.respond(transaction, 500, "Server Internal Error");
      return;
    }
    Exchange exchange = registration;
    media.onRequest(side, outgoing).whenComplete((verdict, failure) -> {
      try (var mdc = CallLogging.callIdOf(outgoing)) {
        if (failure != null) {
          context.counters.handlerFailures.increment();
          log.error("Media-security handling of a {} failed: {}", request.getMethod(), failure.toString());
          responses.respond(transaction, 500, "Server Internal Error");
          return;
        }
        switch (verdict) {
          case Interception.Respond respond -> responses.respond(transaction, respond);
          case Interception.Forward forward -> send(toward, transaction, outgoing, exchange,
              forward.exchange() instanceof E2aeLeg leg ? leg : null);
        }
      }
    });
  }

  /** Sends the request on; if it cannot leave, an anchored call is released and the offerer answered. */
  private void send(Side toward, ServerTransaction transaction, Request outgoing, Exchange exchange, E2aeLeg leg) {
    try {
      forwarded.send(toward, transaction, outgoing, exchange, leg);
    } catch (SipException e) {
      if (leg != null) {
        media.notForwarded(leg);
      }
      log.info("Next hop of a {} toward {} unreachable: {}", outgoing.getMethod(), toward, e.toString());
      responses.respond(transaction, 503, "Service Unavailable");
    } catch (RuntimeException e) {
      if (leg != null) {
        media.notForwarded(leg);
      }
      context.counters.handlerFailures.increment();
      log.error("Forwarding a {} failed: {}", outgoing.getMethod(), e.toString());
      responses.respond(transaction, 500, "Server Internal Error");
    }
  }

  /**
   * RFC 3261 16.10: a CANCEL is answered 200 hop by hop and, if its INVITE is still pending, a
   * CANCEL goes to the next hop; the INVITE's 487 comes back through the INVITE transaction. An INVITE
   * still at the gateway is not forwarded at all and gets 487.
   */
  void handleCancel(Side side, ServerTransaction transaction) {
    ClientTransaction invite = forwarded.pendingInvite(transaction);
    if (invite == null) {
      if (media.cancelReserving(ProxyContext.callId(transaction.getRequest()), side)) {
        responses.respond(transaction, 200, "OK");
        return;
      }
      responses.respond(transaction, 481, "Call/Transaction Does Not Exist");
      return;
    }
    responses.respond(transaction, 200, "OK");
    forwarded.cancel(invite);
  }
}
