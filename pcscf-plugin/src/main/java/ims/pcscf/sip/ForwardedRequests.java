package ims.pcscf.sip;

import ims.pcscf.api.Exchange;
import ims.pcscf.api.Side;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ReasonHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of stateful proxying (RFC 3261 16.6-16.11): sends a request on a new client
 * transaction, relays its responses back on the server transaction, remembers INVITEs not yet
 * answered finally (for CANCEL), and sends what the proxy originates itself: CANCEL downstream, and
 * ACK + BYE ending a dialog the offerer never got. Thread-safe.
 */
final class ForwardedRequests {
  private static final Logger log = LoggerFactory.getLogger(PcscfProxy.class);

  private final ProxyContext context;
  private final ProxyRoutes routes;
  private final SpoofedIndicationRemoval spoofFilter;
  /** INVITE client transactions not yet answered finally, by the server transaction's branch (for CANCEL). */
  private final ConcurrentMap<String, ClientTransaction> pendingInvites = new ConcurrentHashMap<>();

  /** Timer C expiry of an INVITE (set once at start: the handler lives in the proxy). */
  private volatile TimerCExpiry timerCExpiry = (client, request) -> { };
  private final ScheduledExecutorService timers;

  /** The application data of the client transactions of requests the proxy originates (BYE, CANCEL). */
  enum Originated { BY_PROXY }

  /** What the proxy does when the timer C of a forwarded INVITE fires. */
  @FunctionalInterface
  interface TimerCExpiry {
    void expired(ClientTransaction client, ForwardedRequest request);
  }

  ForwardedRequests(ProxyContext context, ProxyRoutes routes, SpoofedIndicationRemoval spoofFilter,
      ScheduledExecutorService timers) {
    this.context = context;
    this.routes = routes;
    this.spoofFilter = spoofFilter;
    this.timers = timers;
  }

  void onTimerC(TimerCExpiry expiry) {
    this.timerCExpiry = expiry;
  }

  void send(Side toward, ServerTransaction transaction, Request outgoing, Exchange exchange, E2aeLeg leg)
      throws SipException {
    ClientTransaction client = context.provider(toward).getNewClientTransaction(outgoing);
    if (toward == Side.CORE) {
      client.setRetransmitTimer((int) context.config.coreT1().toMillis());
    }
    boolean invite = Request.INVITE.equals(outgoing.getMethod());
    TimerC timerC = invite ? new TimerC(timers, context.config.timerC()) : null;
    var request = new ForwardedRequest(transaction, exchange, leg, timerC);
    client.setApplicationData(request);
    if (invite) {
      pendingInvites.put(transaction.getBranchId(), client);
    }
    boolean initialInvite = invite && ProxyContext.toTag(outgoing) == null;
    context.counters.requestsForwarded.increment(); // before sending: the answer can arrive first
    if (initialInvite) {
      context.activeCalls.started(ProxyContext.other(toward), transaction, outgoing, leg == null ? null : leg.call());
      if (leg != null) {
        leg.call().dialog().forwarded(ProxyContext.other(toward), transaction, client,
            ((CSeqHeader) outgoing.getHeader(CSeqHeader.NAME)).getSeqNumber());
      }
    }
    try {
      if (timerC != null) {
        timerC.start(() -> timerCExpiry.expired(client, request)); // RFC 3261 16.6 step 11
      }
      client.sendRequest();
    } catch (SipException e) {
      if (timerC != null) {
        timerC.stop();
      }
      context.counters.requestsForwarded.decrement();
      if (invite) {
        pendingInvites.remove(transaction.getBranchId());
      }
      if (initialInvite) {
        context.activeCalls.ended(transaction);
      }
      throw e;
    }
  }

  /** The INVITE of {@code transaction} was answered finally (or timed out): CANCEL no longer applies. */
  void inviteCompleted(ServerTransaction transaction, ClientTransaction client) {
    pendingInvites.remove(transaction.getBranchId(), client);
  }

  /** The INVITE client transaction still pending downstream of {@code transaction}, or null. */
  ClientTransaction pendingInvite(ServerTransaction transaction) {
    return pendingInvites.get(transaction.getBranchId());
  }

