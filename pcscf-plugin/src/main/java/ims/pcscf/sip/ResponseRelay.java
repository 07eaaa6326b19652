package ims.pcscf.sip;

import ims.pcscf.api.Interception;
import ims.pcscf.api.ResponseInterception;
import ims.pcscf.api.Side;
import java.util.Optional;
import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Responses (RFC 3261 16.7): 100 absorbed, our Via removed, then relayed on the server transaction
 * (through the e2ae flow for an anchored INVITE, else through the spoof filter); a 2xx retransmission
 * that outlived its client transaction is forwarded statelessly (16.11).
 */
final class ResponseRelay {
  private static final Logger log = LoggerFactory.getLogger(PcscfProxy.class);

  private final ProxyContext context;
  private final ForwardedRequests forwarded;
  private final MediaSecurity media;
  private final AnchoredCalls calls;
  private final LocalResponses responses;

  ResponseRelay(ProxyContext context, ForwardedRequests forwarded, MediaSecurity media, AnchoredCalls calls,
      LocalResponses responses) {
    this.context = context;
    this.forwarded = forwarded;
    this.media = media;
    this.calls = calls;
    this.responses = responses;
  }

  void handle(ResponseEvent event) {
    ClientTransaction client = event.getClientTransaction();
    Response response = event.getResponse();
    if (client == null) {
      forwardStray((SipProvider) event.getSource(), response);
      return;
    }
    if (client.getApplicationData() == ForwardedRequests.Originated.BY_PROXY) {
      return; // the answer to a CANCEL or BYE the proxy sent itself
    }
    if (!(client.getApplicationData() instanceof ForwardedRequest request)) {
      context.counters.strayResponses.increment();
      return;
    }
    int status = response.getStatusCode();
    TimerC timerC = request.timerC();
    if (timerC != null) {
      if (timerC.expired()) { // the caller already has its 408 (RFC 3261 16.8)
        if (status / 100 == 2) {
          forwarded.hangUpAnsweredDialog(client, response); // the callee answered too late: end its dialog
        }
        return;
      }
      if (status > 100 && status < 200) {
        timerC.restart(); // RFC 3261 16.7 step 2
      } else if (status >= 200) {
        timerC.stop();
      }
    }
    if (status == Response.TRYING) {
      return; // RFC 3261 16.7 step 3: a stateful proxy does not forward 100
    }
    if (response.getStatusCode() >= 200 && Request.INVITE.equals(client.getRequest().getMethod())) {
      forwarded.inviteCompleted(request.serverTransaction(), client);
    }
    Response outgoing = (Response) response.clone();
    outgoing.removeFirst(ViaHeader.NAME);
    if (outgoing.getHeader(ViaHeader.NAME) == null) {
      context.counters.strayResponses.increment();
      return;
    }
    // for an anchored call the action runs inside the call's ordered step (responses leave in order)
    media.onResponse(request.leg(), outgoing, verdict -> {
      try (var mdc = CallLogging.callIdOf(outgoing)) {
        switch (verdict) {
          case ResponseInterception.Relay relay -> forwarded.relay(request, outgoing);
          case ResponseInterception.Replace replace -> {
            responses.respond(request.serverTransaction(),
                new Interception.Respond(replace.statusCode(), replace.reasonPhrase(), replace.warning()));
            switch (replace.cleanup()) {
              case CANCEL_INVITE -> forwarded.cancelDownstream(request.serverTransaction());
              case END_DIALOG -> forwarded.hangUpAnsweredDialog(client, response);
            }
          }
        }
      }
    });
  }

  /**
   * RFC 3261 16.7 / 16.11: a 2xx retransmission to INVITE arrives after its client transaction
   * ended; it is forwarded statelessly to the other side if the top Via is ours.
   */
  private void forwardStray(SipProvider from, Response response) {
    ViaHeader top = (ViaHeader) response.getHeader(ViaHeader.NAME);
    CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
    Side arrivedOn = context.sideOf(from);
    if (top == null || cseq == null || response.getStatusCode() / 100 != 2
        || !Request.INVITE.equals(cseq.getMethod())
        || !ProxyRoutes.names(context.endpoint(arrivedOn), top.getHost(), top.getPort())) {
      context.counters.strayResponses.increment();
      return;
    }
    Response outgoing = (Response) response.clone();
    outgoing.removeFirst(ViaHeader.NAME);
    // a 2xx heading to the access side answers the UE's (originating) offer, and vice versa
    GatewayCall call = calls.get(ProxyContext.callId(response), ProxyContext.other(arrivedOn));
    if (call != null && SdpBody.of(outgoing).isPresent()) {
      Optional<String> answer = call.offererAnswer();
      if (answer.isEmpty()) {
        context.counters.strayResponses.increment();
        return;
      }
      SdpBody.replace(outgoing, answer.get(), context.headers); // never the core's SDP toward the UE
    } else if (!media.spoofFilter().apply(outgoing)) {
      context.counters.strayResponses.increment();
      return;
    }
    if (outgoing.getHeader(ViaHeader.NAME) == null) {
      context.counters.strayResponses.increment();
      return;
    }
    try {
      context.counters.responsesRelayed.increment();
      context.provider(ProxyContext.other(arrivedOn)).sendResponse(outgoing);
    } catch (SipException e) {
      log.info("Cannot relay a 2xx retransmission: {}", e.toString());
    }
  }
}
