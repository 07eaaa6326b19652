package ims.iq.transport;

/**
 * Why an Iq request did not produce a reply: the family every Iq future completes exceptionally with.
 * Messages never contain message bodies (they may carry keys).
 */
public abstract class IqException extends Exception {
  protected IqException(String message) {
    super(message);
  }

  protected IqException(String message, Throwable cause) {
    super(message, cause);
  }
}
