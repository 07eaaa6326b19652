package ims.iq.codec;

/**
 * The input is not a message this codec accepts: broken syntax, a construct outside the implemented subset, or a size
 * limit exceeded. The reason never quotes the input (which may carry keys); {@link #offset()} points into it.
 */
public final class IqDecodeException extends Exception {
  private final String reason;
  private final int offset;

  public IqDecodeException(String reason, int offset) {
    super(reason + " at offset " + offset, null, false, false);
    this.reason = reason;
    this.offset = offset;
  }

  /** What is wrong, without input text. */
  public String reason() {
    return reason;
  }

  /** Offset (in bytes of the encoded message) at or near which decoding failed. */
  public int offset() {
    return offset;
  }
}
