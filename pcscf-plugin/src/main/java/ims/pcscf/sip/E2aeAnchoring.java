package ims.pcscf.sip;

import ims.iq.controller.IqController;
import ims.pcscf.api.Exchange;
import ims.pcscf.api.Side;
import ims.pcscf.policy.E2aeUnavailableAction;
import ims.pcscf.policy.PcscfPolicy;
import ims.pcscf.registration.Binding;
import ims.pcscf.registration.RegistrationStore;
import ims.sdes.SdesParseException;
import ims.sdes.e2ae.CryptoPolicy;
import ims.sdes.e2ae.OriginatingTransforms;
import ims.sdes.e2ae.Rejection;
import ims.sdes.e2ae.TerminatingTransforms;
import ims.sdes.key.KeySource;
import ims.sdes.sdp.Sdp;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import javax.sip.ClientTransaction;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.header.ContactHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The e2ae call flows (TS 33.328 7.2.1 originating, 7.3.1 terminating) between the SIP side and the
 * IMS-AGW: decides whether an initial INVITE is anchored, reserves over Iq before the rewritten offer
 * is forwarded, and turns the answer into the gateway's configuration and the rewritten answer. Iq
 * calls are asynchronous: the SIP threads never wait; responses of one call leave in order
 * ({@link GatewayCall#then}).
 */
final class E2aeAnchoring {
  private static final Logger log = LoggerFactory.getLogger(PcscfProxy.class);

  /** What an originating INVITE requesting e2ae gets. */
  enum Decision { ANCHOR, REJECT, PASS }

  private final ProxyContext context;
  private final PcscfPolicy policy;
  private final CryptoPolicy cryptoPolicy;
  private final RegistrationStore store;
  /** The IMS-AGW's Iq controller; null when the P-CSCF runs without a gateway (no e2ae anchoring). */
  private final IqController gateway;
  /** Fresh SRTP master keys for the P-CSCF's crypto lines (K12, K21). */
  private final KeySource keys = KeySource.secureRandom();
  private final AnchoredCalls calls;
  private final ForwardedRequests forwarded;
  private final LocalResponses responses;

  E2aeAnchoring(ProxyContext context, PcscfPolicy policy, RegistrationStore store, IqController gateway,
      AnchoredCalls calls, ForwardedRequests forwarded, LocalResponses responses) {
    this.context = context;
    this.policy = policy;
    this.cryptoPolicy = policy.allowedSuites().isEmpty() ? CryptoPolicy.DEFAULT : new CryptoPolicy(policy.allowedSuites());
    this.store = store;
    this.gateway = gateway;
    this.calls = calls;
    this.forwarded = forwarded;
    this.responses = responses;
  }

  /**
   * An originating INVITE whose SDP requests e2ae: anchored when the UE's binding agreed e2ae at
   * registration and an IMS-AGW is configured; otherwise the policy decides (488, or forward with
   * the indication removed, i.e. as end-to-end SDES).
   */
  Decision originatingDecision(Request outgoing) {
    Optional<String> body = SdpBody.of(outgoing);
    if (body.isEmpty()) {
      return Decision.PASS;
    }
    boolean requested;
    try {
      requested = !OriginatingTransforms.streamsToAnchor(Sdp.parse(body.get())).isEmpty();
    } catch (SdesParseException e) {
      return Decision.PASS; // the spoof filter answers 488 for a body that does not parse
    }
    if (!requested) {
      return Decision.PASS;
    }
    ContactHeader contact = (ContactHeader) outgoing.getHeader(ContactHeader.NAME);
    boolean agreed = contact != null && store.findByContact(contact.getAddress().getURI().toString())
        .map(Binding::e2aeAgreed).orElse(false);
    if (agreed && gateway != null && policy.e2aeCapable()) {
      return Decision.ANCHOR;
    }
    return policy.whenUnavailable() == E2aeUnavailableAction.REJECT_488 ? Decision.REJECT : Decision.PASS;
  }

  /**
   * TS 33.328 7.3.1: an initial INVITE from the core toward a contact whose binding agreed e2ae, with
   * at least one plain RTP stream, is anchored when an IMS-AGW is configured; otherwise it passes.
   */
  boolean anchorsTerminating(Request outgoing) {
    Optional<String> body = SdpBody.of(outgoing);
    if (body.isEmpty() || gateway == null || !policy.e2aeCapable()) {
      return false;
    }
    boolean agreed = store.findByContact(outgoing.getRequestURI().toString())
        .map(Binding::e2aeAgreed).orElse(false);
    if (!agreed) {
      return false;
    }
    try {
      return !TerminatingTransforms.streamsToAnchor(Sdp.parse(body.get())).isEmpty();
    } catch (SdesParseException e) {
      return false; // the spoof filter answers 488 for a body that does not parse
    }
  }

  /** 7.2.1: reserves for the UE's offer, then forwards the plain offer to the core. */
  void anchorOriginating(ServerTransaction transaction, Request outgoing, Exchange exchange, Sdp ueOffer) {
    start(transaction, outgoing, exchange, Side.CORE, call -> OriginatingE2ae.offer(call, ueOffer, cryptoPolicy));
  }

  /** 7.3.1: reserves for the core's offer, then forwards the SRTP offer with the P-CSCF's keys to the UE. */
  void anchorTerminating(ServerTransaction transaction, Request outgoing, Exchange exchange, Sdp coreOffer) {
    start(transaction, outgoing, exchange, Side.ACCESS,
        call -> TerminatingE2ae.offer(call, coreOffer, cryptoPolicy, keys));
  }

  /**
   * Reserves at the IMS-AGW, then forwards the rewritten offer toward {@code toward}; on failure the
   * offerer gets the error and nothing leaves (no UE key ever goes toward the core).
   */
  private void start(ServerTransaction transaction, Request outgoing, Exchange exchange, Side toward,
      Function<GatewayCall, CompletableFuture<? extends E2aeLeg>> reserve) {
    var call = new GatewayCall(gateway, context.counters, ProxyContext.callId(outgoing));
    calls.put(ProxyContext.other(toward), call);
    CompletableFuture<? extends E2aeLeg> prepared;
    try {
      prepared = reserve.apply(call);
    } catch (SdesParseException e) {
      prepared = CompletableFuture.failedFuture(
          GatewaySteps.rejection(new Rejection.MalformedSdp(e.getMessage())));
    } catch (E2aeCallException e) {
      prepared = CompletableFuture.failedFuture(e);
    }
    prepared.whenComplete((leg, failure) -> CallLogging.run(call.callId(), () -> {
      if (call.isReleased()) { // cancelled while the gateway was reserving (whatever the gateway said)
        responses.respond(transaction, 487, "Request Terminated");
        return;
      }
      if (failure != null) {
        fail(call, transaction, failure);
        return;
      }
      SdpBody.replace(outgoing, leg.forwardedOffer(), context.headers);
      try {
        forwarded.send(toward, transaction, outgoing, exchange, leg);
      } catch (SipException e) {
        calls.release(call);
        log.info("Next hop toward {} unreachable for an e2ae INVITE: {}", toward, e.toString());
        responses.respond(transaction, 503, "Service Unavailable");
      } catch (RuntimeException e) {
        calls.release(call);
        context.counters.handlerFailures.increment();
        log.error("e2ae INVITE handling failed: {}", e.toString());
        responses.respond(transaction, 500, "Server Internal Error");
      }
    }));
  }

  /**
   * Responses of an anchored INVITE leave in order: the first with SDP configures the gateway and
   * carries the rewritten answer; later ones carry the same answer; a non-2xx final releases.
   */
  void relayResponse(ForwardedRequest request, Response outgoing, ClientTransaction client, Response received) {
    GatewayCall call = request.leg().call();
    int status = outgoing.getStatusCode();
    Optional<String> body = SdpBody.of(outgoing);
    call.then(() -> {
      if (status >= 300) {
        calls.release(call);
        outgoing.removeContent();
        forwarded.relay(request, outgoing);
        return CompletableFuture.completedFuture(null);
      }
      if (body.isEmpty()) {
        forwarded.relay(request, outgoing);
        return CompletableFuture.completedFuture(null);
      }
      Optional<String> known = call.offererAnswer();
      if (known.isPresent()) {
        SdpBody.replace(outgoing, known.get(), context.headers);
        forwarded.relay(request, outgoing);
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<String> answered;
      try {
        answered = request.leg().answer(Sdp.parse(body.get()), keys);
      } catch (SdesParseException e) {
        answered = CompletableFuture.failedFuture(
            GatewaySteps.rejection(new Rejection.MalformedSdp(e.getMessage())));
      }
      return answered.handle((offererBody, failure) -> {
        try (var mdc = CallLogging.callId(call.callId())) {
          return relayAnswered(request, outgoing, client, received, status, offererBody, failure);
        }
      });
    });
  }

  private Void relayAnswered(ForwardedRequest request, Response outgoing, ClientTransaction client, Response received,
      int status, String offererBody, Throwable failure) {
    GatewayCall call = request.leg().call();
        if (failure != null) {
          fail(call, request.serverTransaction(), failure);
          if (status < 200) {
            forwarded.cancelDownstream(request.serverTransaction()); // the answerer must not keep ringing
          } else {
            forwarded.hangUpAnsweredDialog(client, received); // the answerer accepted: end its dialog
          }
          return null;
        }
        call.offererAnswer(offererBody);
        SdpBody.replace(outgoing, offererBody, context.headers);
        forwarded.relay(request, outgoing);
        return null;
  }

  private void fail(GatewayCall call, ServerTransaction transaction, Throwable failure) {
    calls.release(call);
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof E2aeCallException e) {
      int status = e.status;
      String reason = e.reason;
      if (e.gatewayFailure) {
        context.counters.gatewayFailures.increment();
        status = policy.whenGatewayFails().status();
        reason = policy.whenGatewayFails().reasonPhrase();
      } else {
        context.counters.e2aeRejections.increment();
      }
      log.info("e2ae call {} refused: {} {}", call.callId(), status, e.warnText());
      responses.respondWithWarning(transaction, status, reason, e.warnCode, e.warnText());
      return;
    }
    context.counters.handlerFailures.increment();
    log.error("e2ae call {} failed: {}", call.callId(), cause.toString());
    responses.respond(transaction, 500, "Server Internal Error");
  }
}
