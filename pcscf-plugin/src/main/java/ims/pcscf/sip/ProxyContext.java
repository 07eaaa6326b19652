package ims.pcscf.sip;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.stack.SIPTransaction;
import ims.pcscf.api.Interception;
import ims.pcscf.api.PcscfInterceptor;
import ims.pcscf.api.Side;
import java.net.InetSocketAddress;
import java.util.Locale;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.header.CallIdHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;

/**
 * What every part of the standalone proxy shares: the configuration, the counters, the interceptor,
 * the jain-sip factories and the provider of each side. Immutable after construction; safe for
 * concurrent use (the jain-sip factories are stateless, the interceptor is thread-safe).
 *
 * <p>The parts of the proxy log under {@code PcscfProxy}'s logger, as before the split, so that an
 * operator's logging configuration keeps selecting them.
 */
final class ProxyContext {
  final ProxyConfig config;
  final ProxyCounters counters;
  final PcscfInterceptor interceptor;
  final HeaderFactory headers = new HeaderFactoryImpl();
  final MessageFactory messages = new MessageFactoryImpl();
  final AddressFactory addresses = new AddressFactoryImpl();
  final ActiveCalls activeCalls;
  /** Open until a drain stops new calls (the only mutable part, thread-safe). */
  final CallAdmission admission = new CallAdmission();
  private final SipProvider accessProvider;
  private final SipProvider coreProvider;

  ProxyContext(ProxyConfig config, ProxyCounters counters, PcscfInterceptor interceptor, ActiveCalls activeCalls,
      SipProvider accessProvider, SipProvider coreProvider) {
    this.config = config;
    this.activeCalls = activeCalls;
    this.counters = counters;
    this.interceptor = interceptor;
    this.accessProvider = accessProvider;
    this.coreProvider = coreProvider;
  }

  SipProvider provider(Side side) {
    return side == Side.ACCESS ? accessProvider : coreProvider;
  }

  /** The side a message arrived on, from the provider that delivered it. */
  Side sideOf(SipProvider provider) {
    return provider == accessProvider ? Side.ACCESS : Side.CORE;
  }

  Endpoint endpoint(Side side) {
    return side == Side.ACCESS ? config.access() : config.core();
  }

  /** The interceptor's verdict on a request from the UEs ({@code outgoing} is the copy it may rewrite). */
  Interception interceptFromAccess(ServerTransaction transaction, Request received, Request outgoing) {
    SIPMessage message = (SIPMessage) received;
    var source = new InetSocketAddress(message.getRemoteAddress(), message.getRemotePort());
    String transport = ((SIPTransaction) transaction).getTransport().toUpperCase(Locale.ROOT);
    return interceptor.onRequest(Side.ACCESS, outgoing, source, transport);
  }

  static Side other(Side side) {
    return side == Side.ACCESS ? Side.CORE : Side.ACCESS;
  }

  static String callId(Message message) {
    return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
  }

  /** The To tag, null for an initial (out-of-dialog) request. */
  static String toTag(Request request) {
    ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
    return to == null ? null : to.getTag();
  }
}
