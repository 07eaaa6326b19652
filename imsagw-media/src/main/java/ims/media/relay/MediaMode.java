package ims.media.relay;

/**
 * Stream mode of a termination (H.248.1 7.1.7 as seen from the termination): whether media received from its
 * remote passes into the context, and whether media from the context is sent out to its remote. The gate is open in
 * a direction exactly when the mode allows it.
 */
public enum MediaMode {
  SEND_RECEIVE(true, true),
  SEND_ONLY(true, false),
  RECEIVE_ONLY(false, true),
  INACTIVE(false, false);

  private final boolean sends;
  private final boolean receives;

  MediaMode(boolean sends, boolean receives) {
    this.sends = sends;
    this.receives = receives;
  }

  /** Media from the context goes out to the remote. */
  public boolean sends() {
    return sends;
  }

  /** Media from the remote goes into the context. */
  public boolean receives() {
    return receives;
  }
}
