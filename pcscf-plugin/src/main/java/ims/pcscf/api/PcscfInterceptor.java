package ims.pcscf.api;

import java.net.InetSocketAddress;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The media-security part of a P-CSCF, for a host JAIN-SIP proxy to call. The host does the
 * RFC 3261 proxying (transactions, Via, Max-Forwards, routing, Path); the interceptor rewrites the
 * messages and keeps the registration state that e2ae needs (TS 33.328 7.1, TS 24.229 7.2A.7).
 *
 * <p><b>Lifecycle.</b> {@link #start()} once before the first call; {@link #stop()} once at the
 * end (later calls to {@code stop} do nothing). {@code onRequest}/{@code onResponse} outside
 * start..stop throw {@link IllegalStateException}: a host that forwards a message without its
 * interceptor would leak mediasec toward the core.
 *
 * <p><b>Threads.</b> Implementations are safe for concurrent use from the SIP stack's threads and
 * never block on the network.
 */
public interface PcscfInterceptor {

  void start();

  void stop();

  boolean isRunning();

  /**
   * Called for each new request received on {@code from}, before the host forwards it. The
   * interceptor may rewrite {@code request} in place (the host forwards what it leaves).
   *
   * @param source    the packet's source address (not what Via says)
   * @param transport the transport it arrived on ({@code UDP}, {@code TCP}, {@code TLS})
   */
  Interception onRequest(Side from, Request request, InetSocketAddress source, String transport);

  /**
   * Called for each response the host is about to relay back for a request this interceptor
   * returned {@link Interception.Forward} for; may rewrite {@code response} in place. Provisional
   * and final responses are passed; 100 Trying, which a stateful proxy does not relay, need not be.
   */
  void onResponse(Exchange exchange, Response response);
}
