package ims.iq.transport;

/** Too many requests of ours are awaiting replies; this one was not sent. */
public final class IqOverloadedException extends IqException {
  public IqOverloadedException(int outstanding) {
    super("Iq request refused: " + outstanding + " requests already outstanding");
  }
}
