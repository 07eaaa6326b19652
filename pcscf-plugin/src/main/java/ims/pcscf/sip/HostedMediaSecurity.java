package ims.pcscf.sip;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import ims.iq.controller.IqController;
import ims.pcscf.api.Exchange;
import ims.pcscf.api.Interception;
import ims.pcscf.api.MediaSecurityInterceptor;
import ims.pcscf.api.ResponseInterception;
import ims.pcscf.api.Side;
import ims.pcscf.policy.PcscfPolicy;
import ims.pcscf.registration.RegistrationStore;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * {@link MediaSecurityInterceptor} for a host JAIN-SIP proxy: the registration part of
 * {@link MediasecInterceptor} and the call part of {@link MediaSecurity}, the same objects the
 * standalone {@link PcscfProxy} runs, without its transactions.
 */
public final class HostedMediaSecurity implements MediaSecurityInterceptor {
  private static final int NEW = 0;
  private static final int OPEN = 1;
  private static final int CLOSED = 2;

  private final ProxyCounters counters = new ProxyCounters();
  private final MediasecInterceptor registration;
  private final MediaSecurity media;
  private final AtomicInteger state = new AtomicInteger(NEW);

  /**
   * @param gateway the IMS-AGW's Iq controller (the host owns and closes it); null = no e2ae anchoring
   *                (the policy's {@code whenUnavailable} then applies to e2ae requests)
   */
  public HostedMediaSecurity(PcscfPolicy policy, RegistrationStore store, Clock clock, IqController gateway) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(clock, "clock");
    HeaderFactory headers = new HeaderFactoryImpl();
    this.registration = new MediasecInterceptor(policy, store, headers, clock, counters);
    this.media = new MediaSecurity(counters, policy, store, gateway, new AnchoredCalls(), headers);
  }

  @Override
  public void open() {
    if (!state.compareAndSet(NEW, OPEN)) {
      throw new IllegalStateException("open() called twice or after close()");
    }
    registration.start();
  }

  @Override
  public void close() {
    if (state.getAndSet(CLOSED) == OPEN) {
      registration.stop();
      media.close();
    }
  }

  @Override
  public boolean isOpen() {
    return state.get() == OPEN;
  }

  /** The counters of this interceptor (registration, e2ae, gateway, Iq). */
  public ProxyCounters.Snapshot counters() {
    return counters.snapshot();
  }

  @Override
  public CompletionStage<Interception> onRequest(Side from, Request request, InetSocketAddress source,
      String transport) {
    requireOpen();
    try (var mdc = CallLogging.callIdOf(request)) {
      Interception verdict = registration.onRequest(from, request, source, transport);
      String method = request.getMethod();
      if (verdict instanceof Interception.Respond || Request.REGISTER.equals(method)) {
        return CompletableFuture.completedFuture(verdict);
      }
      if (Request.ACK.equals(method)) { // never answered: an ACK only loses foreign a=3ge2ae lines
        media.spoofFilter().apply(request);
        return CompletableFuture.completedFuture(verdict);
      }
      if (Request.CANCEL.equals(method)) {
        media.cancelReserving(ProxyContext.callId(request), from);
        return CompletableFuture.completedFuture(verdict);
      }
      return media.onRequest(from, request);
    }
  }

  @Override
  public void onResponse(Exchange exchange, Response response, Consumer<ResponseInterception> action) {
    requireOpen();
    try (var mdc = CallLogging.callIdOf(response)) {
      registration.onResponse(exchange, response);
      media.onResponse(exchange instanceof E2aeLeg leg ? leg : null, response, action);
    }
  }

  @Override
  public void onTimeout(Exchange exchange) {
    requireOpen();
    if (exchange instanceof E2aeLeg leg) {
      media.onTimeout(leg);
    }
  }

  private void requireOpen() {
    if (state.get() != OPEN) {
      throw new IllegalStateException("interceptor is not open (call open(), not after close())");
    }
  }
}
