package ims.pcscf.sip;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import ims.iq.controller.GatewayEvent;
import ims.iq.controller.IqController;
import ims.pcscf.api.PcscfInterceptor;
import ims.pcscf.policy.PcscfPolicy;
import ims.pcscf.registration.RegistrationStore;
import ims.pcscf.registration.Binding;
import ims.pcscf.view.ActiveCall;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.TooManyListenersException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Predicate;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.ClientTransaction;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionState;
import javax.sip.Transaction;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone P-CSCF: one jain-sip stack with an access side and a core side (each UDP and
 * TCP, TLS optional), proxying statefully (RFC 3261 section 16) through a {@link PcscfInterceptor}
 * (registration) and {@link MediaSecurity} (the e2ae flows, shared with {@link HostedMediaSecurity}).
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
 *       removed from every SDP (spoof protection); other SDP passes byte for byte. Forwarded
       INVITEs run timer C (16.6 step 11 / 16.8): on expiry 408 upstream, CANCEL downstream.</li>
 *   <li>e2ae (TS 33.328 7.2.1 / 7.3.1) with the IMS-AGW behind an {@code IqController}; the
 *       gateway failing gives the policy's 503 or 488 with a Warning.</li>
 *   <li>Monitoring: {@link #counters()}, {@link #activeCalls()}, {@link #liveRegistrations()}; the
 *       SLF4J MDC key {@code callId} while a call's message, timeout or gateway step is handled.</li>
 *   <li>Messages jain-sip cannot parse: answered 400 by the stack where it can, else dropped;
 *       counted either way.</li>
 * </ul>
 *
 * <p>Lifecycle: {@link #start} binds and starts; {@link #close()} releases every gateway context,
 * stops timer C, the stack and the interceptor, once.
 */
public final class PcscfProxy implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PcscfProxy.class);

  private final ProxyConfig config;
  private final RegistrationStore store;
  private final PcscfInterceptor interceptor;
  private final ProxyCounters counters;
  private final PcscfSipStack stack;
  private final AnchoredCalls calls = new AnchoredCalls();
  private final ActiveCalls activeCalls;
  private final MediaSecurity media;
  private final LocalResponses responses;
  private final ForwardedRequests forwarded;
  private final RequestDispatch requests;
  private final ResponseRelay relay;
  private final ProxyContext context;
  private final GatewayLossRelease gatewayLoss;
  /** Timer C of forwarded INVITEs (one daemon thread; cancelled timers leave the queue at once). */
  private final ScheduledThreadPoolExecutor timers;
  private boolean closed;

  private PcscfProxy(ProxyConfig config, PcscfPolicy policy, RegistrationStore store, Clock clock, IqController gateway)
      throws SipException, InvalidArgumentException, TooManyListenersException {
    this.config = config;
    this.store = store;
    this.counters = new ProxyCounters();
    this.activeCalls = new ActiveCalls(clock, counters, 2 * config.maxBindings());
    this.timers = new ScheduledThreadPoolExecutor(1, runnable -> {
      var thread = new Thread(runnable, config.stackName() + "-timer-c");
      thread.setDaemon(true);
      return thread;
    });
    timers.setRemoveOnCancelPolicy(true);
    this.interceptor = new MediasecInterceptor(policy, store, new HeaderFactoryImpl(), clock, counters);
    this.stack = new PcscfSipStack(stackProperties(config), counters);
    boolean started = false;
    try {
      SipProvider accessProvider = provider(config.access());
      SipProvider coreProvider = provider(config.core());
      this.context = new ProxyContext(config, counters, interceptor, activeCalls, accessProvider, coreProvider);
      var routes = new ProxyRoutes(context, store);
      this.media = new MediaSecurity(counters, policy, store, gateway, calls, context.headers);
      this.responses = new LocalResponses(context);
      this.forwarded = new ForwardedRequests(context, routes, media.spoofFilter(), timers);
      forwarded.onTimerC(this::timerCExpired);
      this.requests = new RequestDispatch(context, new RegisterForwarding(context, routes, forwarded, responses),
          new CallRequestRouting(context, routes, forwarded, media, responses), forwarded, responses);
      this.relay = new ResponseRelay(context, forwarded, media, calls, responses);
      this.gatewayLoss = new GatewayLossRelease(context, forwarded, responses);
      var listener = new Listener();
      accessProvider.addSipListener(listener);
      coreProvider.addSipListener(listener);
      interceptor.start();
      stack.start();
      started = true;
    } finally {
      if (!started) {
        SipStackShutdown.stop(stack);
        timers.shutdownNow();
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
    } catch (InvalidArgumentException | TooManyListenersException e) {
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

  /**
   * The call legs in progress (initial INVITE forwarded, no BYE / final error yet), oldest first: a
   * key-free immutable snapshot, safe to call from any thread.
   */
  public List<ActiveCall> activeCalls() {
    return activeCalls.snapshot();
  }

  /** The Retry-After of {@link #stopAcceptingNewCalls()}. */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

  /** {@link #stopAcceptingNewCalls(Duration)} with {@link #DEFAULT_RETRY_AFTER}. */
  public void stopAcceptingNewCalls() {
    stopAcceptingNewCalls(DEFAULT_RETRY_AFTER);
  }

  /**
   * Drain for a graceful shutdown: from now on every new (out-of-dialog) INVITE, from either side, is
   * answered {@code 503 Service Unavailable} with {@code Retry-After} (whole seconds, at least 1) and a
   * Warning, counted {@code newCallsRefusedDraining}. In-dialog requests (ACK, BYE, re-INVITE, UPDATE,
   * PRACK, ...), CANCEL, responses and REGISTER keep flowing, so calls in progress end normally and
   * registrations stay refreshable. Idempotent and one-way: a second call changes nothing.
   */
  public void stopAcceptingNewCalls(Duration retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter < 0");
    }
    if (context.admission.stop(retryAfter)) {
      log.info("No longer accepting new calls (503, Retry-After {} s); {} call legs in progress",
          Math.max(1, retryAfter.toSeconds()), activeCalls.snapshot().size());
    }
  }

  /** False once {@link #stopAcceptingNewCalls} was called. */
  public boolean acceptingNewCalls() {
    return context.admission.refusal().isEmpty();
  }

  /**
   * Hands the P-CSCF an event of its IMS-AGW's Iq controller (call it from the controller's
   * {@code IqControllerListener}). When the gateway lost contexts — ServiceChange Restart on ROOT
   * ({@code GatewayInService} with {@code contextsLost}), Forced on ROOT ({@code GatewayOutOfService}
   * with {@code contextsLost}), or an audit naming missing contexts ({@code ContextsAudited}) — every
   * anchored call with such a context is ended: BYE to both sides of an answered call, CANCEL downstream
   * and 503 upstream for an unanswered one, with {@code Reason: SIP;cause=503;text="IMS-AGW lost the
   * media context"}; counted {@code callLegsEndedGatewayLost} and {@code gatewayContextsLost}; nothing is
   * subtracted at the gateway (the contexts are gone), the calls' keys are wiped. Other events change
   * nothing (Graceful: existing calls run on). Never blocks; safe from any thread.
   */
  public void onGatewayEvent(GatewayEvent event) {
    Objects.requireNonNull(event, "event");
    Predicate<GatewayCall> lost = switch (event) {
      case GatewayEvent.GatewayInService s when s.contextsLost() -> call -> true;
      case GatewayEvent.GatewayOutOfService s when s.contextsLost() -> call -> true;
      case GatewayEvent.ContextsAudited a when !a.missingContexts().isEmpty() ->
          call -> call.holdsAny(a.missingContexts());
      default -> null;
    };
    if (lost == null) {
      return;
    }
    List<GatewayCall> gone = media.contextsLost(lost);
    if (!gone.isEmpty()) {
      log.warn("IMS-AGW lost media contexts ({}): ending {} anchored call legs", event.getClass().getSimpleName(),
          gone.size());
    }
    gatewayLoss.release(gone);
  }

  /** The live registration bindings (AoR, contact, expiry, UE address, mediasec): an immutable snapshot. */
  public List<Binding> liveRegistrations() {
    return store.liveBindings();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    timers.shutdownNow();
    media.close();
    activeCalls.clear();
    interceptor.stop();
    SipStackShutdown.stop(stack);
  }

  /** TLS 1.3 suites, then TLS 1.2 ECDHE with AEAD (RFC 9325 recommendations), ECDSA or RSA certificates. */
  private static final List<String> TLS_CIPHER_SUITES = List.of(
      "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");

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
    config.tls().ifPresent(tls -> {
      // jain-sip-ri reads these from the stack's properties (not the JVM's system properties)
      p.setProperty("javax.net.ssl.keyStore", tls.keyStore().toString());
      p.setProperty("javax.net.ssl.keyStorePassword", tls.keyStorePassword());
      p.setProperty("javax.net.ssl.keyStoreType", "PKCS12");
      p.setProperty("javax.net.ssl.trustStore", tls.trustStore().toString());
      p.setProperty("javax.net.ssl.trustStorePassword", tls.trustStorePassword());
      p.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
      p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", tls.clientAuth().jainSipValue);
      p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.3,TLSv1.2");
      // jain-sip's default list is RSA key exchange and anonymous DH only: modern AEAD suites instead
      p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", String.join(" ", TLS_CIPHER_SUITES));
    });
    return p;
  }

  private SipProvider provider(Endpoint endpoint) throws SipException, InvalidArgumentException {
    ListeningPoint udp = stack.createListeningPoint(endpoint.host(), endpoint.udpPort(), ListeningPoint.UDP);
    ListeningPoint tcp = stack.createListeningPoint(endpoint.host(), endpoint.tcpPort(), ListeningPoint.TCP);
    SipProvider provider = stack.createSipProvider(udp);
    provider.addListeningPoint(tcp);
    if (endpoint.tlsPort().isPresent()) {
      provider.addListeningPoint(stack.createListeningPoint(endpoint.host(), endpoint.tlsPort().getAsInt(), ListeningPoint.TLS));
    }
    return provider;
  }

  /**
   * RFC 3261 16.8: timer C of a forwarded INVITE fired. The caller gets 408 (as if the transaction had
   * timed out), the callee a CANCEL if it answered provisionally (9.1: not before), the gateway
   * contexts are released; later answers of that transaction are absorbed (a late 2xx is ended).
   */
  private void timerCExpired(ClientTransaction client, ForwardedRequest request) {
    try (var mdc = CallLogging.callIdOf(client.getRequest())) {
      counters.timerCExpiries.increment();
      forwarded.inviteCompleted(request.serverTransaction(), client);
      if (request.leg() != null) {
        media.onTimeout(request.leg());
      }
      if (client.getState() == TransactionState.PROCEEDING) {
        forwarded.cancel(client);
      }
      responses.respond(request.serverTransaction(), 408, "Request Timeout");
      log.info("Timer C expired for an INVITE toward {}", forwarded.towardOf(client));
    } catch (RuntimeException e) {
      counters.handlerFailures.increment();
      log.error("Timer C handling failed: {}", e.toString());
    }
  }

  /** The jain-sip listener; every entry point contains its failures (a bug must not kill a stack thread). */
  private final class Listener implements SipListener {

    @Override
    public void processRequest(RequestEvent event) {
      try (var mdc = CallLogging.callIdOf(event.getRequest())) {
        handleRequest(event);
      }
    }

    private void handleRequest(RequestEvent event) {
      try {
        requests.handle(event);
      } catch (RuntimeException e) {
        counters.handlerFailures.increment();
        log.error("Request handling failed: {}", e.toString());
        if (!Request.ACK.equals(event.getRequest().getMethod())) {
          responses.respondStatelessly((SipProvider) event.getSource(), event.getRequest(), 500, "Server Internal Error");
        }
      }
    }

    @Override
    public void processResponse(ResponseEvent event) {
      try (var mdc = CallLogging.callIdOf(event.getResponse())) {
        handleResponse(event);
      }
    }

    private void handleResponse(ResponseEvent event) {
      try {
        relay.handle(event);
      } catch (RuntimeException e) {
        counters.handlerFailures.increment();
        log.error("Response handling failed: {}", e.toString());
      }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
      Transaction transaction = event.isServerTransaction() ? event.getServerTransaction() : event.getClientTransaction();
      try (var mdc = CallLogging.callIdOf(transaction == null ? null : transaction.getRequest())) {
        handleTimeout(event);
      }
    }

    private void handleTimeout(TimeoutEvent event) {
      try {
        if (!event.isServerTransaction()
            && event.getClientTransaction().getApplicationData() instanceof ForwardedRequest request) {
          counters.transactionTimeouts.increment();
          if (request.timerC() != null) {
            request.timerC().stop();
          }
          forwarded.inviteCompleted(request.serverTransaction(), event.getClientTransaction());
          if (request.leg() != null) {
            media.onTimeout(request.leg());
          }
          responses.respond(request.serverTransaction(), 408, "Request Timeout");
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
}
