package ims.pcscf.example;

import ims.iq.controller.ControllerConfig;
import ims.iq.controller.IqController;
import ims.iq.message.MId;
import ims.iq.transport.AllowedPeer;
import ims.iq.transport.LinkSecurity;
import ims.iq.transport.TransactionConfig;
import ims.iq.transport.UdpTransportConfig;
import ims.pcscf.api.Exchange;
import ims.pcscf.api.Interception;
import ims.pcscf.api.MediaSecurityInterceptor;
import ims.pcscf.api.PcscfPlugin;
import ims.pcscf.api.ResponseInterception;
import ims.pcscf.api.Side;
import ims.pcscf.policy.PcscfPolicy;
import ims.pcscf.registration.RegistrationStore;
import ims.pcscf.sip.SipStackShutdown;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * An operator's own (deliberately small) JAIN-SIP stateful proxy hosting the P-CSCF's media security
 * with {@link MediaSecurityInterceptor}: mediasec registration and the two e2ae flows with an IMS-AGW
 * behind Iq. The host does the RFC 3261 proxying (UDP only here): a server and a client transaction
 * per request, its Via, Max-Forwards, a double Record-Route (one entry per side), Path and a Route to
 * the core on REGISTER and on initial requests from the UEs, CANCEL. It calls the interceptor before
 * forwarding each request and before relaying each response, and acts when the stage completes.
 *
 * <p>Runnable: {@code java ims.pcscf.example.E2aeHostProxy <access-port> <core-port> <core-host:port>
 * <iq-port>} listens on 127.0.0.1 and waits for an IMS-AGW to register over Iq at {@code iq-port}.
 */
public final class E2aeHostProxy implements SipListener, AutoCloseable {

  /** What a forwarded request needs when its answers come back. */
  private record Pending(ServerTransaction server, Exchange exchange) {}

  private final String host;
  private final SipStack stack;
  private final SipProvider access;
  private final SipProvider core;
  private final InetSocketAddress coreNextHop;
  private final MediaSecurityInterceptor interceptor;
  private final HeaderFactory headers;
  private final AddressFactory addresses;
  private final MessageFactory messages;
  /** INVITE client transactions not yet answered finally, by their server transaction (for CANCEL). */
  private final Map<ServerTransaction, ClientTransaction> pendingInvites = new ConcurrentHashMap<>();

  private E2aeHostProxy(String host, int accessPort, int corePort, InetSocketAddress coreNextHop,
      MediaSecurityInterceptor interceptor) throws Exception {
    this.host = host;
    this.coreNextHop = coreNextHop;
    this.interceptor = interceptor;
    SipFactory factory = SipFactory.getInstance();
    factory.setPathName("gov.nist");
    var properties = new Properties();
    properties.setProperty("javax.sip.STACK_NAME", "example-host-" + UUID.randomUUID());
    properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
    properties.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
    // jain-sip-ri needs a logger that is not log4j 1.x (never on the class path): the plugin ships SLF4J ones
    properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", ims.pcscf.sip.Slf4jStackLogger.class.getName());
    properties.setProperty("gov.nist.javax.sip.SERVER_LOGGER", ims.pcscf.sip.Slf4jServerLogger.class.getName());
    this.stack = factory.createSipStack(properties);
    this.headers = factory.createHeaderFactory();
    this.addresses = factory.createAddressFactory();
    this.messages = factory.createMessageFactory();
    this.access = stack.createSipProvider(stack.createListeningPoint(host, accessPort, ListeningPoint.UDP));
    this.core = stack.createSipProvider(stack.createListeningPoint(host, corePort, ListeningPoint.UDP));
    access.addSipListener(this);
    core.addSipListener(this);
    interceptor.open();
    stack.start();
  }

  /** Starts the host with its interceptor (opened here, closed by {@link #close()}). */
  public static E2aeHostProxy start(String host, int accessPort, int corePort, InetSocketAddress coreNextHop,
      MediaSecurityInterceptor interceptor) throws Exception {
    return new E2aeHostProxy(host, accessPort, corePort, coreNextHop, interceptor);
  }

  @Override
  public void close() {
    interceptor.close(); // releases every IMS-AGW context still held, wipes keys
    SipStackShutdown.stop(stack); // jain-sip-ri can trip over its own channel list on stop
  }

  // ------------------------------------------------------------------ requests

