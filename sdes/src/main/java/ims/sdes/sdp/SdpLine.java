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

  /** The text is {@code source[start, end)}: for a parsed line the whole body, cut out only if asked for. */
  private final String source;
  private final int start;
  private final int end;
  /** {@code source.substring(start, end)} once {@link #text()} was called. Racy but idempotent (String is immutable). */
  private String text;
  private final String ending;
  /** {@code ending.length()}, kept here: the formatter's run test reads it for every line (a byte in the padding). */
  private final byte endingLength;
  /** {@code text.charAt(0)}, kept here: the section and body loops ask every line for it, this saves two loads. */
  private final char type;
  /** The {@link TrackedAttributes} bit of this line's attribute name, 0 if none: found once, when the line is made. */
  private final int tracked;

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
    checkedEnding(ending);
    if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("line text must not contain CR or LF");
    }
    this.source = text;
    this.start = 0;
    this.end = text.length();
    this.text = text;
    this.ending = ending;
    this.endingLength = (byte) ending.length();
    this.type = text.charAt(0);
    this.tracked = TrackedAttributes.ofLine(text, 0, text.length());
  }

  /**
   * A line whose text is known to be valid ({@code <type>=} and tokens a record's constructor checked for
   * CR and LF, e.g. {@link MediaDescription#lineText()}) and whose ending was checked: not scanned again.
   */
  static SdpLine ofChecked(String text, String checkedEnding) {
    return new SdpLine(text, 0, text.length(), checkedEnding, text.charAt(0), text,
        TrackedAttributes.ofLine(text, 0, text.length()));
  }

  /**
   * {@code ending} if it is {@code "\r\n"}, {@code "\n"}, {@code "\r"} or {@code ""}.
   *
   * @throws IllegalArgumentException otherwise
   */
  static String checkedEnding(String ending) {
    Objects.requireNonNull(ending, "ending");
    if (!(ending.isEmpty() || ending == CRLF || ending == LF || ending == CR // the parser's own constants
        || ending.equals(CRLF) || ending.equals(LF) || ending.equals(CR))) {
      throw new IllegalArgumentException("line ending must be CRLF, LF, CR or empty");
    }
    return ending;
  }

  private SdpLine(String body, int start, int end, String ending, char type, String text, int tracked) {
    this.source = body;
    this.start = start;
    this.end = end;
    this.ending = ending;
    this.endingLength = (byte) ending.length();
    this.type = type;
    this.text = text;
    this.tracked = tracked;
  }

  /**
   * The line {@link Sdp#parse} found at {@code body[start, end)}, {@code type} its first character and
   * {@code tracked} the {@link TrackedAttributes#ofLine} bit: already checked, not scanned again, and not
   * copied out of the body unless its text is asked for.
   */
  static SdpLine parsed(String body, int start, int end, String ending, char type, int tracked) {
    return new SdpLine(body, start, end, ending, type, null, tracked);
  }

  /** The {@link TrackedAttributes} bit of this line's attribute name, or 0. */
  int tracked() {
    return tracked;
  }

  /** {@code <type>=<value>}, without line ending. */
  public String text() {
    String t = text;
    if (t == null) {
      t = source.substring(start, end);
      text = t;
    }
    return t;
  }

  /** {@code text().length()}, without cutting the text out. */
  public int length() {
    return end - start;
  }

  /**
   * {@code text().charAt(i)}, without cutting the text out.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= i < length()}
   */
  public char charAt(int i) {
    if (i < 0 || i >= end - start) {
      throw new IndexOutOfBoundsException(i);
    }
    return source.charAt(start + i);
  }

  /** The string this line's text sits in, from {@link #sourceStart()}: for checks that read a line in place. */
  String source() {
    return source;
  }

  /** Where this line's text starts in {@link #source()}. */
  int sourceStart() {
    return start;
  }

  /** {@code text().substring(from, to)}, without cutting the whole text out first. */
  String substring(int from, int to) {
    if (from < 0 || from > to || to > end - start) {
      throw new IndexOutOfBoundsException("[" + from + ", " + to + ") of " + (end - start));
    }
    return source.substring(start + from, start + to);
  }

  /** {@code text().startsWith(prefix, offset)}, without cutting the text out (false for an offset out of range). */
  public boolean startsWith(String prefix, int offset) {
    return offset >= 0 && offset <= end - start - prefix.length() && source.startsWith(prefix, start + offset);
  }

  /** Appends the text (not the ending), without cutting it out first. */
  void appendTextTo(StringBuilder sb) {
    sb.append(source, start, end);
  }

  /** Appends the text and its ending: for a parsed line one copy, as the ending follows the text in the body. */
  void appendWithEndingTo(StringBuilder sb) {
    int to = end + endingLength;
    if (to <= source.length()) { // a parsed line (the body holds its ending), or a built line without ending
      sb.append(source, start, to);
    } else {
      sb.append(source, start, end).append(ending);
    }
  }

  /**
   * True if this line comes right after {@code previous} in the same parsed body (its text starts where
   * the previous line's ending stops), so both can be copied in one piece.
   */
  boolean follows(SdpLine previous) {
    return source == previous.source && start == previous.end + previous.endingLength && endingLength != 0;
  }

  /** Appends this line through {@code last} (which {@link #follows} it, directly or by a chain), endings included. */
  void appendRunTo(StringBuilder sb, SdpLine last) {
    sb.append(source, start, last.end + last.endingLength);
  }

  /** False only for a last line without ending: {@code !ending().isEmpty()} without loading the string. */
  boolean hasEnding() {
    return endingLength != 0;
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

  /** The {@link MediaDescription} of this m= line's value, parsed in place (the value is not cut out). */
  MediaDescription description() {
    return MediaDescription.parse(source, start + 2, end);
  }

  /** Everything after {@code "<type>="}. */
  public String value() {
    return source.substring(start + 2, end);
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
    int colon = source.indexOf(':', start + 2, end);
    return colon < 0 ? source.substring(start + 2, end) : source.substring(start + 2, colon);
  }

  /**
   * True if this is an {@code a=<name>} or {@code a=<name>:...} line. Cheap: no substring, and for the
   * names the transforms look up (passed as the constants) one compare with what the line learnt when made.
   */
  public boolean isAttribute(String name) {
    int bit = TrackedAttributes.ofConstant(name);
    if (bit != 0) {
      return tracked == bit;
    }
    int n = name.length();
    int nameEnd = start + 2 + n;
    if (n == 0 || type != 'a' || end < nameEnd || source.charAt(start + 2) != name.charAt(0) // most rejects stop here
        || (end > nameEnd && source.charAt(nameEnd) != ':')) {
      return false;
    }
    for (int i = 1; i < n; i++) { // names are short: a plain loop beats startsWith's vectorised mismatch call
      if (source.charAt(start + 2 + i) != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The attribute value after the first colon, or {@code ""} for a property attribute. */
  public String attributeValue() {
    int colon = source.indexOf(':', start + 2, end);
    return colon < 0 ? "" : source.substring(colon + 1, end);
  }

  /** The text followed by its line ending: exactly the bytes this line had in the body. */
  public String format() {
    return text() + ending;
  }

  /** Same text, another line ending. */
  public SdpLine withEnding(String newEnding) {
    return newEnding.equals(ending) ? this : new SdpLine(text(), newEnding);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SdpLine other && ending.equals(other.ending) && text().equals(other.text());
  }

  @Override
  public int hashCode() {
    return 31 * text().hashCode() + ending.hashCode();
  }

  /** Key material may be in {@code a=crypto}, {@code a=acap}, {@code a=key-mgmt} and {@code k=} lines. */
  @Override
  public String toString() {
    return "SdpLine[" + SdpRedaction.redact(text()) + "]";
  }
}
