package ims.benchmarks.relay.rtpengine;

/** Bytes that are not one well-formed bencoded value within {@link Bencode}'s limits; says why and where. */
public final class BencodeException extends Exception {
  private final int offset;

  public BencodeException(String reason, int offset) {
    super(reason + " at offset " + offset);
    this.offset = offset;
  }

  /** Offset in the input of the byte the decoder stopped at. */
  public int offset() {
    return offset;
  }
}
