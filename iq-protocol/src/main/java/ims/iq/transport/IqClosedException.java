package ims.iq.transport;

/** The transaction layer was closed before the request got its reply. */
public final class IqClosedException extends IqException {
  public IqClosedException() {
    super("Iq transaction layer closed");
  }
}
