package ims.pcscf.sip;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.stack.SIPTransaction;
import ims.iq.controller.IqController;
import ims.pcscf.api.Exchange;
import ims.pcscf.api.Interception;
import ims.pcscf.api.PcscfInterceptor;
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
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionState;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.TransactionUnavailableException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone P-CSCF: one jain-sip stack with an access side and a core side (each UDP and
 * TCP), proxying statefully (RFC 3261 section 16) through a {@link PcscfInterceptor}.
 *
 * <p>What it does today:
 * <ul>
 *   <li>REGISTER from the access side: validated (416, 483, 482, 420 for unknown Proxy-Require
 *       tags other than sec-agree/mediasec), rewritten by the interceptor, forwarded to the core
 *       next hop with Max-Forwards decremented, our Via, a Path (RFC 3327) with our core-side URI
 *       and a pre-loaded Route to the next hop; responses relayed back (100 absorbed), transaction
 *       timeout answered 408, an unreachable next hop 503.</li>
 *   <li>REGISTER from the core side: 403.</li>
 *   <li>Every other request (INVITE, BYE, ...): proxied statefully across to the other side
 *       (100 Trying for INVITE). Initial requests from the UE follow the stored Service-Route (else
 *       the core next hop); initial requests from the core go to the contact in the Request-URI;
 *       dialog-creating requests get two Record-Route entries, each naming the side it faces, so
 *       in-dialog requests come back through us and are routed by their Route set. CANCEL is
 *       answered 200 and sent on for a pending INVITE (481 otherwise); an ACK to a 2xx is
 *       forwarded statelessly, 2xx retransmissions likewise. Foreign {@code a=3ge2ae} lines are
 *       removed from every SDP (spoof protection); other SDP passes byte for byte.</li>
 *   <li>Messages jain-sip cannot parse: answered 400 by the stack where it can, else dropped;
 *       counted either way.</li>
 * </ul>
 *
 * <p>Lifecycle: {@link #start} binds and starts; {@link #close()} stops the stack and the
 * interceptor, once.
 */
public final class PcscfProxy implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PcscfProxy.class);
  /** Proxy-Require tags the P-CSCF supports (everything else is 420, RFC 3261 16.3 step 5). */
  private static final Set<String> SUPPORTED_PROXY_REQUIRE = Set.of("sec-agree", "mediasec");
  private static final int DEFAULT_MAX_FORWARDS = 70;

  private final ProxyConfig config;
  private final PcscfPolicy policy;
  private final CryptoPolicy cryptoPolicy;
  /** The IMS-AGW's Iq controller; null when the P-CSCF runs without a gateway (no e2ae anchoring). */
  private final IqController gateway;
  /** Fresh SRTP master keys for the P-CSCF's crypto lines (K12, K21). */
  private final KeySource keys = KeySource.secureRandom();
  /**
   * Anchored calls by Call-ID and the offerer's side ({@link #callKey}), until BYE, CANCEL, an error or
   * a timeout releases them. Both sides: a call between two UEs of this P-CSCF has one Call-ID and two
   * anchored legs (originating and terminating).
   */
  private final ConcurrentMap<String, GatewayCall> e2aeCalls =
      new ConcurrentHashMap<>();
  private final RegistrationStore store;
  private final PcscfInterceptor interceptor;
  private final ProxyCounters counters;
  private final PcscfSipStack stack;
  private final SipProvider accessProvider;
  private final SipProvider coreProvider;
  private final HeaderFactory headers = new HeaderFactoryImpl();
  private final MessageFactory messages = new MessageFactoryImpl();
  private final AddressFactory addresses = new AddressFactoryImpl();
  private boolean closed;

  /** A forwarded request awaiting answers; {@code leg} is set when its SDP is anchored at the IMS-AGW. */
  private record Pending(ServerTransaction serverTransaction, Exchange exchange, E2aeLeg leg) {}

  /** Methods that create a dialog: the P-CSCF record-routes them to stay on the dialog. */
  private static final Set<String> DIALOG_CREATING = Set.of(Request.INVITE, "SUBSCRIBE", "REFER");

  /** INVITE client transactions not yet answered finally, by the server transaction's branch (for CANCEL). */
  private final ConcurrentMap<String, ClientTransaction> pendingInvites =
      new ConcurrentHashMap<>();

  private PcscfProxy(ProxyConfig config, PcscfPolicy policy, RegistrationStore store, Clock clock, IqController gateway)
      throws SipException, InvalidArgumentException, java.util.TooManyListenersException {
    this.config = config;
    this.policy = policy;
    this.cryptoPolicy = policy.allowedSuites().isEmpty() ? CryptoPolicy.DEFAULT : new CryptoPolicy(policy.allowedSuites());
    this.gateway = gateway;
    this.store = store;
    this.counters = new ProxyCounters();
    this.interceptor = new MediasecInterceptor(policy, store, headers, clock, counters);
    this.stack = new PcscfSipStack(stackProperties(config), counters);
    boolean started = false;
    try {
      this.accessProvider = provider(config.access());
      this.coreProvider = provider(config.core());
      var listener = new Listener();
      accessProvider.addSipListener(listener);
      coreProvider.addSipListener(listener);
      interceptor.start();
      stack.start();
      started = true;
    } finally {
      if (!started) {
        stack.stop();
      }
    }
  }

  /**
   * Binds both sides and starts proxying.
   *
   * @throws SipException if a listening point cannot be bound or the stack cannot start
   */
  public static PcscfProxy start(ProxyConfig config, PcscfPolicy policy, RegistrationStore store, Clock clock)
      throws SipException {
    return start(config, policy, store, clock, null);
  }

  /**
   * Binds both sides and starts proxying, anchoring e2ae calls at the IMS-AGW behind {@code gateway}
   * (the caller owns and closes the controller; null = no gateway).
   *
   * @throws SipException if a listening point cannot be bound or the stack cannot start
   */
  public static PcscfProxy start(ProxyConfig config, PcscfPolicy policy, RegistrationStore store, Clock clock,
      IqController gateway) throws SipException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(clock, "clock");
    try {
      return new PcscfProxy(config, policy, store, clock, gateway);
    } catch (InvalidArgumentException | java.util.TooManyListenersException e) {
      throw new SipException("cannot start the P-CSCF stack: " + e.getMessage(), e);
    }
  }

  public RegistrationStore registrations() {
    return store;
  }

  public ProxyCounters.Snapshot counters() {
    return counters.snapshot();
  }

  public ProxyConfig config() {
    return config;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    e2aeCalls.values().forEach(GatewayCall::release);
    e2aeCalls.clear();
    interceptor.stop();
    stack.stop();
  }

  private static Properties stackProperties(ProxyConfig config) {
    var p = new Properties();
    p.setProperty("javax.sip.STACK_NAME", config.stackName());
    p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
    p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", CountingMessageParserFactory.class.getName());
    p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
    p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
    p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(config.maxMessageSize()));
    p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
    p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
    return p;
  }

  private SipProvider provider(Endpoint endpoint) throws SipException, InvalidArgumentException {
    ListeningPoint udp = stack.createListeningPoint(endpoint.host(), endpoint.udpPort(), ListeningPoint.UDP);
    ListeningPoint tcp = stack.createListeningPoint(endpoint.host(), endpoint.tcpPort(), ListeningPoint.TCP);
    SipProvider provider = stack.createSipProvider(udp);
    provider.addListeningPoint(tcp);
    return provider;
  }

  /** The jain-sip listener; every entry point contains its failures (a bug must not kill a stack thread). */
  private final class Listener implements SipListener {

    @Override
    public void processRequest(RequestEvent event) {
      try {
        handleRequest(event);
      } catch (RuntimeException e) {
        counters.handlerFailures.increment();
        log.error("Request handling failed: {}", e.toString());
        if (!Request.ACK.equals(event.getRequest().getMethod())) {
          respondStatelessly((SipProvider) event.getSource(), event.getRequest(), 500, "Server Internal Error");
        }
      }
    }

    @Override
    public void processResponse(ResponseEvent event) {
      try {
        handleResponse(event);
      } catch (RuntimeException e) {
        counters.handlerFailures.increment();
        log.error("Response handling failed: {}", e.toString());
      }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
      try {
        if (!event.isServerTransaction()
            && event.getClientTransaction().getApplicationData() instanceof Pending pending) {
          counters.transactionTimeouts.increment();
          pendingInvites.remove(pending.serverTransaction().getBranchId(), event.getClientTransaction());
          if (pending.leg() != null) {
            releaseCall(pending.leg().call());
          }
          respond(pending.serverTransaction(), 408, "Request Timeout");
        }
      } catch (RuntimeException e) {
        counters.handlerFailures.increment();
        log.error("Timeout handling failed: {}", e.toString());
      }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
      log.info("I/O error toward {}:{}/{}", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {}

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {}
  }

  private void handleRequest(RequestEvent event) {
    SipProvider provider = (SipProvider) event.getSource();
    Side side = provider == accessProvider ? Side.ACCESS : Side.CORE;
    Request request = event.getRequest();
    counters.requestsReceived.increment();
    String method = request.getMethod();
    if (Request.ACK.equals(method)) {
      if (event.getServerTransaction() == null) {
        forwardAck(side, request); // ACK to a 2xx: its own transaction, forwarded statelessly (16.11)
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
      respond(transaction, 100, "Trying");
    }
    URI requestUri = request.getRequestURI();
    if (!requestUri.isSipURI() && !"tel".equalsIgnoreCase(requestUri.getScheme())) {
      respond(transaction, 416, "Unsupported URI Scheme");
      return;
    }
    MaxForwardsHeader maxForwards = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
    if (maxForwards != null && maxForwards.getMaxForwards() <= 0) {
      respond(transaction, 483, "Too Many Hops");
      return;
    }
    List<String> unsupported = SipHeaders.optionTags(request, "Proxy-Require").stream()
        .filter(tag -> !SUPPORTED_PROXY_REQUIRE.contains(tag.toLowerCase(Locale.ROOT)))
        .toList();
    if (!unsupported.isEmpty()) {
      respondBadExtension(transaction, request, unsupported);
      return;
    }
    switch (method) {
      case Request.REGISTER -> handleRegister(side, transaction, request);
      case Request.CANCEL -> handleCancel(side, transaction);
      default -> handleProxied(side, transaction, request);
    }
  }

  private void handleRegister(Side side, ServerTransaction transaction, Request request) {
    if (side == Side.CORE) {
      respond(transaction, 403, "REGISTER only accepted from the access side");
      return;
    }
    if (LoopDetection.isLoop(request, config.core()) || LoopDetection.isLoop(request, config.access())) {
      counters.loopsDetected.increment();
      respond(transaction, 482, "Loop Detected");
      return;
    }
    Request outgoing = (Request) request.clone();
    SIPMessage received = (SIPMessage) request;
    var source = new InetSocketAddress(received.getRemoteAddress(), received.getRemotePort());
    String transport = ((SIPTransaction) transaction).getTransport().toUpperCase(Locale.ROOT);
    switch (interceptor.onRequest(Side.ACCESS, outgoing, source, transport)) {
      case Interception.Respond respond -> respond(transaction, respond.statusCode(), respond.reasonPhrase());
      case Interception.Forward forward -> forwardToCore(transaction, request, outgoing, forward.exchange());
    }
  }

  /** RFC 3261 16.6: Max-Forwards, Route, Path (RFC 3327), Via, then a client transaction. */
  private void forwardToCore(ServerTransaction transaction, Request received, Request outgoing, Exchange exchange) {
    try {
      MaxForwardsHeader maxForwards = (MaxForwardsHeader) outgoing.getHeader(MaxForwardsHeader.NAME);
      if (maxForwards == null) {
        outgoing.addHeader(headers.createMaxForwardsHeader(DEFAULT_MAX_FORWARDS));
      } else {
        maxForwards.decrementMaxForwards();
      }
      removeOwnRoute(outgoing);
      NextHop next = config.coreNextHop();
      String transport = next.transport().name();
      Endpoint core = config.core();
      String pathUri = "sip:" + core.hostPort(core.port(transport))
          + ("UDP".equals(transport) ? "" : ";transport=" + transport.toLowerCase(Locale.ROOT)) + ";lr";
      outgoing.addFirst(headers.createHeader("Path", "<" + pathUri + ">"));
      outgoing.addFirst(headers.createRouteHeader(addresses.createAddress("<" + next.routeUri() + ">")));
      ViaHeader via = headers.createViaHeader(core.host(), core.port(transport), transport, LoopDetection.newBranch(received));
      outgoing.addFirst(via);
      ClientTransaction client = coreProvider.getNewClientTransaction(outgoing);
      client.setRetransmitTimer((int) config.coreT1().toMillis());
      client.setApplicationData(new Pending(transaction, exchange, null));
      // counted before sending: the answer can reach the UE before this thread runs again
      counters.requestsForwarded.increment();
      try {
        client.sendRequest();
      } catch (SipException e) {
        counters.requestsForwarded.decrement();
        throw e;
      }
    } catch (ParseException | InvalidArgumentException e) {
      counters.handlerFailures.increment();
      log.error("Cannot build the forwarded request: {}", e.toString());
      respond(transaction, 500, "Server Internal Error");
    } catch (SipException e) {
      log.warn("Core next hop {} unreachable: {}", config.coreNextHop(), e.toString());
      respond(transaction, 503, "Service Unavailable");
    }
  }

  /**
   * Any request other than REGISTER, ACK and CANCEL (RFC 3261 16.3-16.6): initial requests from the
   * access side go to the core along the UE's stored Service-Route (else the core next hop); initial
   * requests from the core go to the UE contact in the Request-URI; in-dialog requests follow their
   * Route set across to the other side. Dialog-creating requests are double record-routed, each
   * entry naming the side it faces.
   */
  private void handleProxied(Side side, ServerTransaction transaction, Request request) {
    // loops are checked on initial requests only: an in-dialog request of a call between two UEs of
    // this P-CSCF passes twice with the same Request-URI, tags and CSeq (it follows its route set)
    if (toTag(request) == null
        && (LoopDetection.isLoop(request, config.core()) || LoopDetection.isLoop(request, config.access()))) {
      counters.loopsDetected.increment();
      respond(transaction, 482, "Loop Detected");
      return;
    }
    Request outgoing = (Request) request.clone();
    Exchange exchange = PassThrough.INSTANCE;
    if (side == Side.ACCESS) {
      SIPMessage received = (SIPMessage) request;
      var source = new InetSocketAddress(received.getRemoteAddress(), received.getRemotePort());
      String transport = ((SIPTransaction) transaction).getTransport().toUpperCase(Locale.ROOT);
      switch (interceptor.onRequest(Side.ACCESS, outgoing, source, transport)) {
        case Interception.Respond respond -> {
          respond(transaction, respond.statusCode(), respond.reasonPhrase());
          return;
        }
        case Interception.Forward forward -> exchange = forward.exchange();
      }
    }
    boolean initial = toTag(request) == null;
    if (Request.BYE.equals(request.getMethod())) {
      releaseCall(callId(request)); // TS 33.328: the gateway context ends with the dialog, whoever hangs up
    }
    if (!initial && SdpBody.of(request).isPresent()
        && (e2aeCalls.containsKey(callKey(callId(request), Side.ACCESS))
            || e2aeCalls.containsKey(callKey(callId(request), Side.CORE)))) {
      // re-INVITE/UPDATE/PRACK offers of an anchored call are a later issue: refusing leaves the
      // session as it was (RFC 3261 14.1), passing them would route media around the IMS-AGW
      counters.e2aeRejections.increment();
      respondWithWarning(transaction, 488, "Not Acceptable Here", 399,
          "SDP renegotiation of an e2ae-protected call is not supported");
      return;
    }
    Sdp e2aeOffer = null;
    Sdp terminatingOffer = null;
    if (side == Side.CORE && initial && Request.INVITE.equals(request.getMethod()) && anchorsTerminating(outgoing)) {
      terminatingOffer = Sdp.parse(SdpBody.of(outgoing).orElseThrow());
    }
    if (side == Side.ACCESS && initial && Request.INVITE.equals(request.getMethod())) {
      switch (originatingDecision(outgoing)) {
        case ANCHOR -> e2aeOffer = Sdp.parse(SdpBody.of(outgoing).orElseThrow());
        case REJECT -> {
          counters.e2aeRejections.increment();
          respondWithWarning(transaction, 488, "Not Acceptable Here", 399, "e2ae media security not available");
          return;
        }
        case PASS -> { }
      }
    }
    if (e2aeOffer == null && terminatingOffer == null && !removeSpoofedIndications(outgoing)) {
      respondWithWarning(transaction, 488, "Not Acceptable Here", 399, "Malformed SDP");
      return;
    }
    Side toward = side == Side.ACCESS ? Side.CORE : Side.ACCESS;
    try {
      removeOwnRoutes(outgoing);
      if (initial && side == Side.ACCESS) {
        preloadOriginatingRoute(outgoing);
      }
      if (initial && DIALOG_CREATING.contains(request.getMethod())) {
        outgoing.addFirst(recordRoute(side));
        outgoing.addFirst(recordRoute(toward));
      }
      decrementMaxForwards(outgoing);
      outgoing.addFirst(ourVia(toward, request));
      if (e2aeOffer != null) {
        Sdp ueOffer = e2aeOffer;
        startE2ae(transaction, outgoing, exchange, Side.CORE,
            call -> OriginatingE2ae.offer(call, ueOffer, cryptoPolicy));
        return;
      }
      if (terminatingOffer != null) {
        Sdp coreOffer = terminatingOffer;
        startE2ae(transaction, outgoing, exchange, Side.ACCESS,
            call -> TerminatingE2ae.offer(call, coreOffer, cryptoPolicy, keys));
        return;
      }
      sendStatefully(toward, transaction, outgoing, exchange, null);
    } catch (ParseException | InvalidArgumentException e) {
      counters.handlerFailures.increment();
      log.error("Cannot build the forwarded {}: {}", request.getMethod(), e.toString());
      respond(transaction, 500, "Server Internal Error");
    } catch (SipException e) {
      log.info("Next hop of a {} toward {} unreachable: {}", request.getMethod(), toward, e.toString());
      respond(transaction, 503, "Service Unavailable");
    }
  }

  private void sendStatefully(Side toward, ServerTransaction transaction, Request outgoing, Exchange exchange,
      E2aeLeg leg) throws SipException {
    ClientTransaction client = provider(toward).getNewClientTransaction(outgoing);
    if (toward == Side.CORE) {
      client.setRetransmitTimer((int) config.coreT1().toMillis());
    }
    client.setApplicationData(new Pending(transaction, exchange, leg));
    boolean invite = Request.INVITE.equals(outgoing.getMethod());
    if (invite) {
      pendingInvites.put(transaction.getBranchId(), client);
    }
    counters.requestsForwarded.increment(); // before sending: the answer can arrive first
    try {
      client.sendRequest();
    } catch (SipException e) {
      counters.requestsForwarded.decrement();
      if (invite) {
        pendingInvites.remove(transaction.getBranchId());
      }
      throw e;
    }
  }

  /** TS 24.229 5.2.6.3.1: an originating request follows the Service-Route of the UE's registration. */
  private void preloadOriginatingRoute(Request outgoing) throws ParseException {
    List<String> serviceRoute = List.of();
    ContactHeader contact =
        (ContactHeader) outgoing.getHeader(ContactHeader.NAME);
    if (contact != null) {
      serviceRoute = store.findByContact(contact.getAddress().getURI().toString())
          .map(Binding::serviceRoute).orElse(List.of());
    }
    outgoing.removeHeader(RouteHeader.NAME); // the UE's own route set is replaced, not trusted
    if (serviceRoute.isEmpty()) {
      outgoing.addHeader(headers.createRouteHeader(addresses.createAddress("<" + config.coreNextHop().routeUri() + ">")));
      return;
    }
    for (String route : serviceRoute) {
      outgoing.addHeader(headers.createRouteHeader(addresses.createAddress(route)));
    }
  }

  private RecordRouteHeader recordRoute(Side side) throws ParseException {
    return headers.createRecordRouteHeader(addresses.createAddress("<" + ourUri(side) + ">"));
  }

  private String ourUri(Side side) {
    Endpoint e = side == Side.ACCESS ? config.access() : config.core();
    String transport = transportToward(side);
    return "sip:" + e.hostPort(e.port(transport))
        + ("UDP".equals(transport) ? "" : ";transport=" + transport.toLowerCase(Locale.ROOT)) + ";lr";
  }

  private String transportToward(Side side) {
    return side == Side.CORE ? config.coreNextHop().transport().name() : ListeningPoint.UDP;
  }

  private ViaHeader ourVia(Side toward, Request received) throws ParseException, InvalidArgumentException {
    Endpoint e = toward == Side.ACCESS ? config.access() : config.core();
    String transport = transportToward(toward);
    return headers.createViaHeader(e.host(), e.port(transport), transport, LoopDetection.newBranch(received));
  }

  private SipProvider provider(Side side) {
    return side == Side.ACCESS ? accessProvider : coreProvider;
  }

  private void decrementMaxForwards(Request outgoing) throws InvalidArgumentException, SipException {
    MaxForwardsHeader maxForwards = (MaxForwardsHeader) outgoing.getHeader(MaxForwardsHeader.NAME);
    if (maxForwards == null) {
      outgoing.addHeader(headers.createMaxForwardsHeader(DEFAULT_MAX_FORWARDS));
    } else {
      maxForwards.decrementMaxForwards();
    }
  }

  private static String toTag(Request request) {
    ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
    return to == null ? null : to.getTag();
  }

  /** Removes every {@code a=3ge2ae} from an SDP body; false if the body is not SDP at all. */
  private boolean removeSpoofedIndications(Message message) {
    var body = SdpBody.of(message);
    if (body.isEmpty()) {
      return true;
    }
    try {
      SpoofFilter.cleaned(body.get()).ifPresent(clean -> {
        counters.spoofedIndicationsRemoved.increment();
        SdpBody.replace(message, clean, headers);
      });
      return true;
    } catch (ims.sdes.SdesParseException e) {
      counters.malformedSdp.increment();
      log.info("Malformed SDP in {}: {}", message instanceof Request r ? r.getMethod() : "response", e.getMessage());
      return false;
    }
  }

  /** RFC 3261 16.11: an ACK to a 2xx is forwarded statelessly along its Route set, across to the other side. */
  private void forwardAck(Side side, Request request) {
    try {
      Request outgoing = (Request) request.clone();
      removeOwnRoutes(outgoing);
      removeSpoofedIndications(outgoing);
      decrementMaxForwards(outgoing);
      Side toward = side == Side.ACCESS ? Side.CORE : Side.ACCESS;
      outgoing.addFirst(ourVia(toward, request));
      counters.requestsForwarded.increment();
      provider(toward).sendRequest(outgoing);
    } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
      log.info("Cannot forward an ACK: {}", e.toString());
    }
  }

  /**
   * RFC 3261 16.10: a CANCEL is answered 200 hop by hop and, if its INVITE is still pending, a
   * CANCEL goes to the next hop; the INVITE's 487 comes back through the INVITE transaction.
   */
  private void handleCancel(Side side, ServerTransaction transaction) {
    ClientTransaction invite = pendingInvites.get(transaction.getBranchId());
    if (invite == null) {
      GatewayCall reserving = e2aeCalls.get(callKey(callId(transaction.getRequest()), side));
      if (reserving != null) { // the INVITE is still at the gateway: it will be answered 487
        respond(transaction, 200, "OK");
        releaseCall(reserving);
        return;
      }
      respond(transaction, 481, "Call/Transaction Does Not Exist");
      return;
    }
    respond(transaction, 200, "OK");
    counters.cancelsForwarded.increment();
    try {
      Request cancel = invite.createCancel();
      Side toward = isAccessBound(invite) ? Side.ACCESS : Side.CORE;
      provider(toward).getNewClientTransaction(cancel).sendRequest();
    } catch (SipException e) {
      log.info("Cannot forward a CANCEL: {}", e.toString());
    }
  }

  /**
   * The answerer sent a 2xx whose SDP the P-CSCF could not anchor, and the offerer got an error: the
   * answerer's dialog is acknowledged and ended (ACK then BYE, RFC 3261 12.2 / 15), along its route set.
   */
  private void hangUpAnsweredDialog(ClientTransaction client, Response answer) {
    Side toward = isAccessBound(client) ? Side.ACCESS : Side.CORE;
    Request invite = client.getRequest();
    try {
      ContactHeader contact = (ContactHeader) answer.getHeader(ContactHeader.NAME);
      if (contact == null) {
        return;
      }
      var routes = new ArrayList<RouteHeader>();
      var recordRoutes = answer.getHeaders(RecordRouteHeader.NAME);
      while (recordRoutes.hasNext()) {
        var rr = (RecordRouteHeader) recordRoutes.next();
        if (!(rr.getAddress().getURI() instanceof SipURI uri && isUs(uri))) {
          routes.add(0, headers.createRouteHeader(rr.getAddress())); // the UAC's route set is reversed
        }
      }
      long cseq = ((CSeqHeader) invite.getHeader(CSeqHeader.NAME)).getSeqNumber();
      Request ack = inDialogRequest(Request.ACK, cseq, contact, routes, invite, answer, toward);
      Request bye = inDialogRequest(Request.BYE, cseq + 1, contact, routes, invite, answer, toward);
      provider(toward).sendRequest(ack);
      provider(toward).getNewClientTransaction(bye).sendRequest();
    } catch (ParseException | InvalidArgumentException | SipException e) {
      log.info("Cannot end the answered dialog: {}", e.toString());
    }
  }

  private Request inDialogRequest(String method, long cseq, ContactHeader contact, List<RouteHeader> routes,
      Request invite, Response answer, Side toward) throws ParseException, InvalidArgumentException {
    var via = new ArrayList<ViaHeader>();
    via.add(ourVia(toward, invite));
    Request request = messages.createRequest((URI) contact.getAddress().getURI().clone(), method,
        (CallIdHeader) invite.getHeader(CallIdHeader.NAME), headers.createCSeqHeader(cseq, method),
        (FromHeader) invite.getHeader(FromHeader.NAME),
        (ToHeader) answer.getHeader(ToHeader.NAME), via,
        headers.createMaxForwardsHeader(DEFAULT_MAX_FORWARDS));
    for (RouteHeader route : routes) {
      request.addHeader(route);
    }
    return request;
  }

  /** Sends a CANCEL for the INVITE still pending downstream of {@code transaction}, if there is one. */
  private void cancelDownstream(ServerTransaction transaction) {
    ClientTransaction invite = pendingInvites.get(transaction.getBranchId());
    if (invite == null) {
      return;
    }
    counters.cancelsForwarded.increment();
    try {
      provider(isAccessBound(invite) ? Side.ACCESS : Side.CORE).getNewClientTransaction(invite.createCancel())
          .sendRequest();
    } catch (SipException e) {
      log.info("Cannot send a CANCEL downstream: {}", e.toString());
    }
  }

  private boolean isAccessBound(ClientTransaction client) {
    ViaHeader via = (ViaHeader) client.getRequest().getHeader(ViaHeader.NAME);
    Endpoint access = config.access();
    return via != null && access.host().equalsIgnoreCase(via.getHost())
        && (via.getPort() == access.udpPort() || via.getPort() == access.tcpPort());
  }

  private void respondWithWarning(ServerTransaction transaction, int status, String reason, int warnCode, String text) {
    if (transaction.getState() == TransactionState.COMPLETED || transaction.getState() == TransactionState.TERMINATED) {
      return;
    }
    try {
      Response response = messages.createResponse(status, transaction.getRequest());
      response.setReasonPhrase(reason);
      response.addHeader(headers.createWarningHeader(config.access().host(), warnCode, text));
      counters.answeredLocally.increment();
      transaction.sendResponse(response);
    } catch (ParseException | SipException | InvalidArgumentException e) {
      log.info("Cannot answer {} {}: {}", status, reason, e.toString());
    }
  }

  // ---------------------------------------------------------------- e2ae (TS 33.328 7.2.1 / 7.3.1)

  private enum Decision { ANCHOR, REJECT, PASS }

  /**
   * An originating INVITE whose SDP requests e2ae: anchored when the UE's binding agreed e2ae at
   * registration and an IMS-AGW is configured; otherwise the policy decides (488, or forward with
   * the indication removed, i.e. as end-to-end SDES).
   */
  private Decision originatingDecision(Request outgoing) {
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
  private boolean anchorsTerminating(Request outgoing) {
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

  /**
   * Reserves at the IMS-AGW, then forwards the rewritten offer toward {@code toward}; on failure the
   * offerer gets the error and nothing leaves (no UE key ever goes toward the core).
   */
  private void startE2ae(ServerTransaction transaction, Request outgoing, Exchange exchange, Side toward,
      Function<GatewayCall, CompletableFuture<? extends E2aeLeg>> reserve) {
    String callId = callId(outgoing);
    var call = new GatewayCall(gateway, counters, callId);
    GatewayCall previous = e2aeCalls.put(callKey(callId, toward == Side.CORE ? Side.ACCESS : Side.CORE), call);
    if (previous != null) {
      previous.release(); // a new initial INVITE with the same Call-ID replaces the old call
    }
    CompletableFuture<? extends E2aeLeg> prepared;
    try {
      prepared = reserve.apply(call);
    } catch (SdesParseException e) {
      prepared = CompletableFuture.failedFuture(
          OriginatingE2ae.rejection(new Rejection.MalformedSdp(e.getMessage())));
    } catch (E2aeCallException e) {
      prepared = CompletableFuture.failedFuture(e);
    }
    prepared.whenComplete((leg, failure) -> {
      if (failure != null) {
        failCall(call, transaction, failure);
        return;
      }
      if (call.isReleased()) { // cancelled while the gateway was reserving
        respond(transaction, 487, "Request Terminated");
        return;
      }
      SdpBody.replace(outgoing, leg.forwardedOffer(), headers);
      try {
        sendStatefully(toward, transaction, outgoing, exchange, leg);
      } catch (SipException e) {
        releaseCall(call);
        log.info("Next hop toward {} unreachable for an e2ae INVITE: {}", toward, e.toString());
        respond(transaction, 503, "Service Unavailable");
      } catch (RuntimeException e) {
        releaseCall(call);
        counters.handlerFailures.increment();
        log.error("e2ae INVITE handling failed: {}", e.toString());
        respond(transaction, 500, "Server Internal Error");
      }
    });
  }

  /**
   * Responses of an anchored INVITE leave in order: the first with SDP configures the gateway and
   * carries the rewritten answer; later ones carry the same answer; a non-2xx final releases.
   */
  private void relayE2aeResponse(Pending pending, Response outgoing, ClientTransaction client, Response received) {
    GatewayCall call = pending.leg().call();
    int status = outgoing.getStatusCode();
    Optional<String> body = SdpBody.of(outgoing);
    call.then(() -> {
      if (status >= 300) {
        releaseCall(call);
        outgoing.removeContent();
        relay(pending, outgoing);
        return CompletableFuture.completedFuture(null);
      }
      if (body.isEmpty()) {
        relay(pending, outgoing);
        return CompletableFuture.completedFuture(null);
      }
      Optional<String> known = call.offererAnswer();
      if (known.isPresent()) {
        SdpBody.replace(outgoing, known.get(), headers);
        relay(pending, outgoing);
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<String> answered;
      try {
        answered = pending.leg().answer(Sdp.parse(body.get()), keys);
      } catch (SdesParseException e) {
        answered = CompletableFuture.failedFuture(
            OriginatingE2ae.rejection(new Rejection.MalformedSdp(e.getMessage())));
      }
      return answered.handle((ueBody, failure) -> {
        if (failure != null) {
          failCall(call, pending.serverTransaction(), failure);
          if (status < 200) {
            cancelDownstream(pending.serverTransaction()); // the answerer must not keep ringing
          } else {
            hangUpAnsweredDialog(client, received); // the answerer accepted: end its dialog
          }
          return null;
        }
        call.offererAnswer(ueBody);
        SdpBody.replace(outgoing, ueBody, headers);
        relay(pending, outgoing);
        return null;
      });
    });
  }

  private void failCall(GatewayCall call, ServerTransaction transaction, Throwable failure) {
    releaseCall(call);
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof E2aeCallException e) {
      if (e.status == 503) {
        counters.gatewayFailures.increment();
      } else {
        counters.e2aeRejections.increment();
      }
      log.info("e2ae call {} refused: {} {}", call.callId(), e.status, e.warnText());
      respondWithWarning(transaction, e.status, e.reason, e.warnCode, e.warnText());
      return;
    }
    counters.handlerFailures.increment();
    log.error("e2ae call {} failed: {}", call.callId(), cause.toString());
    respond(transaction, 500, "Server Internal Error");
  }

  private void releaseCall(String callId) {
    for (Side offerer : Side.values()) {
      GatewayCall call = e2aeCalls.remove(callKey(callId, offerer));
      if (call != null) {
        call.release();
      }
    }
  }

  private void releaseCall(GatewayCall call) {
    e2aeCalls.remove(callKey(call.callId(), Side.ACCESS), call);
    e2aeCalls.remove(callKey(call.callId(), Side.CORE), call);
    call.release();
  }

  private static String callKey(String callId, Side offerer) {
    return offerer.name() + ' ' + callId;
  }

  private static String callId(Message message) {
    return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
  }

  /** RFC 3261 16.4: a top Route naming this proxy (either side) is removed. */
  private void removeOwnRoute(Request request) {
    RouteHeader route = (RouteHeader) request.getHeader(RouteHeader.NAME);
    if (route != null && route.getAddress().getURI() instanceof SipURI uri && isUs(uri)) {
      request.removeFirst(RouteHeader.NAME);
    }
  }

  /**
   * The top Route naming this proxy and, right below it, its double record-route partner naming the
   * other side. At most that pair: a dialog that passes this P-CSCF twice (two of its UEs) carries a
   * second pair further down, for the second pass.
   */
  private void removeOwnRoutes(Request request) {
    Optional<Side> first = topRouteSide(request);
    if (first.isEmpty()) {
      return;
    }
    request.removeFirst(RouteHeader.NAME);
    Optional<Side> second = topRouteSide(request);
    if (second.isPresent() && second.get() != first.get()) {
      request.removeFirst(RouteHeader.NAME);
    }
  }

  private Optional<Side> topRouteSide(Request request) {
    if (request.getHeader(RouteHeader.NAME) instanceof RouteHeader route
        && route.getAddress().getURI() instanceof SipURI uri) {
      int port = uri.getPort();
      for (Side side : Side.values()) {
        Endpoint e = side == Side.ACCESS ? config.access() : config.core();
        if (e.host().equalsIgnoreCase(uri.getHost()) && (port == e.udpPort() || port == e.tcpPort())) {
          return Optional.of(side);
        }
      }
    }
    return Optional.empty();
  }

  private boolean isUs(SipURI uri) {
    int port = uri.getPort();
    for (Endpoint e : List.of(config.access(), config.core())) {
      if (e.host().equalsIgnoreCase(uri.getHost()) && (port == e.udpPort() || port == e.tcpPort())) {
        return true;
      }
    }
    return false;
  }

  private void handleResponse(ResponseEvent event) {
    ClientTransaction client = event.getClientTransaction();
    Response response = event.getResponse();
    if (client == null) {
      forwardStrayResponse((SipProvider) event.getSource(), response);
      return;
    }
    if (!(client.getApplicationData() instanceof Pending pending)) {
      counters.strayResponses.increment();
      return;
    }
    if (response.getStatusCode() == Response.TRYING) {
      return; // RFC 3261 16.7 step 3: a stateful proxy does not forward 100
    }
    if (response.getStatusCode() >= 200 && Request.INVITE.equals(client.getRequest().getMethod())) {
      pendingInvites.remove(pending.serverTransaction().getBranchId(), client);
    }
    Response outgoing = (Response) response.clone();
    outgoing.removeFirst(ViaHeader.NAME);
    if (outgoing.getHeader(ViaHeader.NAME) == null) {
      counters.strayResponses.increment();
      return;
    }
    if (pending.leg() != null) {
      relayE2aeResponse(pending, outgoing, client, response);
      return;
    }
    if (!removeSpoofedIndications(outgoing)) {
      outgoing.removeContent(); // an unparseable body never reaches the other side as is
    }
    relay(pending, outgoing);
  }

  private void relay(Pending pending, Response outgoing) {
    Response response = outgoing;
    interceptor.onResponse(pending.exchange(), outgoing);
    counters.responsesRelayed.increment();
    try {
      pending.serverTransaction().sendResponse(outgoing);
    } catch (SipException | InvalidArgumentException e) {
      counters.responsesRelayed.decrement();
      log.info("Cannot relay {} toward the UE: {}", response.getStatusCode(), e.toString());
    }
  }

  /**
   * RFC 3261 16.7 / 16.11: a 2xx retransmission to INVITE arrives after its client transaction
   * ended; it is forwarded statelessly to the other side if the top Via is ours.
   */
  private void forwardStrayResponse(SipProvider from, Response response) {
    ViaHeader top = (ViaHeader) response.getHeader(ViaHeader.NAME);
    CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
    Side arrivedOn = from == accessProvider ? Side.ACCESS : Side.CORE;
    Endpoint us = arrivedOn == Side.ACCESS ? config.access() : config.core();
    if (top == null || cseq == null || response.getStatusCode() / 100 != 2
        || !Request.INVITE.equals(cseq.getMethod()) || !us.host().equalsIgnoreCase(top.getHost())
        || (top.getPort() != us.udpPort() && top.getPort() != us.tcpPort())) {
      counters.strayResponses.increment();
      return;
    }
    Response outgoing = (Response) response.clone();
    outgoing.removeFirst(ViaHeader.NAME);
    // a 2xx heading to the access side answers the UE's (originating) offer, and vice versa
    GatewayCall call = e2aeCalls.get(callKey(callId(response), arrivedOn == Side.CORE ? Side.ACCESS : Side.CORE));
    if (call != null && SdpBody.of(outgoing).isPresent()) {
      Optional<String> answer = call.offererAnswer();
      if (answer.isEmpty()) {
        counters.strayResponses.increment();
        return;
      }
      SdpBody.replace(outgoing, answer.get(), headers); // never the core's SDP toward the UE
    } else if (!removeSpoofedIndications(outgoing)) {
      counters.strayResponses.increment();
      return;
    }
    if (outgoing.getHeader(ViaHeader.NAME) == null) {
      counters.strayResponses.increment();
      return;
    }
    try {
      counters.responsesRelayed.increment();
      provider(arrivedOn == Side.ACCESS ? Side.CORE : Side.ACCESS).sendResponse(outgoing);
    } catch (SipException e) {
      log.info("Cannot relay a 2xx retransmission: {}", e.toString());
    }
  }

  private ServerTransaction newServerTransaction(SipProvider provider, Request request) {
    try {
      return provider.getNewServerTransaction(request);
    } catch (TransactionAlreadyExistsException e) {
      return null; // a retransmission the stack is already handling
    } catch (TransactionUnavailableException e) {
      log.info("No server transaction for {} request: {}", request.getMethod(), e.toString());
      respondStatelessly(provider, request, 400, "Bad Request");
      return null;
    }
  }

  private void respond(ServerTransaction transaction, int status, String reason) {
    if (transaction.getState() == TransactionState.COMPLETED || transaction.getState() == TransactionState.TERMINATED) {
      return;
    }
    try {
      Response response = messages.createResponse(status, transaction.getRequest());
      response.setReasonPhrase(reason);
      if (status >= 200) {
        counters.answeredLocally.increment(); // before sending, like every counter a test may read
      }
      transaction.sendResponse(response);
    } catch (ParseException | SipException | InvalidArgumentException e) {
      log.info("Cannot answer {} {}: {}", status, reason, e.toString());
    }
  }

  private void respondBadExtension(ServerTransaction transaction, Request request, List<String> unsupported) {
    try {
      Response response = messages.createResponse(Response.BAD_EXTENSION, request);
      for (String tag : unsupported) {
        response.addHeader(headers.createUnsupportedHeader(tag));
      }
      counters.answeredLocally.increment();
      transaction.sendResponse(response);
    } catch (ParseException | SipException | InvalidArgumentException e) {
      log.info("Cannot answer 420: {}", e.toString());
    }
  }

  private void respondStatelessly(SipProvider provider, Request request, int status, String reason) {
    try {
      Response response = messages.createResponse(status, request);
      response.setReasonPhrase(reason);
      counters.answeredLocally.increment();
      provider.sendResponse(response);
    } catch (ParseException | SipException | RuntimeException e) {
      log.info("Cannot answer {} statelessly: {}", status, e.toString());
    }
  }
}