  @Override
  public void processRequest(RequestEvent event) {
    SipProvider from = (SipProvider) event.getSource();
    Side side = from == access ? Side.ACCESS : Side.CORE;
    Request request = event.getRequest();
    var source = new InetSocketAddress(((gov.nist.javax.sip.message.SIPMessage) request).getRemoteAddress(),
        ((gov.nist.javax.sip.message.SIPMessage) request).getRemotePort());
    try {
      if (Request.ACK.equals(request.getMethod())) {
        if (event.getServerTransaction() == null) { // ACK to a 2xx: forwarded statelessly
          Request ack = (Request) request.clone();
          interceptor.onRequest(side, ack, source, "UDP")
              .thenAccept(verdict -> sendStatelessly(other(side), ack, request));
        }
        return;
      }
      ServerTransaction server = event.getServerTransaction() != null ? event.getServerTransaction()
          : from.getNewServerTransaction(request);
      if (Request.INVITE.equals(request.getMethod())) {
        server.sendResponse(messages.createResponse(Response.TRYING, request));
      }
      if (Request.CANCEL.equals(request.getMethod())) {
        cancel(side, server, request, source);
        return;
      }
      Request outgoing = (Request) request.clone();
      // the interceptor may rewrite `outgoing` until its stage completes: act only then
      interceptor.onRequest(side, outgoing, source, "UDP").thenAccept(verdict -> {
        switch (verdict) {
          case Interception.Respond respond -> answer(server, respond.statusCode(), respond.reasonPhrase(),
              respond.warning());
          case Interception.Forward forward -> forward(side, server, request, outgoing, forward.exchange());
        }
      });
    } catch (ParseException | SipException | javax.sip.InvalidArgumentException e) {
      System.err.println("example host: cannot handle " + request.getMethod() + ": " + e);
    }
  }

  private void forward(Side side, ServerTransaction server, Request received, Request outgoing, Exchange exchange) {
    Side toward = other(side);
    try {
      boolean initial = ((javax.sip.header.ToHeader) received.getHeader("To")).getTag() == null;
      removeOwnRoutes(outgoing);
      if (Request.REGISTER.equals(received.getMethod())) {
        outgoing.addFirst(headers.createHeader("Path", "<" + ourUri(Side.CORE) + ">"));
      }
      if (initial && side == Side.ACCESS) { // originating: to the core (a real P-CSCF uses the Service-Route)
        outgoing.removeHeader(RouteHeader.NAME);
        outgoing.addFirst(headers.createRouteHeader(addresses.createAddress(
            "<sip:" + coreNextHop.getHostString() + ":" + coreNextHop.getPort() + ";lr>")));
      }
      if (initial && Request.INVITE.equals(received.getMethod())) {
        outgoing.addFirst(headers.createRecordRouteHeader(addresses.createAddress("<" + ourUri(side) + ">")));
        outgoing.addFirst(headers.createRecordRouteHeader(addresses.createAddress("<" + ourUri(toward) + ">")));
      }
      ((MaxForwardsHeader) outgoing.getHeader(MaxForwardsHeader.NAME)).decrementMaxForwards();
      outgoing.addFirst(ourVia(toward));
      ClientTransaction client = provider(toward).getNewClientTransaction(outgoing);
      client.setApplicationData(new Pending(server, exchange));
      if (Request.INVITE.equals(outgoing.getMethod())) {
        pendingInvites.put(server, client);
      }
      client.sendRequest();
    } catch (ParseException | SipException | javax.sip.InvalidArgumentException e) {
      interceptor.onTimeout(exchange); // what the exchange holds at the gateway is released
      answer(server, 503, "Service Unavailable", Optional.empty());
    }
  }

  /** RFC 3261 16.10, and the interceptor's part: an INVITE still at the gateway gets 487 from its stage. */
  private void cancel(Side side, ServerTransaction server, Request cancel, InetSocketAddress source)
      throws ParseException, SipException, javax.sip.InvalidArgumentException {
    server.sendResponse(messages.createResponse(Response.OK, cancel));
    interceptor.onRequest(side, (Request) cancel.clone(), source, "UDP");
    pendingInvites.entrySet().stream()
        .filter(e -> e.getKey().getBranchId().equals(server.getBranchId()))
        .findFirst()
        .ifPresent(e -> {
          try {
            provider(other(side)).getNewClientTransaction(e.getValue().createCancel()).sendRequest();
          } catch (SipException ex) {
            System.err.println("example host: cannot send CANCEL: " + ex);
          }
        });
  }

  // ------------------------------------------------------------------ responses

  @Override
  public void processResponse(ResponseEvent event) {
    ClientTransaction client = event.getClientTransaction();
    Response response = event.getResponse();
    if (client == null || !(client.getApplicationData() instanceof Pending pending)
        || response.getStatusCode() == Response.TRYING) {
      return; // a real host forwards 2xx retransmissions statelessly here
    }
    if (response.getStatusCode() >= 200) {
      pendingInvites.remove(pending.server(), client);
    }
    Response outgoing = (Response) response.clone();
    outgoing.removeFirst(ViaHeader.NAME);
    // the action runs once per response, in order per call (possibly on an Iq thread): relay from it
    interceptor.onResponse(pending.exchange(), outgoing, verdict -> {
      switch (verdict) {
        case ResponseInterception.Relay relay -> relay(pending.server(), outgoing);
        case ResponseInterception.Replace replace -> {
          answer(pending.server(), replace.statusCode(), replace.reasonPhrase(), replace.warning());
          if (replace.cleanup() == ResponseInterception.AnswererCleanup.CANCEL_INVITE) {
            try {
              provider(sideOf(client)).getNewClientTransaction(client.createCancel()).sendRequest();
            } catch (SipException e) {
              System.err.println("example host: cannot send CANCEL: " + e);
            }
          } // END_DIALOG: a production host acknowledges the 2xx and sends BYE along its route set
        }
      }
    });
  }

