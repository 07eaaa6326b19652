package ims.pcscf.sip;

import ims.pcscf.api.Exchange;
import ims.pcscf.api.Interception;
import ims.pcscf.api.Side;
import java.text.ParseException;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REGISTER (TS 33.328 7.1, TS 24.229 5.2.2): only from the access side; the interceptor strips the UE's
 * mediasec toward the core and stores the binding from the registrar's answer; the proxy adds Path
 * (RFC 3327), a pre-loaded Route to the core next hop and its Via, and forwards statefully.
 */
final class RegisterForwarding {
  private static final Logger log = LoggerFactory.getLogger(PcscfProxy.class);

  private final ProxyContext context;
  private final ProxyRoutes routes;
  private final ForwardedRequests forwarded;
  private final LocalResponses responses;

  RegisterForwarding(ProxyContext context, ProxyRoutes routes, ForwardedRequests forwarded, LocalResponses responses) {
    this.context = context;
    this.routes = routes;
    this.forwarded = forwarded;
    this.responses = responses;
  }

  void handle(Side side, ServerTransaction transaction, Request request) {
    if (side == Side.CORE) {
      responses.respond(transaction, 403, "REGISTER only accepted from the access side");
      return;
    }
    if (LoopDetection.isLoop(request, context.config.core()) || LoopDetection.isLoop(request, context.config.access())) {
      context.counters.loopsDetected.increment();
      responses.respond(transaction, 482, "Loop Detected");
      return;
    }
    Request outgoing = (Request) request.clone();
    switch (context.interceptFromAccess(transaction, request, outgoing)) {
      case Interception.Respond respond -> responses.respond(transaction, respond.statusCode(), respond.reasonPhrase());
      case Interception.Forward forward -> forwardToCore(transaction, request, outgoing, forward.exchange());
    }
  }

  /** RFC 3261 16.6: Max-Forwards, Route, Path (RFC 3327), Via, then a client transaction. */
  private void forwardToCore(ServerTransaction transaction, Request received, Request outgoing, Exchange exchange) {
    try {
      routes.decrementMaxForwards(outgoing);
      routes.removeOwnRoute(outgoing);
      outgoing.addFirst(context.headers.createHeader("Path", "<" + routes.ourUri(Side.CORE) + ">"));
      outgoing.addFirst(context.headers.createRouteHeader(
          context.addresses.createAddress("<" + context.config.coreNextHop().routeUri() + ">")));
      outgoing.addFirst(routes.ourVia(Side.CORE, received));
      forwarded.send(Side.CORE, transaction, outgoing, exchange, null);
    } catch (ParseException | InvalidArgumentException e) {
      context.counters.handlerFailures.increment();
      log.error("Cannot build the forwarded request: {}", e.toString());
      responses.respond(transaction, 500, "Server Internal Error");
    } catch (SipException e) {
      log.warn("Core next hop {} unreachable: {}", context.config.coreNextHop(), e.toString());
      responses.respond(transaction, 503, "Service Unavailable");
    }
  }
}
