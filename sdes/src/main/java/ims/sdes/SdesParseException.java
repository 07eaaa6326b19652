package ims.sdes;

/**
 * The one error type of this module: input (an SDP body, an {@code a=crypto} value) that does not
 * parse or breaks a limit. Every parser of the module throws this and nothing else on bad input.
 *
 * <p>Messages never quote key material: they name the field and the offset, not the bytes.
 */
public final class SdesParseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int offset;

  /**
   * @param message what is wrong, without key material
   * @param offset where in the input it was found (characters from the start), or -1 if not known
   */
  public SdesParseException(String message, int offset) {
    super(message, null, false, false);
    this.offset = offset;
  }

  /** Characters from the start of the parsed input where the problem was found, or -1. */
  public int offset() {
    return offset;
  }

  /** What is wrong, without the offset that {@link #getMessage()} appends. */
  public String reason() {
    return super.getMessage();
  }

  /**
   * The same problem placed at {@code newOffset} of an enclosing input (a line's value checked on its own,
   * then reported at the line's offset in the body): the message names the offset once.
   */
  public SdesParseException at(int newOffset) {
    return new SdesParseException(reason(), newOffset);
  }

  @Override
  public String getMessage() {
    return offset < 0 ? reason() : reason() + " (at offset " + offset + ")";
  }
}