  /** Relays a response (our Via already removed) back on the request's server transaction. */
  void relay(ForwardedRequest forwarded, Response outgoing) {
    context.interceptor.onResponse(forwarded.exchange(), outgoing);
    context.counters.responsesRelayed.increment();
    if (Request.INVITE.equals(forwarded.serverTransaction().getRequest().getMethod())) {
      int status = outgoing.getStatusCode(); // the call view first: the offerer may look as soon as it arrives
      if (status >= 300) {
        context.activeCalls.ended(forwarded.serverTransaction());
      } else if (status >= 200) {
        context.activeCalls.answered(forwarded.serverTransaction());
        if (forwarded.leg() != null) {
          forwarded.leg().call().dialog().answered(outgoing);
        }
      }
    }
    try {
      forwarded.serverTransaction().sendResponse(outgoing);
    } catch (SipException | InvalidArgumentException e) {
      context.counters.responsesRelayed.decrement();
      log.info("Cannot relay {} toward the UE: {}", outgoing.getStatusCode(), e.toString());
    }
  }

  /** Sends a CANCEL for the INVITE still pending downstream of {@code transaction}, if there is one. */
  void cancelDownstream(ServerTransaction transaction) {
    ClientTransaction invite = pendingInvite(transaction);
    if (invite != null) {
      cancel(invite);
    }
  }

  /** Sends a CANCEL for {@code invite} toward the side it went to (RFC 3261 9.1, 16.10). */
  void cancel(ClientTransaction invite) {
    cancel(invite, null);
  }

  /** As {@link #cancel(ClientTransaction)}, with a Reason header (RFC 3326) unless null. */
  void cancel(ClientTransaction invite, ReasonHeader reason) {
    context.counters.cancelsForwarded.increment();
    try {
      Request cancel = invite.createCancel();
      if (reason != null) {
        cancel.addHeader(reason);
      }
      ClientTransaction transaction = context.provider(towardOf(invite)).getNewClientTransaction(cancel);
      transaction.setApplicationData(Originated.BY_PROXY);
      transaction.sendRequest();
    } catch (SipException e) {
      log.info("Cannot send a CANCEL downstream: {}", e.toString());
    }
  }

  /** The side a client transaction's request left on. */
  Side towardOf(ClientTransaction client) {
    return routes.isAccessBound(client) ? Side.ACCESS : Side.CORE;
  }

