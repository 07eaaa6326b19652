package ims.sdes.sdp;

import java.util.Objects;

/**
 * One SDP line exactly as it came: the text {@code <type>=<value>} and the line ending that followed it
 * ({@code "\r\n"}, {@code "\n"}, {@code "\r"}, or {@code ""} for a last line without one).
 *
 * <p>Formatting an unchanged line gives back its original bytes; this is what lets the transforms leave
 * every line they do not touch byte for byte as the peer sent it.
 *
 * <p>A class rather than a record so that the parser, which has checked each line while cutting it out,
 * does not have a constructor check it again (a record's canonical constructor always runs).
 */
public final class SdpLine {

  static final String CRLF = "\r\n";
  static final String LF = "\n";
  static final String CR = "\r";

  private final String text;
  private final String ending;
  /** {@code text.charAt(0)}, kept here: the section and body loops ask every line for it, this saves two loads. */
  private final char type;

  /**
   * @param text {@code <type>=<value>}, without CR or LF
   * @param ending {@code "\r\n"}, {@code "\n"}, {@code "\r"} or {@code ""}
   */
  public SdpLine(String text, String ending) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(ending, "ending");
    if (text.length() < 2 || text.charAt(1) != '=') {
      throw new IllegalArgumentException("an SDP line is <type>=<value>");
    }
    if (!(ending.isEmpty() || ending == CRLF || ending == LF || ending == CR // the parser's own constants
        || ending.equals(CRLF) || ending.equals(LF) || ending.equals(CR))) {
      throw new IllegalArgumentException("line ending must be CRLF, LF, CR or empty");
    }
    if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("line text must not contain CR or LF");
    }
    this.text = text;
    this.ending = ending;
    this.type = text.charAt(0);
  }

  /** For the parser, which cut {@code text} between line ends and checked its {@code <type>=}. */
  private SdpLine(String text, String ending, char type) {
    this.text = text;
    this.ending = ending;
    this.type = type;
  }

  /** A line {@link Sdp#parse} cut out of a body, {@code type} its first character: already checked, not scanned again. */
  static SdpLine parsed(String text, String ending, char type) {
    return new SdpLine(text, ending, type);
  }

  /** {@code <type>=<value>}, without line ending. */
  public String text() {
    return text;
  }

  /** The line ending that followed the text ({@code ""} for a last line without one). */
  public String ending() {
    return ending;
  }

  /** A new line with the given text (e.g. {@code "a=rtcp-mux"}) and line ending. */
  public static SdpLine of(String text, String ending) {
    return new SdpLine(text, ending);
  }

  /** The type letter: {@code 'v'}, {@code 'o'}, {@code 'c'}, {@code 'm'}, {@code 'a'} ... */
  public char type() {
    return type;
  }

  /** Everything after {@code "<type>="}. */
  public String value() {
    return text.substring(2);
  }

  public boolean isAttribute() {
    return type() == 'a';
  }

  /**
   * The attribute name of an {@code a=} line ({@code "crypto"} for {@code a=crypto:1 ...}, {@code "rtcp-mux"}
   * for {@code a=rtcp-mux}), or {@code ""} if this is not an attribute line. Names compare case-sensitively,
   * as RFC 8866 section 5.13 defines them.
   */
  public String attributeName() {
    if (!isAttribute()) {
      return "";
    }
    int colon = text.indexOf(':', 2);
    return colon < 0 ? text.substring(2) : text.substring(2, colon);
  }

  /** True if this is an {@code a=<name>} or {@code a=<name>:...} line. Cheap: no substring. */
  public boolean isAttribute(String name) {
    int n = name.length();
    int end = 2 + n;
    if (n == 0 || type != 'a' || text.length() < end || (text.length() > end && text.charAt(end) != ':')) {
      return false;
    }
    for (int i = 0; i < n; i++) { // names are short: a plain loop beats startsWith's vectorised mismatch call
      if (text.charAt(2 + i) != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The attribute value after the first colon, or {@code ""} for a property attribute. */
  public String attributeValue() {
    int colon = text.indexOf(':', 2);
    return colon < 0 ? "" : text.substring(colon + 1);
  }

  /** The text followed by its line ending: exactly the bytes this line had in the body. */
  public String format() {
    return text + ending;
  }

  /** Same text, another line ending. */
  public SdpLine withEnding(String newEnding) {
    return newEnding.equals(ending) ? this : new SdpLine(text, newEnding);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SdpLine other && text.equals(other.text) && ending.equals(other.ending);
  }

  @Override
  public int hashCode() {
    return 31 * text.hashCode() + ending.hashCode();
  }

  /** Key material may be in {@code a=crypto}, {@code a=acap}, {@code a=key-mgmt} and {@code k=} lines. */
  @Override
  public String toString() {
    return "SdpLine[" + SdpRedaction.redact(text) + "]";
  }
}
