package ims.pcscf.sip;

import ims.pcscf.api.Side;
import ims.pcscf.registration.Binding;
import ims.pcscf.registration.RegistrationStore;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/**
 * The headers that name this proxy (RFC 3261 16.4-16.6): our Via and Record-Route per side, removal
 * of the Route entries naming us, Max-Forwards, and the route of an originating request (the UE's
 * Service-Route, TS 24.229 5.2.6.3.1). Stateless apart from the registration store it reads.
 */
final class ProxyRoutes {
  static final int DEFAULT_MAX_FORWARDS = 70;

  private final ProxyContext context;
  private final RegistrationStore store;

  ProxyRoutes(ProxyContext context, RegistrationStore store) {
    this.context = context;
    this.store = store;
  }

  /** TS 24.229 5.2.6.3.1: an originating request follows the Service-Route of the UE's registration. */
  void preloadOriginatingRoute(Request outgoing) throws ParseException {
    List<String> serviceRoute = List.of();
    ContactHeader contact = (ContactHeader) outgoing.getHeader(ContactHeader.NAME);
    if (contact != null) {
      serviceRoute = store.findByContact(contact.getAddress().getURI().toString())
          .map(Binding::serviceRoute).orElse(List.of());
    }
    outgoing.removeHeader(RouteHeader.NAME); // the UE's own route set is replaced, not trusted
    if (serviceRoute.isEmpty()) {
      outgoing.addHeader(context.headers.createRouteHeader(
          context.addresses.createAddress("<" + context.config.coreNextHop().routeUri() + ">")));
      return;
    }
    for (String route : serviceRoute) {
      outgoing.addHeader(context.headers.createRouteHeader(context.addresses.createAddress(route)));
    }
  }

  RecordRouteHeader recordRoute(Side side) throws ParseException {
    return context.headers.createRecordRouteHeader(context.addresses.createAddress("<" + ourUri(side) + ">"));
  }

  /**
   * The Record-Route entry of the access side for a UE that reached us over TLS: our TLS listening
   * point, so that its in-dialog requests come back over TLS (any other transport: as
   * {@link #recordRoute(Side)}).
   */
  RecordRouteHeader recordRouteForUe(String ueTransport) throws ParseException {
    Endpoint e = context.endpoint(Side.ACCESS);
    if (!"TLS".equalsIgnoreCase(ueTransport) || e.tlsPort().isEmpty()) {
      return recordRoute(Side.ACCESS);
    }
    return context.headers.createRecordRouteHeader(context.addresses.createAddress(
        "<sip:" + e.hostPort(e.tlsPort().getAsInt()) + ";transport=tls;lr>"));
  }

  /** Our URI on {@code side}, with the transport used toward it (also the REGISTER's Path, RFC 3327). */
  String ourUri(Side side) {
    Endpoint e = context.endpoint(side);
    String transport = transportToward(side);
    return "sip:" + e.hostPort(e.port(transport))
        + ("UDP".equals(transport) ? "" : ";transport=" + transport.toLowerCase(Locale.ROOT)) + ";lr";
  }

  String transportToward(Side side) {
    return side == Side.CORE ? context.config.coreNextHop().transport().name() : ListeningPoint.UDP;
  }

  ViaHeader ourVia(Side toward, Request received) throws ParseException, InvalidArgumentException {
    Endpoint e = context.endpoint(toward);
    String transport = transportToward(toward);
    return context.headers.createViaHeader(e.host(), e.port(transport), transport, LoopDetection.newBranch(received));
  }

  void decrementMaxForwards(Request outgoing) throws InvalidArgumentException, SipException {
    MaxForwardsHeader maxForwards = (MaxForwardsHeader) outgoing.getHeader(MaxForwardsHeader.NAME);
    if (maxForwards == null) {
      outgoing.addHeader(context.headers.createMaxForwardsHeader(DEFAULT_MAX_FORWARDS));
    } else {
      maxForwards.decrementMaxForwards();
    }
  }

  /** RFC 3261 16.4: a top Route naming this proxy (either side) is removed. */
  void removeOwnRoute(Request request) {
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
  void removeOwnRoutes(Request request) {
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
      for (Side side : Side.values()) {
        if (names(context.endpoint(side), uri.getHost(), uri.getPort())) {
          return Optional.of(side);
        }
      }
    }
    return Optional.empty();
  }

  boolean isUs(SipURI uri) {
    return names(context.config.access(), uri.getHost(), uri.getPort())
        || names(context.config.core(), uri.getHost(), uri.getPort());
  }

  /** Whether a client transaction's request left on the access side (its top Via is ours there). */
  boolean isAccessBound(ClientTransaction client) {
    ViaHeader via = (ViaHeader) client.getRequest().getHeader(ViaHeader.NAME);
    return via != null && names(context.config.access(), via.getHost(), via.getPort());
  }

  /** Whether {@code host:port} is one of the listening points of {@code endpoint}. */
  static boolean names(Endpoint endpoint, String host, int port) {
    return endpoint.host().equalsIgnoreCase(host) && endpoint.listensOn(port);
  }
}
