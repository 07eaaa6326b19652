package ims.pcscf.sip;

import ims.sdes.SdesParseException;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Message;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SpoofFilter} applied to a SIP message in place (TS 33.328 7.2.1 / 7.3.1 last paragraphs):
 * counts what it removes ({@code spoofedIndicationsRemoved}) and bodies that are not SDP
 * ({@code malformedSdp}, logged without the body).
 */
final class SpoofedIndicationRemoval {
  private static final Logger log = LoggerFactory.getLogger(PcscfProxy.class);

  private final ProxyCounters counters;
  private final HeaderFactory headers;

  SpoofedIndicationRemoval(ProxyCounters counters, HeaderFactory headers) {
    this.counters = counters;
    this.headers = headers;
  }

  /** Removes every {@code a=3ge2ae} from an SDP body; false if the body is not SDP at all. */
  boolean apply(Message message) {
    var body = SdpBody.of(message);
    if (body.isEmpty()) {
      return true;
    }
    try {
      SpoofFilter.cleaned(body.get()).ifPresent(clean -> {
        counters.spoofedIndicationsRemoved.increment();
        SdpBody.replace(message, clean, headers);
      });
      return true;
    } catch (SdesParseException e) {
      counters.malformedSdp.increment();
      log.info("Malformed SDP in {}: {}", message instanceof Request r ? r.getMethod() : "response", e.getMessage());
      return false;
    }
  }
}
