package ims.pcscf.sip;

import gov.nist.core.StackLogger;
import java.util.Properties;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jain-sip's {@link StackLogger} on SLF4J, plugged in with the stack property
 * {@code gov.nist.javax.sip.STACK_LOGGER} (jain-sip instantiates it by reflection, hence the public
 * no-argument constructor). Without it jain-sip-ri falls back to log4j 1.x, which we never ship.
 *
 * <p>jain-sip writes whole SIP messages (SDP with SDES keys) into its debug and trace output. We
 * therefore never forward the stack's debug or trace output, forward its (per-message) info
 * output at DEBUG, and cut everything we forward at its first line break with any {@code inline:}
 * key material masked (errors and warnings can quote a message). Message logging (TRACE_MESSAGES)
 * is on when {@link Slf4jServerLogger#LOGGER_NAME} is at DEBUG; that logger writes one line per
 * message.
 */
public final class Slf4jStackLogger implements StackLogger {

  /** The SLF4J logger that receives the stack's output. */
  public static final String LOGGER_NAME = "ims.pcscf.sip.stack";

  private static final Logger log = LoggerFactory.getLogger(LOGGER_NAME);
  private static final Logger messages = LoggerFactory.getLogger(Slf4jServerLogger.LOGGER_NAME);
  private static final Pattern INLINE_KEY = Pattern.compile("(?i)inline:[^\\s|;]+");

  public Slf4jStackLogger() {}

  /** First line only (stack output can quote whole messages), key material masked. */
  static String redact(String text) {
    if (text == null) {
      return "";
    }
    int lineEnd = text.indexOf('\n');
    String firstLine = lineEnd < 0 ? text : text.substring(0, lineEnd).stripTrailing() + " [...]";
    return INLINE_KEY.matcher(firstLine).replaceAll("inline:<redacted>");
  }

  @Override
  public void logStackTrace() {}

  @Override
  public void logStackTrace(int traceLevel) {}

  @Override
  public int getLineCount() {
    return 0;
  }

  @Override
  public void logException(Throwable ex) {
    log.warn("jain-sip exception: {}", ex.getClass().getName());
  }

  @Override
  public void logDebug(String message) {}

  @Override
  public void logDebug(String message, Exception ex) {}

  @Override
  public void logTrace(String message) {}

  @Override
  public void logFatalError(String message) {
    log.error(redact(message));
  }

  @Override
  public void logError(String message) {
    log.error(redact(message));
  }

  @Override
  public boolean isLoggingEnabled() {
    return log.isWarnEnabled();
  }

  @Override
  public boolean isLoggingEnabled(int logLevel) {
    return switch (logLevel) {
      case TRACE_FATAL, TRACE_ERROR -> log.isErrorEnabled();
      case TRACE_WARN -> log.isWarnEnabled();
      // jain-sip's INFO is per-message chatter; the same level (TRACE_MESSAGES == TRACE_INFO)
      // gates its calls to the SERVER_LOGGER, which writes one line per message
      case TRACE_INFO -> log.isDebugEnabled() || messages.isDebugEnabled();
      default -> false; // debug, trace: see class comment
    };
  }

  @Override
  public void logError(String message, Exception ex) {
    log.error("{} ({})", redact(message), ex == null ? "" : ex.getClass().getName());
  }

  @Override
  public void logWarning(String message) {
    log.warn(redact(message));
  }

  @Override
  public void logInfo(String message) {
    log.debug(redact(message));
  }

  @Override
  public void disableLogging() {}

  @Override
  public void enableLogging() {}

  @Override
  public void setBuildTimeStamp(String buildTimeStamp) {}

  @Override
  public void setStackProperties(Properties stackProperties) {}

  @Override
  public String getLoggerName() {
    return LOGGER_NAME;
  }
}
