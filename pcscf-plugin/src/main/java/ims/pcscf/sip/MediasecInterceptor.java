package ims.pcscf.sip;

import ims.pcscf.api.Exchange;
import ims.pcscf.api.Interception;
import ims.pcscf.api.PcscfInterceptor;
import ims.pcscf.api.Side;
import ims.pcscf.policy.PcscfPolicy;
import ims.pcscf.policy.RegistrationContext;
import ims.pcscf.registration.Binding;
import ims.pcscf.registration.RegistrationStore;
import ims.pcscf.registration.SipUriKey;
import ims.pcscf.registration.StoreOutcome;
import ims.pcscf.registration.Transport;
import ims.pcscf.registration.UeAddress;
import ims.pcscf.secagree.ParseResult;
import ims.pcscf.secagree.SecurityMechanism;
import ims.pcscf.secagree.SecurityMechanisms;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mediasec registration procedure of TS 24.229 7.2A.7 / TS 33.328 7.1 as a
 * {@link PcscfInterceptor}.
 *
 * <p>Toward the core it removes what belongs to the UE-P-CSCF hop (RFC 3329 security agreement is
 * between the UE and its first-hop proxy; TS 24.228 flows: "P-CSCF1 removes the Security-Client
 * header and associated "sec-agree" option-tags prior to forwarding the request"): every
 * {@code Security-Client} (all mechanisms, {@code ipsec-3gpp} and {@code tls} included), every
 * {@code Security-Verify}, and the {@code sec-agree} and {@code mediasec} option tags of
 * {@code Require}, {@code Proxy-Require} and {@code Supported} (never answering 420 for them). On
 * the registrar's 2xx it drops any {@code Security-Server} the core put there, stores the bindings
 * and, when the UE announced mediasec and policy prefers e2ae for this registration, adds
 * {@code Security-Server: sdes-srtp;mediasec} toward the UE.
 */
public final class MediasecInterceptor implements PcscfInterceptor {

  static final String SECURITY_CLIENT = "Security-Client";
  static final String SECURITY_SERVER = "Security-Server";
  static final String SECURITY_VERIFY = "Security-Verify";
  static final String P_ACCESS_NETWORK_INFO = "P-Access-Network-Info";
  /** Option tags of the UE-P-CSCF hop; "mediasec" is not an option tag, but UEs send it as one. */
  static final Set<String> HOP_OPTION_TAGS = Set.of("sec-agree", "mediasec");
  /** RFC 3261 10.2.1.1: the expiry when the registrar gave neither an expires param nor Expires. */
  static final int DEFAULT_EXPIRES_SECONDS = 3600;

  private static final Logger log = LoggerFactory.getLogger(MediasecInterceptor.class);
  private static final int NEW = 0;
  private static final int RUNNING = 1;
  private static final int STOPPED = 2;

  private final PcscfPolicy policy;
  private final RegistrationStore store;
  private final HeaderFactory headers;
  private final Clock clock;
  private final ProxyCounters counters;
  private final AtomicInteger state = new AtomicInteger(NEW);

  public MediasecInterceptor(PcscfPolicy policy, RegistrationStore store, HeaderFactory headers, Clock clock) {
    this(policy, store, headers, clock, new ProxyCounters());
  }

  MediasecInterceptor(
      PcscfPolicy policy, RegistrationStore store, HeaderFactory headers, Clock clock, ProxyCounters counters) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.store = Objects.requireNonNull(store, "store");
    this.headers = Objects.requireNonNull(headers, "headers");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.counters = Objects.requireNonNull(counters, "counters");
  }

  @Override
  public void start() {
    if (!state.compareAndSet(NEW, RUNNING)) {
      throw new IllegalStateException("start() called twice or after stop()");
    }
  }

  @Override
  public void stop() {
    state.set(STOPPED);
  }

  @Override
  public boolean isRunning() {
    return state.get() == RUNNING;
  }

  @Override
  public Interception onRequest(Side from, Request request, InetSocketAddress source, String transport) {
    requireRunning();
    if (from == Side.CORE) {
      return new Interception.Forward(PassThrough.INSTANCE);
    }
    ParseResult<List<SecurityMechanism>> client = securityMechanisms(request, SECURITY_CLIENT);
    if (client instanceof ParseResult.Err<List<SecurityMechanism>> err) {
      counters.malformedSecurityHeaders.increment();
      log.info("Malformed Security-Client from {}: {} at offset {}", source, err.error(), err.offset());
      return new Interception.Respond(400, "Malformed Security-Client");
    }
    List<SecurityMechanism> mechanisms = ((ParseResult.Ok<List<SecurityMechanism>>) client).value();
    boolean ueSupportsE2ae = SecurityMechanisms.announcesMediasec(mechanisms);
    stripHopHeaders(request);
    if (!Request.REGISTER.equals(request.getMethod())) {
      return new Interception.Forward(PassThrough.INSTANCE);
    }
    return register(request, source, transport, ueSupportsE2ae);
  }

  private Interception register(Request request, InetSocketAddress source, String transport, boolean ueSupportsE2ae) {
    ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
    SipUriKey aor = SipUriKey.of(to.getAddress().getURI().toString());
    var contacts = new ArrayList<String>();
    boolean wildcard = false;
    ListIterator<?> it = request.getHeaders(ContactHeader.NAME);
    while (it != null && it.hasNext()) {
      ContactHeader contact = (ContactHeader) it.next();
      if (contact.isWildCard()) {
        wildcard = true;
      } else {
        contacts.add(contact.getAddress().getURI().toString());
      }
    }
    boolean removesOnly = wildcard || contacts.isEmpty() || isRemoval(request);
    if (!removesOnly && contacts.stream().anyMatch(c -> !store.hasRoomFor(aor, c))) {
      counters.storeFull.increment();
      log.warn("Registration store full ({} bindings): refusing REGISTER from {}", store.maxBindings(), source);
      return new Interception.Respond(503, "Registration store full");
    }
    UeAddress ue = new UeAddress(source, Transport.fromName(transport).orElse(Transport.UDP));
    Optional<String> accessType = SipHeaders.values(request, P_ACCESS_NETWORK_INFO).stream()
        .findFirst()
        .flatMap(RegistrationContext::accessTypeOf);
    boolean networkOffers =
        ueSupportsE2ae && policy.offersE2ae(new RegistrationContext(source.getAddress(), accessType));
    return new Interception.Forward(
        new RegisterExchange(aor, contacts, wildcard, ue, ueSupportsE2ae, networkOffers));
  }

  /** True if every contact of the REGISTER asks for expiry 0 (a de-registration). */
  private static boolean isRemoval(Request request) {
    ExpiresHeader expires = (ExpiresHeader) request.getHeader(ExpiresHeader.NAME);
    ListIterator<?> it = request.getHeaders(ContactHeader.NAME);
    boolean any = false;
    while (it != null && it.hasNext()) {
      ContactHeader contact = (ContactHeader) it.next();
      int value = contact.getExpires() >= 0 ? contact.getExpires() : expires != null ? expires.getExpires() : -1;
      if (value != 0) {
        return false;
      }
      any = true;
    }
    return any;
  }

  @Override
  public void onResponse(Exchange exchange, Response response) {
    requireRunning();
    if (!(exchange instanceof RegisterExchange register) || response.getStatusCode() / 100 != 2) {
      return;
    }
    response.removeHeader(SECURITY_SERVER); // the agreement is ours with the UE, never the core's
    boolean stored = updateStore(register, response);
    if (stored && register.networkOffersE2ae()) {
      response.addHeader(SipHeaders.verbatim(
          SECURITY_SERVER, SecurityMechanisms.format(List.of(SecurityMechanism.SDES_SRTP_MEDIASEC))));
    }
  }

  /** Applies the registrar's 2xx to the store; true if at least one binding is live afterwards. */
  private boolean updateStore(RegisterExchange register, Response response) {
    if (register.wildcard()) {
      store.removeAll(register.aor());
      return false;
    }
    ExpiresHeader expiresHeader = (ExpiresHeader) response.getHeader(ExpiresHeader.NAME);
    int defaultExpires = expiresHeader != null ? expiresHeader.getExpires() : DEFAULT_EXPIRES_SECONDS;
    Map<SipUriKey, ContactHeader> returned = new HashMap<>();
    ListIterator<?> it = response.getHeaders(ContactHeader.NAME);
    while (it != null && it.hasNext()) {
      ContactHeader contact = (ContactHeader) it.next();
      if (!contact.isWildCard()) {
        URI uri = contact.getAddress().getURI();
        returned.putIfAbsent(SipUriKey.of(uri.toString()), contact);
      }
    }
    List<String> path = SipHeaders.values(response, "Path");
    List<String> serviceRoute = SipHeaders.values(response, "Service-Route");
    Instant now = clock.instant();
    boolean anyLive = false;
    for (String contact : register.contacts()) {
      ContactHeader granted = returned.get(SipUriKey.of(contact));
      int expires = granted == null ? 0 : granted.getExpires() >= 0 ? granted.getExpires() : defaultExpires;
      if (expires <= 0) {
        store.remove(register.aor(), contact);
        continue;
      }
      var binding = new Binding(
          register.aor(),
          granted.getAddress().getURI().toString(),
          now.plusSeconds(expires),
          register.ue(),
          register.ueSupportsE2ae(),
          register.networkOffersE2ae(),
          path,
          serviceRoute);
      StoreOutcome outcome = store.put(binding);
      if (outcome == StoreOutcome.REJECTED_FULL) {
        counters.storeFull.increment();
        log.warn("Registration store full: binding of {} not stored", register.aor());
      } else {
        anyLive = true;
      }
    }
    return anyLive;
  }

  /**
   * Removes the UE-P-CSCF hop's security agreement from a request bound for the core: the whole
   * agreement (every mechanism) belongs to that hop, so nothing of it reaches the S-CSCF.
   */
  private void stripHopHeaders(Request request) {
    request.removeHeader(SECURITY_CLIENT);
    request.removeHeader(SECURITY_VERIFY);
    for (String name : List.of("Require", "Proxy-Require", "Supported")) {
      SipHeaders.removeOptionTags(request, name, HOP_OPTION_TAGS, headers);
    }
  }

  private static ParseResult<List<SecurityMechanism>> securityMechanisms(Request request, String name) {
    List<String> values = SipHeaders.values(request, name);
    return values.isEmpty() ? ParseResult.ok(List.of()) : SecurityMechanisms.parseAll(values);
  }

  private void requireRunning() {
    if (state.get() != RUNNING) {
      throw new IllegalStateException("interceptor is not running (call start(), not after stop())");
    }
  }
}
