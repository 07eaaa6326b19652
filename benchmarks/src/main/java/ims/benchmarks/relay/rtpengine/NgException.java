package ims.benchmarks.relay.rtpengine;

/** An ng request that got no usable answer: no reply in time, a reply that does not decode, or rtpengine's error. */
public final class NgException extends Exception {
  /** Why the request failed. */
  public enum Kind {
    /** No reply with the request's cookie after every attempt. */
    TIMEOUT,
    /** A reply with the request's cookie that is not one bencoded dictionary. */
    MALFORMED_REPLY,
    /** rtpengine answered {@code result: error} (its {@code error-reason} is the message). */
    ERROR_REPLY
  }

  private final Kind kind;

  public NgException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
