package ims.pcscf.sip;

import ims.iq.controller.IqController;
import ims.pcscf.api.Interception;
import ims.pcscf.api.ResponseInterception;
import ims.pcscf.api.Side;
import ims.pcscf.api.Warning;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media-security handling of calls, shared by the standalone {@link PcscfProxy} and the hosted
 * {@link HostedMediaSecurity}: spoofed {@code a=3ge2ae} removal (TS 33.328 7.2.1 / 7.3.1 last
 * paragraphs), the e2ae flows (7.2.1 originating, 7.3.1 terminating) with the IMS-AGW over Iq, and the
 * release of a call's gateway contexts (BYE, CANCEL, final error, timeout, close). It works on the
 * messages only: whoever calls it does the SIP transactions and acts on the verdicts.
 *
 * <p>Iq calls are asynchronous: a verdict needing the gateway completes on an Iq callback thread,
 * the others at once. The actions on one anchored call's responses run in order, each inside its
 * step of {@link GatewayCall#then}.
 */
final class MediaSecurity {
  private static final Logger log = LoggerFactory.getLogger(PcscfProxy.class);
  static final int WARN_MISC = 399;

  /** What an originating INVITE requesting e2ae gets. */
  enum Decision { ANCHOR, REJECT, PASS }

  private final ProxyCounters counters;
  private final PcscfPolicy policy;
  private final CryptoPolicy cryptoPolicy;
  private final RegistrationStore store;
  /** The IMS-AGW's Iq controller; null when the P-CSCF runs without a gateway (no e2ae anchoring). */
  private final IqController gateway;
  /** Fresh SRTP master keys for the P-CSCF's crypto lines (K12, K21). */
  private final KeySource keys = KeySource.secureRandom();
  private final AnchoredCalls calls;
  private final SpoofedIndicationRemoval spoofFilter;
  private final HeaderFactory headers;

  MediaSecurity(ProxyCounters counters, PcscfPolicy policy, RegistrationStore store, IqController gateway,
      AnchoredCalls calls, HeaderFactory headers) {
    this.counters = counters;
    this.policy = policy;
    this.cryptoPolicy = policy.allowedSuites().isEmpty() ? CryptoPolicy.DEFAULT : new CryptoPolicy(policy.allowedSuites());
    this.store = store;
    this.gateway = gateway;
    this.calls = calls;
    this.spoofFilter = new SpoofedIndicationRemoval(counters, headers);
    this.headers = headers;
  }

  SpoofedIndicationRemoval spoofFilter() {
    return spoofFilter;
  }

  /**
   * A request (other than REGISTER and CANCEL) from {@code from}, about to be forwarded as
   * {@code outgoing}: BYE releases the call; an SDP offer inside an anchored call is refused (488); an
   * initial INVITE e2ae applies to is anchored at the IMS-AGW (its body rewritten once the gateway has
   * reserved; the verdict's exchange is then the {@link E2aeLeg}); any other SDP loses foreign
   * {@code a=3ge2ae} lines (488 if it does not parse). {@code Forward}'s exchange is otherwise
   * {@link PassThrough}.
   */
  CompletableFuture<Interception> onRequest(Side from, Request outgoing) {
    boolean initial = ProxyContext.toTag(outgoing) == null;
    String callId = ProxyContext.callId(outgoing);
    if (!initial) {
      calls.requestInDialog(callId, from, ((CSeqHeader) outgoing.getHeader(CSeqHeader.NAME)).getSeqNumber());
    }
    if (Request.BYE.equals(outgoing.getMethod())) {
      calls.release(callId); // TS 33.328: the gateway context ends with the dialog, whoever hangs up
    }
    if (!initial && SdpBody.of(outgoing).isPresent() && calls.isAnchored(callId)) {
      // re-INVITE/UPDATE/PRACK offers of an anchored call are a later issue: refusing leaves the
      // session as it was (RFC 3261 14.1), passing them would route media around the IMS-AGW
      counters.e2aeRejections.increment();
      return respond(488, "Not Acceptable Here", "SDP renegotiation of an e2ae-protected call is not supported");
    }
    boolean initialInvite = initial && Request.INVITE.equals(outgoing.getMethod());
    if (from == Side.CORE && initialInvite && anchorsTerminating(outgoing)) {
      return anchor(Side.CORE, outgoing, SdpBody.of(outgoing).orElseThrow(),
          (call, offer) -> TerminatingE2ae.offer(call, offer, cryptoPolicy, keys));
    }
    if (from == Side.ACCESS && initialInvite) {
      switch (originatingDecision(outgoing)) {
        case ANCHOR -> {
          return anchor(Side.ACCESS, outgoing, SdpBody.of(outgoing).orElseThrow(),
              (call, offer) -> OriginatingE2ae.offer(call, offer, cryptoPolicy));
        }
        case REJECT -> {
          counters.e2aeRejections.increment();
          return respond(488, "Not Acceptable Here", "e2ae media security not available");
        }
        case PASS -> { }
      }
    }
    if (!spoofFilter.apply(outgoing)) {
      return respond(488, "Not Acceptable Here", "Malformed SDP");
    }
    if (initialInvite) {
      StreamModes.count(counters, StreamModes.of(outgoing, null));
    }
    return CompletableFuture.completedFuture(new Interception.Forward(PassThrough.INSTANCE));
  }

  /**
   * A CANCEL from {@code from} for an INVITE whose offer the gateway is still reserving (not yet
   * forwarded): the call is released and that INVITE's verdict becomes 487. False if there is none.
   */
  boolean cancelReserving(String callId, Side from) {
    GatewayCall call = calls.get(callId, from);
    if (call == null || !call.cancelIfReserving()) {
      return false;
    }
    calls.release(call);
    return true;
  }

  /**
   * A response (not 100) to a forwarded request, about to be relayed as {@code outgoing}. Not anchored
   * ({@code leg} null): foreign {@code a=3ge2ae} removed (an SDP that does not parse is dropped). For an
   * anchored INVITE: a final error releases the call; the first SDP configures the gateway and becomes
   * the rewritten answer, later ones carry the same answer; a failure replaces the response.
   * {@code action} gets the verdict once, inside the call's ordered step (so the responses of one call
   * are acted on in the order they were passed, whichever threads deliver them); at once when not
   * anchored.
   */
  void onResponse(E2aeLeg leg, Response outgoing, Consumer<ResponseInterception> action) {
    if (leg == null) {
      if (!spoofFilter.apply(outgoing)) {
        outgoing.removeContent(); // an unparseable body never reaches the other side as is
      }
      action.accept(new ResponseInterception.Relay());
      return;
    }
    GatewayCall call = leg.call();
    int status = outgoing.getStatusCode();
    Optional<String> body = SdpBody.of(outgoing);
    Consumer<ResponseInterception> verdict = v -> deliver(call, action, v);
    call.then(() -> {
      if (status >= 300) {
        calls.release(call);
        outgoing.removeContent();
        verdict.accept(new ResponseInterception.Relay());
        return CompletableFuture.completedFuture(null);
      }
      Optional<String> known = call.offererAnswer();
      if (body.isEmpty() || known.isPresent()) {
        known.filter(answer -> body.isPresent()).ifPresent(answer -> SdpBody.replace(outgoing, answer, headers));
        verdict.accept(new ResponseInterception.Relay());
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<String> answered;
      try {
        answered = leg.answer(Sdp.parse(body.get()), keys);
      } catch (SdesParseException e) {
        answered = CompletableFuture.failedFuture(GatewaySteps.rejection(new Rejection.MalformedSdp(e.getMessage())));
      }
      return answered.handle((offererBody, failure) -> {
        try (var mdc = CallLogging.callId(call.callId())) {
          if (failure != null) {
            Interception.Respond refusal = refusal(call, failure);
            verdict.accept(new ResponseInterception.Replace(refusal.statusCode(), refusal.reasonPhrase(),
                refusal.warning(), status < 200 ? ResponseInterception.AnswererCleanup.CANCEL_INVITE
                    : ResponseInterception.AnswererCleanup.END_DIALOG));
          } else {
            call.offererAnswer(offererBody);
            SdpBody.replace(outgoing, offererBody, headers);
            verdict.accept(new ResponseInterception.Relay());
          }
          return null;
        }
      });
    });
  }

  /** Runs the caller's action on a verdict; its failure is counted and never breaks the call's order. */
  private void deliver(GatewayCall call, Consumer<ResponseInterception> action, ResponseInterception verdict) {
    try (var mdc = CallLogging.callId(call.callId())) {
      action.accept(verdict);
    } catch (RuntimeException e) {
      counters.handlerFailures.increment();
      log.error("Acting on a response of call {} failed: {}", call.callId(), e.toString());
    }
  }

  /** The request forwarded as {@code leg} got no final answer: the call is released. */
  void onTimeout(E2aeLeg leg) {
    calls.release(leg.call());
  }

  /**
   * The IMS-AGW lost the contexts of the calls {@code test} selects: they leave the anchored calls,
   * nothing is subtracted, their keys are wiped. Returns the calls this marked lost (each once).
   */
  List<GatewayCall> contextsLost(Predicate<GatewayCall> test) {
    return calls.removeIf(test).stream().filter(GatewayCall::contextsLost).toList();
  }

  /** Every anchored call is released (the proxy or the host is closing). */
  void close() {
    calls.releaseAll();
  }

  /** The standalone proxy could not send an anchored INVITE on: its call is released. */
  void notForwarded(E2aeLeg leg) {
    calls.release(leg.call());
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

  /** The reservation of one flow for an offer, returning the call's leg (with the offer the other side gets). */
  @FunctionalInterface
  private interface Reservation {
    CompletableFuture<? extends E2aeLeg> reserve(GatewayCall call, Sdp offer);
  }

  /**
   * Reserves at the IMS-AGW, then rewrites {@code outgoing}'s body with the offer the other side gets;
   * on failure the offerer gets the error and nothing leaves (no UE key ever goes toward the core).
   */
  private CompletableFuture<Interception> anchor(Side offerer, Request outgoing, String body, Reservation reservation) {
    var call = new GatewayCall(gateway, counters, ProxyContext.callId(outgoing));
    calls.put(offerer, call);
    CompletableFuture<? extends E2aeLeg> prepared;
    try {
      prepared = reservation.reserve(call, Sdp.parse(body));
    } catch (SdesParseException e) {
      prepared = CompletableFuture.failedFuture(GatewaySteps.rejection(new Rejection.MalformedSdp(e.getMessage())));
    } catch (E2aeCallException e) {
      prepared = CompletableFuture.failedFuture(e);
    }
    return prepared.handle((leg, failure) -> {
      try (var mdc = CallLogging.callId(call.callId())) {
        if (failure == null && call.startForwarding()) {
          SdpBody.replace(outgoing, leg.forwardedOffer(), headers);
          StreamModes.count(counters, StreamModes.of(outgoing, call));
          return new Interception.Forward(leg);
        }
        if (failure == null || call.isReleased()) { // cancelled (or closed) while the gateway was reserving
          calls.release(call);
          return new Interception.Respond(487, "Request Terminated");
        }
        return refusal(call, failure);
      }
    });
  }

  /** Releases the call and turns a failure into the offerer's answer (policy for gateway failures). */
  private Interception.Respond refusal(GatewayCall call, Throwable failure) {
    calls.release(call);
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof E2aeCallException e) {
      int status = e.status;
      String reason = e.reason;
      if (e.gatewayFailure) {
        counters.gatewayFailures.increment();
        status = policy.whenGatewayFails().status();
        reason = policy.whenGatewayFails().reasonPhrase();
      } else {
        counters.e2aeRejections.increment();
      }
      log.info("e2ae call {} refused: {} {}", call.callId(), status, e.warnText());
      return new Interception.Respond(status, reason, new Warning(e.warnCode, e.warnText()));
    }
    counters.handlerFailures.increment();
    log.error("e2ae call {} failed: {}", call.callId(), cause.toString());
    return new Interception.Respond(500, "Server Internal Error");
  }

  private static CompletableFuture<Interception> respond(int status, String reason, String warning) {
    return CompletableFuture.completedFuture(new Interception.Respond(status, reason, new Warning(WARN_MISC, warning)));
  }
}
