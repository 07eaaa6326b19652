package ims.pcscf.sip;

import ims.pcscf.api.Side;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionUnavailableException;
import javax.sip.address.URI;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first steps for every request (RFC 3261 16.2-16.3): an ACK to a 2xx forwarded statelessly, a
 * server transaction, 100 Trying for INVITE, request validation (416, 483, 420 for Proxy-Require tags
 * other than sec-agree/mediasec), 503 + Retry-After for a new INVITE while draining, then REGISTER,
 * CANCEL or anything else to its handler.
 */
final class RequestDispatch {
  private static final Logger log = LoggerFactory.getLogger(PcscfProxy.class);
  /** Proxy-Require tags the P-CSCF supports (everything else is 420, RFC 3261 16.3 step 5). */
  private static final Set<String> SUPPORTED_PROXY_REQUIRE = Set.of("sec-agree", "mediasec");

  private final ProxyContext context;
  private final RegisterForwarding registers;
  private final CallRequestRouting calls;
  private final ForwardedRequests forwarded;
  private final LocalResponses responses;

  RequestDispatch(ProxyContext context, RegisterForwarding registers, CallRequestRouting calls,
      ForwardedRequests forwarded, LocalResponses responses) {
    this.context = context;
    this.registers = registers;
    this.calls = calls;
    this.forwarded = forwarded;
    this.responses = responses;
  }

  void handle(RequestEvent event) {
    SipProvider provider = (SipProvider) event.getSource();
    Side side = context.sideOf(provider);
    Request request = event.getRequest();
    context.counters.requestsReceived.increment();
    String method = request.getMethod();
    if (Request.ACK.equals(method)) {
      if (event.getServerTransaction() == null) {
        forwarded.forwardAck(side, request); // ACK to a 2xx: its own transaction, forwarded statelessly (16.11)
      }
      return; // ACK to a non-2xx is absorbed by the INVITE server transaction
    }
    ServerTransaction transaction = event.getServerTransaction();
    if (transaction == null) {
      transaction = newServerTransaction(provider, request);
      if (transaction == null) {
        return;
      }
    }
    if (Request.INVITE.equals(method)) {
      responses.respond(transaction, 100, "Trying");
    }
    URI requestUri = request.getRequestURI();
    if (!requestUri.isSipURI() && !"tel".equalsIgnoreCase(requestUri.getScheme())) {
      responses.respond(transaction, 416, "Unsupported URI Scheme");
      return;
    }
    MaxForwardsHeader maxForwards = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
    if (maxForwards != null && maxForwards.getMaxForwards() <= 0) {
      responses.respond(transaction, 483, "Too Many Hops");
      return;
    }
    List<String> unsupported = SipHeaders.optionTags(request, "Proxy-Require").stream()
        .filter(tag -> !SUPPORTED_PROXY_REQUIRE.contains(tag.toLowerCase(Locale.ROOT)))
        .toList();
    if (!unsupported.isEmpty()) {
      responses.respondBadExtension(transaction, request, unsupported);
      return;
    }
    if (Request.INVITE.equals(method) && ProxyContext.toTag(request) == null) {
      var refusal = context.admission.refusal();
      if (refusal.isPresent()) { // draining: in-dialog requests, CANCEL and REGISTER still pass
        context.counters.newCallsRefusedDraining.increment();
        responses.respondRetryLater(transaction, refusal.get(), "P-CSCF shutting down, no new calls");
        return;
      }
    }
    switch (method) {
      case Request.REGISTER -> registers.handle(side, transaction, request);
      case Request.CANCEL -> calls.handleCancel(side, transaction);
      default -> calls.handle(side, transaction, request);
    }
  }

  private ServerTransaction newServerTransaction(SipProvider provider, Request request) {
    try {
      return provider.getNewServerTransaction(request);
    } catch (TransactionAlreadyExistsException e) {
      return null; // a retransmission the stack is already handling
    } catch (TransactionUnavailableException e) {
      log.info("No server transaction for {} request: {}", request.getMethod(), e.toString());
      responses.respondStatelessly(provider, request, 400, "Bad Request");
      return null;
    }
  }
}
