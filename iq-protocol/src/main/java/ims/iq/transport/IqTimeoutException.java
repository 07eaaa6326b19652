package ims.iq.transport;

import java.net.InetSocketAddress;

/** A request got no reply: retransmissions exhausted, the overall deadline passed, or Pending stopped coming. */
public final class IqTimeoutException extends IqException {
  private final long transactionId;

  public IqTimeoutException(InetSocketAddress peer, long transactionId, String why) {
    super("Iq transaction " + transactionId + " to " + peer + " timed out: " + why);
    this.transactionId = transactionId;
  }

  public long transactionId() {
    return transactionId;
  }
}
