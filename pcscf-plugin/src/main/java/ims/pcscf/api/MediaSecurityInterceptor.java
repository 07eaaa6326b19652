package ims.pcscf.api;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The whole media-security part of a P-CSCF for a host JAIN-SIP proxy: mediasec registration
 * (TS 33.328 7.1, what {@link PcscfInterceptor} does), the e2ae call flows with the IMS-AGW over Iq
 * (7.2.1 originating, 7.3.1 terminating), spoofed {@code a=3ge2ae} removal, and the release of every
 * gateway context when a call ends. The standalone {@code PcscfProxy} runs the same code.
 *
 * <p><b>Lifecycle.</b> {@link #open()} once before the first call; {@link #close()} at the end
 * (idempotent): it releases every gateway context still held and wipes every key. Calls outside
 * open..close throw {@link IllegalStateException}.
 *
 * <p><b>What the host does.</b> The RFC 3261 proxying: transactions, Via, Max-Forwards, Record-Route,
 * routing, Path, 100 Trying, CANCEL matching. It calls:
 * <ul>
 *   <li>{@link #onRequest} for every request it received, from either side (REGISTER, INVITE, ACK,
 *       BYE, CANCEL, ...), before forwarding it, and acts on the stage's verdict only once it
 *       completes: {@code Forward} = forward the request (now rewritten in place) and keep the
 *       exchange with the client transaction; {@code Respond} = answer it with that error (a CANCEL
 *       for an INVITE the gateway is still reserving makes that INVITE's stage complete with 487).
 *       Do not read or change the request before the stage completes.</li>
 *   <li>{@link #onResponse} for every response (except 100) before relaying it, with the action
 *       that relays it: {@code Relay} = relay it as rewritten; {@code Replace} = send the offerer
 *       that error instead and do the {@code cleanup} toward the answerer.</li>
 *   <li>{@link #onTimeout} when a forwarded request gets no final answer (timer B/F or C).</li>
 * </ul>
 *
 * <p><b>Threads.</b> Safe for concurrent use, never blocks: request stages complete on the caller's
 * thread when no IMS-AGW is involved, else on an Iq callback thread. Response actions run on the
 * caller's thread or on an Iq callback thread, one at a time per call and in the order the responses
 * were passed, so a relaying action keeps that order on the wire; an action must not block.
 */
public interface MediaSecurityInterceptor extends AutoCloseable {

  void open();

  /** Releases every gateway context still held, wipes keys, stops; later calls do nothing. */
  @Override
  void close();

  boolean isOpen();

  /**
   * A request received on {@code from}, before the host forwards it.
   *
   * @param source    the packet's source address (not what Via says)
   * @param transport the transport it arrived on ({@code UDP}, {@code TCP}, {@code TLS})
   */
  CompletionStage<Interception> onRequest(Side from, Request request, InetSocketAddress source, String transport);

  /**
   * A response to a request this interceptor said {@code Forward} to, before the host relays it:
   * {@code action} runs once with the verdict (exceptions it throws are counted and logged).
   */
  void onResponse(Exchange exchange, Response response, Consumer<ResponseInterception> action);

  /** The request forwarded with {@code exchange} timed out: what it holds at the gateway is released. */
  void onTimeout(Exchange exchange);
}