  @Override
  public void processTimeout(TimeoutEvent event) {
    if (!event.isServerTransaction() && event.getClientTransaction().getApplicationData() instanceof Pending pending) {
      pendingInvites.remove(pending.server());
      interceptor.onTimeout(pending.exchange());
      answer(pending.server(), 408, "Request Timeout", Optional.empty());
    }
  }

  @Override
  public void processIOException(IOExceptionEvent event) {}

  @Override
  public void processTransactionTerminated(TransactionTerminatedEvent event) {}

  @Override
  public void processDialogTerminated(DialogTerminatedEvent event) {}

  // ------------------------------------------------------------------ helpers

  private void relay(ServerTransaction server, Response response) {
    try {
      server.sendResponse(response);
    } catch (SipException | javax.sip.InvalidArgumentException e) {
      System.err.println("example host: cannot relay " + response.getStatusCode() + ": " + e);
    }
  }

  private void answer(ServerTransaction server, int status, String reason, Optional<ims.pcscf.api.Warning> warning) {
    try {
      Response response = messages.createResponse(status, server.getRequest());
      response.setReasonPhrase(reason);
      if (warning.isPresent()) {
        response.addHeader(headers.createHeader("Warning", warning.get().headerValue(host)));
      }
      server.sendResponse(response);
    } catch (ParseException | SipException | javax.sip.InvalidArgumentException e) {
      System.err.println("example host: cannot answer " + status + ": " + e);
    }
  }

  private void sendStatelessly(Side toward, Request outgoing, Request received) {
    try {
      removeOwnRoutes(outgoing);
      outgoing.addFirst(ourVia(toward));
      provider(toward).sendRequest(outgoing);
    } catch (ParseException | SipException | javax.sip.InvalidArgumentException e) {
      System.err.println("example host: cannot forward " + received.getMethod() + ": " + e);
    }
  }

  /** Removes the Route entries that name this host (the double Record-Route pair, either order). */
  private void removeOwnRoutes(Request request) {
    for (int i = 0; i < 2; i++) {
      if (request.getHeader(RouteHeader.NAME) instanceof RouteHeader route
          && route.getAddress().getURI() instanceof SipURI uri && host.equals(uri.getHost())
          && List.of(port(Side.ACCESS), port(Side.CORE)).contains(uri.getPort())) {
        request.removeFirst(RouteHeader.NAME);
      }
    }
  }

  private ViaHeader ourVia(Side toward) throws ParseException, javax.sip.InvalidArgumentException {
    return headers.createViaHeader(host, port(toward), "udp", "z9hG4bK" + UUID.randomUUID().toString().replace("-", ""));
  }

  private String ourUri(Side side) {
    return "sip:" + host + ":" + port(side) + ";lr";
  }

  private int port(Side side) {
    return provider(side).getListeningPoints()[0].getPort();
  }

  private SipProvider provider(Side side) {
    return side == Side.ACCESS ? access : core;
  }

  private Side sideOf(ClientTransaction client) {
    ViaHeader via = (ViaHeader) client.getRequest().getHeader(ViaHeader.NAME);
    return via.getPort() == port(Side.ACCESS) ? Side.ACCESS : Side.CORE;
  }

  private static Side other(Side side) {
    return side == Side.ACCESS ? Side.CORE : Side.ACCESS;
  }

  /** Runs the example host until the JVM is stopped, its Iq controller waiting for an IMS-AGW. */
  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: E2aeHostProxy <access-port> <core-port> <core-host:port> <iq-port>");
      System.exit(2);
    }
    InetAddress loopback = InetAddress.getLoopbackAddress();
    String[] next = args[2].split(":");
    var udp = new UdpTransportConfig(new InetSocketAddress(loopback, Integer.parseInt(args[3])),
        LinkSecurity.loopbackOnly(List.of(AllowedPeer.anyPort(loopback))));
    try (var gateway = IqController.start(new ControllerConfig(udp, MId.domain("pcscf.example", 2944),
            Optional.empty(), TransactionConfig.DEFAULT, Duration.ofSeconds(10), 2, 3), event -> { })) {
      var clock = Clock.systemUTC();
      var store = new RegistrationStore(clock, 10_000);
      MediaSecurityInterceptor interceptor =
          PcscfPlugin.newMediaSecurityInterceptor(PcscfPolicy.DEFAULT, store, clock, gateway);
      try (var proxy = start("127.0.0.1", Integer.parseInt(args[0]), Integer.parseInt(args[1]),
          new InetSocketAddress(next[0], Integer.parseInt(next[1])), interceptor)) {
        System.out.println("example host proxy running; Iq controller at " + gateway.localAddress());
        new CountDownLatch(1).await();
      }
    }
  }
}