  /** RFC 3261 16.11: an ACK to a 2xx is forwarded statelessly along its Route set, across to the other side. */
  void forwardAck(Side side, Request request) {
    try {
      Request outgoing = (Request) request.clone();
      routes.removeOwnRoutes(outgoing);
      spoofFilter.apply(outgoing);
      routes.decrementMaxForwards(outgoing);
      Side toward = ProxyContext.other(side);
      outgoing.addFirst(routes.ourVia(toward, request));
      context.counters.requestsForwarded.increment();
      context.provider(toward).sendRequest(outgoing);
    } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
      log.info("Cannot forward an ACK: {}", e.toString());
    }
  }

  /**
   * The answerer sent a 2xx whose SDP the P-CSCF could not anchor, and the offerer got an error: the
   * answerer's dialog is acknowledged and ended (ACK then BYE, RFC 3261 12.2 / 15), along its route set.
   */
  void hangUpAnsweredDialog(ClientTransaction client, Response answer) {
    Side toward = towardOf(client);
    Request invite = client.getRequest();
    try {
      ContactHeader contact = (ContactHeader) answer.getHeader(ContactHeader.NAME);
      if (contact == null) {
        return;
      }
      var routeSet = new ArrayList<RouteHeader>();
      var recordRoutes = answer.getHeaders(RecordRouteHeader.NAME);
      while (recordRoutes.hasNext()) {
        var rr = (RecordRouteHeader) recordRoutes.next();
        if (!(rr.getAddress().getURI() instanceof SipURI uri && routes.isUs(uri))) {
          routeSet.add(0, context.headers.createRouteHeader(rr.getAddress())); // the UAC's route set is reversed
        }
      }
      long cseq = ((CSeqHeader) invite.getHeader(CSeqHeader.NAME)).getSeqNumber();
      Request ack = inDialogRequest(Request.ACK, cseq, contact, routeSet, invite, answer, toward);
      Request bye = inDialogRequest(Request.BYE, cseq + 1, contact, routeSet, invite, answer, toward);
      context.provider(toward).sendRequest(ack);
      sendOwn(toward, bye);
    } catch (ParseException | InvalidArgumentException | SipException e) {
      log.info("Cannot end the answered dialog: {}", e.toString());
    }
  }

  /**
   * Ends an established dialog from the middle (RFC 3261 16 / RFC 3326): a BYE with {@code reason} to
   * each side, along that side's part of the Record-Route set (the entries the answerer's side added
   * above ours, reversed, toward the answerer; those below ours, in order, toward the offerer), with a
   * CSeq above the last one that side's peer sent.
   */
  void endDialog(CallDialog.Snapshot dialog, ReasonHeader reason) {
    Request invite = dialog.server().getRequest();
    Response answer = dialog.answer();
    Side offerer = dialog.offerer();
    Side answerer = ProxyContext.other(offerer);
    try {
      List<RecordRouteHeader> recordRoutes = new ArrayList<>();
      answer.getHeaders(RecordRouteHeader.NAME).forEachRemaining(h -> recordRoutes.add((RecordRouteHeader) h));
      int upstream = 0;
      for (var it = invite.getHeaders(RecordRouteHeader.NAME); it.hasNext(); it.next()) {
        upstream++;
      }
      int downstream = Math.max(0, recordRoutes.size() - upstream - 2); // 2: the entries we added
      var towardAnswerer = new ArrayList<RouteHeader>();
      for (RecordRouteHeader rr : recordRoutes.subList(0, downstream)) {
        towardAnswerer.add(0, context.headers.createRouteHeader(rr.getAddress()));
      }
      var towardOfferer = new ArrayList<RouteHeader>();
      for (RecordRouteHeader rr : recordRoutes.subList(Math.min(recordRoutes.size(), downstream + 2), recordRoutes.size())) {
        towardOfferer.add(context.headers.createRouteHeader(rr.getAddress()));
      }
      FromHeader from = (FromHeader) invite.getHeader(FromHeader.NAME);
      ToHeader to = (ToHeader) answer.getHeader(ToHeader.NAME);
      ContactHeader answererContact = (ContactHeader) answer.getHeader(ContactHeader.NAME);
      ContactHeader offererContact = (ContactHeader) invite.getHeader(ContactHeader.NAME);
      if (answererContact != null) {
        Request bye = byeRequest(answererContact, from, to, dialog.offererCSeq() + 1, towardAnswerer, invite, answerer);
        bye.addHeader((ReasonHeader) reason.clone());
        sendOwn(answerer, bye);
      }
      if (offererContact != null) {
        Request bye = byeRequest(offererContact, context.headers.createFromHeader(to.getAddress(), to.getTag()),
            context.headers.createToHeader(from.getAddress(), from.getTag()), dialog.answererCSeq() + 1, towardOfferer,
            invite, offerer);
        bye.addHeader((ReasonHeader) reason.clone());
        sendOwn(offerer, bye);
      }
    } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
      log.info("Cannot end the dialog: {}", e.toString());
    }
  }

  private Request byeRequest(ContactHeader target, FromHeader from, ToHeader to, long cseq, List<RouteHeader> routeSet,
      Request invite, Side toward) throws ParseException, InvalidArgumentException {
    var via = new ArrayList<ViaHeader>();
    via.add(routes.ourVia(toward, invite));
    Request request = context.messages.createRequest((URI) target.getAddress().getURI().clone(), Request.BYE,
        (CallIdHeader) invite.getHeader(CallIdHeader.NAME), context.headers.createCSeqHeader(cseq, Request.BYE),
        from, to, via, context.headers.createMaxForwardsHeader(ProxyRoutes.DEFAULT_MAX_FORWARDS));
    for (RouteHeader route : routeSet) {
      request.addHeader(route);
    }
    return request;
  }

  /** Sends a request the proxy originates on a client transaction whose answers are absorbed. */
  private void sendOwn(Side toward, Request request) throws SipException {
    ClientTransaction transaction = context.provider(toward).getNewClientTransaction(request);
    transaction.setApplicationData(Originated.BY_PROXY);
    transaction.sendRequest();
  }

  private Request inDialogRequest(String method, long cseq, ContactHeader contact, List<RouteHeader> routeSet,
      Request invite, Response answer, Side toward) throws ParseException, InvalidArgumentException {
    var via = new ArrayList<ViaHeader>();
    via.add(routes.ourVia(toward, invite));
    Request request = context.messages.createRequest((URI) contact.getAddress().getURI().clone(), method,
        (CallIdHeader) invite.getHeader(CallIdHeader.NAME), context.headers.createCSeqHeader(cseq, method),
        (FromHeader) invite.getHeader(FromHeader.NAME),
        (ToHeader) answer.getHeader(ToHeader.NAME), via,
        context.headers.createMaxForwardsHeader(ProxyRoutes.DEFAULT_MAX_FORWARDS));
    for (RouteHeader route : routeSet) {
      request.addHeader(route);
    }
    return request;
  }
}
