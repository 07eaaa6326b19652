package ims.pcscf.sip;

import gov.nist.javax.sip.SipStackImpl;
import java.util.Properties;
import javax.sip.PeerUnavailableException;

/**
 * jain-sip's stack carrying our counters, so that {@link CountingMessageParserFactory} (which the
 * stack instantiates by reflection) can count what the parser drops without any static state.
 */
final class PcscfSipStack extends SipStackImpl {

  private final ProxyCounters counters;

  PcscfSipStack(Properties properties, ProxyCounters counters) throws PeerUnavailableException {
    super(properties);
    this.counters = counters;
  }

  ProxyCounters counters() {
    return counters;
  }
}
