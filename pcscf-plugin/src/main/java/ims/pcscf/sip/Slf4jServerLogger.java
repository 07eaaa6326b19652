package ims.pcscf.sip;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jain-sip's message logger ({@code gov.nist.javax.sip.SERVER_LOGGER}) on SLF4J. Logs one line per
 * message at DEBUG: direction, peers and the first line with the Call-ID, never headers or body
 * (SDP carries SDES keys).
 */
public final class Slf4jServerLogger implements ServerLogger {

  /** The SLF4J logger that receives one line per message sent or received. */
  public static final String LOGGER_NAME = "ims.pcscf.sip.messages";

  private static final Logger log = LoggerFactory.getLogger(LOGGER_NAME);

  public Slf4jServerLogger() {}

  @Override
  public void closeLogFile() {}

  @Override
  public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
    logMessage(message, from, to, "", sender, time);
  }

  @Override
  public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
    if (log.isDebugEnabled()) {
      String firstLine = Slf4jStackLogger.redact(message.getFirstLine()).strip();
      String callId = message.getCallId() == null ? "-" : message.getCallId().getCallId();
      log.debug("{} {} -> {} {} call-id={}", sender ? "sent" : "received", from, to, firstLine, callId);
    }
  }

  @Override
  public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
    logMessage(message, from, to, status, sender, 0L);
  }

  @Override
  public void logException(Exception ex) {
    log.warn("jain-sip message exception: {}", ex.getClass().getName());
  }

  @Override
  public void setStackProperties(Properties stackProperties) {}

  @Override
  public void setSipStack(SipStack sipStack) {}
}
