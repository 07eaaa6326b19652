package ims.pcscf.sip;

import javax.sip.header.CallIdHeader;
import javax.sip.message.Message;
import org.slf4j.MDC;

/**
 * Call-ID correlation of log lines: the SLF4J MDC key {@value #MDC_KEY} holds the Call-ID while a
 * message, a timeout or a gateway answer of that call is handled, and is removed afterwards
 * ({@code try (var mdc = CallLogging.callId(id)) { ... }}).
 */
final class CallLogging {
  static final String MDC_KEY = "callId";

  private CallLogging() {}

  static MDC.MDCCloseable callId(String callId) {
    return MDC.putCloseable(MDC_KEY, callId == null ? "-" : callId);
  }

  /** Runs {@code step} (a continuation on a gateway-callback thread) with the Call-ID in the MDC. */
  static void run(String callId, Runnable step) {
    try (var mdc = callId(callId)) {
      step.run();
    }
  }

  static MDC.MDCCloseable callIdOf(Message message) {
    CallIdHeader header = message == null ? null : (CallIdHeader) message.getHeader(CallIdHeader.NAME);
    return callId(header == null ? null : header.getCallId());
  }
}
