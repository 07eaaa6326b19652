package ims.pcscf.sip;

import ims.pcscf.api.Interception;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TransactionState;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the P-CSCF gives itself (rather than relays): on a server transaction unless it is already
 * answered finally, or statelessly. Finals are counted {@code answeredLocally} before sending (a test
 * may read the counter as soon as the answer arrives). A failure to answer is logged, never thrown.
 */
final class LocalResponses {
  private static final Logger log = LoggerFactory.getLogger(PcscfProxy.class);

  private final ProxyContext context;

  LocalResponses(ProxyContext context) {
    this.context = context;
  }

  void respond(ServerTransaction transaction, int status, String reason) {
    if (isAnswered(transaction)) {
      return;
    }
    try {
      Response response = context.messages.createResponse(status, transaction.getRequest());
      response.setReasonPhrase(reason);
      if (status >= 200) {
        context.counters.answeredLocally.increment(); // before sending, like every counter a test may read
      }
      endsCall(transaction, status);
      transaction.sendResponse(response);
    } catch (ParseException | SipException | InvalidArgumentException e) {
      log.info("Cannot answer {} {}: {}", status, reason, e.toString());
    }
  }

  void respondWithWarning(ServerTransaction transaction, int status, String reason, int warnCode, String text) {
    if (isAnswered(transaction)) {
      return;
    }
    try {
      Response response = context.messages.createResponse(status, transaction.getRequest());
      response.setReasonPhrase(reason);
      response.addHeader(context.headers.createWarningHeader(context.config.access().host(), warnCode, text));
      context.counters.answeredLocally.increment();
      endsCall(transaction, status);
      transaction.sendResponse(response);
    } catch (ParseException | SipException | InvalidArgumentException e) {
      log.info("Cannot answer {} {}: {}", status, reason, e.toString());
    }
  }

  /**
   * 503 with {@code Retry-After} (RFC 3261 20.33, whole seconds, at least 1) and a 399 Warning: the
   * request may be retried later or elsewhere (RFC 3261 21.5.4).
   */
  void respondRetryLater(ServerTransaction transaction, Duration retryAfter, String warning) {
    if (isAnswered(transaction)) {
      return;
    }
    try {
      Response response = context.messages.createResponse(Response.SERVICE_UNAVAILABLE, transaction.getRequest());
      response.setReasonPhrase("Service Unavailable");
      response.addHeader(context.headers.createRetryAfterHeader((int) Math.max(1, retryAfter.toSeconds())));
      response.addHeader(context.headers.createWarningHeader(context.config.access().host(), MediaSecurity.WARN_MISC,
          warning));
      context.counters.answeredLocally.increment();
      endsCall(transaction, Response.SERVICE_UNAVAILABLE);
      transaction.sendResponse(response);
    } catch (ParseException | SipException | InvalidArgumentException e) {
      log.info("Cannot answer 503: {}", e.toString());
    }
  }

  /** A final error on an initial INVITE ends its leg in the call view (a no-op for anything else). */
  private void endsCall(ServerTransaction transaction, int status) {
    if (status >= 300 && Request.INVITE.equals(transaction.getRequest().getMethod())) {
      context.activeCalls.ended(transaction);
    }
  }

  /** The error a media-security verdict chose, with its Warning if it has one. */
  void respond(ServerTransaction transaction, Interception.Respond verdict) {
    verdict.warning().ifPresentOrElse(
        w -> respondWithWarning(transaction, verdict.statusCode(), verdict.reasonPhrase(), w.code(), w.text()),
        () -> respond(transaction, verdict.statusCode(), verdict.reasonPhrase()));
  }

  /** 420 with one Unsupported header per tag (RFC 3261 16.3 step 5). */
  void respondBadExtension(ServerTransaction transaction, Request request, List<String> unsupported) {
    try {
      Response response = context.messages.createResponse(Response.BAD_EXTENSION, request);
      for (String tag : unsupported) {
        response.addHeader(context.headers.createUnsupportedHeader(tag));
      }
      context.counters.answeredLocally.increment();
      endsCall(transaction, Response.BAD_EXTENSION);
      transaction.sendResponse(response);
    } catch (ParseException | SipException | InvalidArgumentException e) {
      log.info("Cannot answer 420: {}", e.toString());
    }
  }

  void respondStatelessly(SipProvider provider, Request request, int status, String reason) {
    try {
      Response response = context.messages.createResponse(status, request);
      response.setReasonPhrase(reason);
      context.counters.answeredLocally.increment();
      provider.sendResponse(response);
    } catch (ParseException | SipException | RuntimeException e) {
      log.info("Cannot answer {} statelessly: {}", status, e.toString());
    }
  }

  private static boolean isAnswered(ServerTransaction transaction) {
    return transaction.getState() == TransactionState.COMPLETED || transaction.getState() == TransactionState.TERMINATED;
  }
}
