package ims.sdes.sdp;

import ims.sdes.SdesParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An SDP body (RFC 8866) that keeps every line as received: the session-level lines, then one
 * {@link MediaSection} per {@code m=} line. {@code Sdp.parse(x).format()} equals {@code x} for every body
 * that parses, whatever its line endings (CRLF, LF, CR or a mix) and attributes.
 *
 * <p>Parsing is lenient where peers differ in practice (line endings, unknown line types and attributes,
 * a missing final line ending, trailing empty lines) and strict where the transforms depend on the
 * content ({@code v=} first, {@code <type>=} on every line, valid {@code m=} and {@code c=} lines) and on
 * resources ({@link SdpLimits}). Bad input throws {@link SdesParseException}, never anything else.
 */
public final class Sdp {

  private final List<SdpLine> sessionLines;
  private final List<MediaSection> mediaSections;
  private final String trailer;
  /** Computed on first use: most bodies are formatted without ever needing it. Racy but idempotent. */
  private String lineEnding;

  /**
   * @param sessionLines session-level lines, {@code v=} first
   * @param mediaSections media sections in order
   * @param trailer line endings after the last line (empty lines at the end of a body), usually {@code ""}
   */
  public Sdp(List<SdpLine> sessionLines, List<MediaSection> mediaSections, String trailer) {
    this(List.copyOf(sessionLines), List.copyOf(mediaSections), trailer, null);
  }

  /**
   * @param sessionLines unmodifiable and owned by this body (not copied), like {@code mediaSections}
   * @param lineEnding the dominant line ending if the caller counted it, else null (computed when needed)
   */
  private Sdp(List<SdpLine> sessionLines, List<MediaSection> mediaSections, String trailer, String lineEnding) {
    this.sessionLines = sessionLines;
    this.mediaSections = mediaSections;
    this.trailer = Objects.requireNonNull(trailer, "trailer");
    this.lineEnding = lineEnding;
    if (this.sessionLines.isEmpty() || this.sessionLines.get(0).type() != 'v') {
      throw new IllegalArgumentException("an SDP body starts with its v= line");
    }
    for (int i = 0; i < this.sessionLines.size(); i++) { // indexed: the unmodifiable view's iterator is allocated
      if (this.sessionLines.get(i).type() == 'm') {
        throw new IllegalArgumentException("m= lines belong to media sections");
      }
    }
    for (int i = 0; i < trailer.length(); i++) {
      if (trailer.charAt(i) != '\r' && trailer.charAt(i) != '\n') {
        throw new IllegalArgumentException("the trailer holds only line endings");
      }
    }
  }

  /** Parses with {@link SdpLimits#DEFAULT}. */
  public static Sdp parse(String body) {
    return parse(body, SdpLimits.DEFAULT);
  }

  /**
   * Parses an SDP body.
   *
   * @throws SdesParseException if the body is not SDP or breaks a limit; the offset points at the bad line
   */
  public static Sdp parse(String body, SdpLimits limits) {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(limits, "limits");
    if (body.length() > limits.maxBytes()) {
      throw new SdesParseException("SDP body longer than " + limits.maxBytes() + " characters", limits.maxBytes());
    }
    int nul = body.indexOf('\0');
    if (nul >= 0) {
      throw new SdesParseException("SDP body contains a NUL character", nul);
    }
    List<SdpLine> session = new ArrayList<>(16);
    List<MediaSection> media = new ArrayList<>(4);
    List<SdpLine> current = session;
    int currentStart = 0;
    int attributes = 0;
    int lineCount = 0;
    int crlf = 0; // line endings by kind, for the dominant one
    int lf = 0;
    int cr = 0;
    int pos = 0;
    int n = body.length();
    int nextCr = -2; // next CR / LF at or after pos, -1 if none; found with the JDK's vectorised indexOf
    int nextLf = -2;
    while (pos < n) {
      if (nextCr != -1 && nextCr < pos) {
        nextCr = body.indexOf('\r', pos);
      }
      if (nextLf != -1 && nextLf < pos) {
        nextLf = body.indexOf('\n', pos);
      }
      int end = nextCr < 0 ? (nextLf < 0 ? n : nextLf) : (nextLf < 0 ? nextCr : Math.min(nextCr, nextLf));
      char c = end < n ? body.charAt(end) : 0;
      if (end == pos) { // an empty line: allowed only as trailing line endings
        if (onlyLineEndings(body, pos)) {
          break;
        }
        throw new SdesParseException("empty line inside the SDP body", pos);
      }
      if (end - pos > limits.maxLineLength()) {
        throw new SdesParseException("SDP line longer than " + limits.maxLineLength() + " characters", pos);
      }
      if (++lineCount > limits.maxLines()) {
        throw new SdesParseException("SDP body has more than " + limits.maxLines() + " lines", pos);
      }
      String ending;
      if (end == n) {
        ending = "";
      } else if (c == '\r' && end + 1 < n && body.charAt(end + 1) == '\n') {
        ending = SdpLine.CRLF;
        crlf++;
      } else if (c == '\r') {
        ending = SdpLine.CR;
        cr++;
      } else {
        ending = SdpLine.LF;
        lf++;
      }
      char type = body.charAt(pos);
      if (end - pos < 2 || type < 'a' || type > 'z' || body.charAt(pos + 1) != '=') {
        throw new SdesParseException("SDP line is not <type>=<value>", pos);
      }
      SdpLine line = SdpLine.parsed(body, pos, end, ending, type);
      if (lineCount == 1 && type != 'v') {
        throw new SdesParseException("SDP body must start with v=", pos);
      }
      if (type == 'm') {
        if (current != session) {
          media.add(section(current, currentStart));
        }
        if (media.size() >= limits.maxMediaSections()) {
          throw new SdesParseException("SDP body has more than " + limits.maxMediaSections() + " media sections", pos);
        }
        current = new ArrayList<>(40); // a VoLTE audio section has about 30 lines: no regrowth
        currentStart = pos;
        attributes = 0;
      } else if (type == 'a' && ++attributes > limits.maxAttributesPerSection()) {
        throw new SdesParseException("more than " + limits.maxAttributesPerSection() + " attributes in one section", pos);
      } else if (type == 'c' && current == session) { // media-level c= lines: checked by MediaSection
        try {
          Connection.checkLine(line);
        } catch (SdesParseException e) {
          throw e.at(pos);
        }
      }
      current.add(line);
      pos = end + ending.length();
    }
    if (lineCount == 0) {
      throw new SdesParseException("empty SDP body", 0);
    }
    if (current != session) {
      media.add(section(current, currentStart));
    }
    // the parser's lists are not reachable from elsewhere: wrapped, not copied
    return new Sdp(Collections.unmodifiableList(session), Collections.unmodifiableList(media), body.substring(pos),
        dominant(crlf, lf, cr));
  }

  private static boolean onlyLineEndings(String body, int from) {
    for (int i = from; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\r' && c != '\n') {
        return false;
      }
    }
    return true;
  }

  private static MediaSection section(List<SdpLine> lines, int offset) {
    try {
      return MediaSection.ofParsed(lines);
    } catch (SdesParseException e) {
      throw e.at(offset);
    }
  }

  /** The dominant ending of a body built by a transform: counted over its lines. */
  private static String dominantEnding(List<SdpLine> session, List<MediaSection> media) {
    int[] counts = new int[3];
    count(session, counts);
    for (int i = 0; i < media.size(); i++) {
      count(media.get(i).lines(), counts);
    }
    return dominant(counts[0], counts[1], counts[2]);
  }

  /** CRLF unless LF or CR ends more lines; the ending given to lines a transform adds or replaces. */
  private static String dominant(int crlf, int lf, int cr) {
    if (lf > crlf && lf >= cr) {
      return SdpLine.LF;
    }
    if (cr > crlf && cr > lf) {
      return SdpLine.CR;
    }
    return SdpLine.CRLF;
  }

  private static void count(List<SdpLine> lines, int[] counts) {
    for (int i = 0; i < lines.size(); i++) {
      String e = lines.get(i).ending();
      if (e.length() == 2) {
        counts[0]++;
      } else if (e.length() == 1) {
        counts[e.charAt(0) == '\n' ? 1 : 2]++;
      }
    }
  }

  public List<SdpLine> sessionLines() {
    return sessionLines;
  }

  public List<MediaSection> mediaSections() {
    return mediaSections;
  }

  public MediaSection media(int index) {
    return mediaSections.get(index);
  }

  public String trailer() {
    return trailer;
  }

  /** The body's dominant line ending ({@code "\r\n"} by default): what new and replaced lines get. */
  public String lineEnding() {
    String e = lineEnding;
    if (e == null) {
      e = dominantEnding(sessionLines, mediaSections);
      lineEnding = e;
    }
    return e;
  }

  /** The session-level {@code c=} line, if any. */
  public Optional<Connection> sessionConnection() {
    for (int i = 0; i < sessionLines.size(); i++) { // indexed: the unmodifiable view's iterator is not scalar-replaced
      SdpLine line = sessionLines.get(i);
      if (line.type() == 'c') {
        return Optional.of(Connection.parse(line));
      }
    }
    return Optional.empty();
  }

  /** The connection that applies to media section {@code index}: its own c= line, else the session's. */
  public Optional<Connection> connectionOf(int index) {
    Optional<Connection> own = media(index).connection();
    return own.isPresent() ? own : sessionConnection();
  }

  /** True if there is a session-level {@code a=<name>} line. */
  public boolean hasSessionAttribute(String name) {
    for (int i = 0; i < sessionLines.size(); i++) {
      if (sessionLines.get(i).isAttribute(name)) {
        return true;
      }
    }
    return false;
  }

  /** The session-level {@code a=<name>} lines, in order. */
  public List<SdpLine> sessionAttributes(String name) {
    List<SdpLine> out = new ArrayList<>(1);
    for (int i = 0; i < sessionLines.size(); i++) {
      SdpLine line = sessionLines.get(i);
      if (line.isAttribute(name)) {
        out.add(line);
      }
    }
    return out;
  }

  /** The session-level direction attribute, if any. */
  public Optional<Direction> sessionDirection() {
    for (int i = 0; i < sessionLines.size(); i++) {
      SdpLine line = sessionLines.get(i);
      Optional<Direction> d = Direction.of(line);
      if (d.isPresent()) {
        return d;
      }
    }
    return Optional.empty();
  }

  /** Session-level RFC 5939 transport capabilities. */
  public List<TransportCapability> sessionTransportCapabilities() {
    List<TransportCapability> out = new ArrayList<>();
    for (int i = 0; i < sessionLines.size(); i++) {
      SdpLine line = sessionLines.get(i);
      if (line.isAttribute(TransportCapability.ATTRIBUTE)) {
        out.addAll(TransportCapability.parse(line.attributeValue()));
      }
    }
    return out;
  }

  /** Session-level RFC 5939 attribute capabilities. */
  public List<AttributeCapability> sessionAttributeCapabilities() {
    List<AttributeCapability> out = new ArrayList<>();
    for (int i = 0; i < sessionLines.size(); i++) {
      SdpLine line = sessionLines.get(i);
      if (line.isAttribute(AttributeCapability.ATTRIBUTE)) {
        out.add(AttributeCapability.parse(line.attributeValue()));
      }
    }
    return out;
  }

  /** A copy with media section {@code index} replaced. */
  public Sdp withMedia(int index, MediaSection section) {
    List<MediaSection> copy = new ArrayList<>(mediaSections);
    copy.set(index, section);
    return new Sdp(sessionLines, copy, trailer);
  }

  /** A copy with all media sections replaced (same count or not: the caller decides). */
  public Sdp withMediaSections(List<MediaSection> sections) {
    // this body's session lines are already an unmodifiable list it owns: shared, not copied
    return new Sdp(sessionLines, List.copyOf(sections), trailer, null);
  }

  /** A copy without the session-level lines that match ({@code v=} is never removed). */
  public Sdp withoutSessionLines(Predicate<SdpLine> which) {
    int first = 1;
    while (first < sessionLines.size() && !which.test(sessionLines.get(first))) {
      first++;
    }
    if (first == sessionLines.size()) {
      return this; // the usual case: nothing to remove, nothing copied
    }
    List<SdpLine> copy = new ArrayList<>(sessionLines.subList(0, first));
    for (int i = first + 1; i < sessionLines.size(); i++) {
      SdpLine l = sessionLines.get(i);
      if (!which.test(l)) {
        copy.add(l);
      }
    }
    return new Sdp(Collections.unmodifiableList(copy), mediaSections, trailer, null);
  }

  /**
   * The body: every line with its own ending, then the trailer. A line without ending that is no longer
   * last (something was added after it) gets the dominant ending.
   */
  public String format() {
    int total = sessionLines.size();
    int chars = trailer.length();
    for (int i = 0; i < sessionLines.size(); i++) {
      chars += sessionLines.get(i).length() + 2;
    }
    for (int m = 0; m < mediaSections.size(); m++) {
      List<SdpLine> lines = mediaSections.get(m).lines();
      total += lines.size();
      for (int i = 0; i < lines.size(); i++) {
        chars += lines.get(i).length() + 2;
      }
    }
    StringBuilder sb = new StringBuilder(chars);
    int written = append(sb, sessionLines, 0, total);
    for (int m = 0; m < mediaSections.size(); m++) {
      written = append(sb, mediaSections.get(m).lines(), written, total);
    }
    return sb.append(trailer).toString();
  }

  /**
   * Appends each line with its ending; {@code written} lines came before. Returns the count written.
   * Lines that still sit one after the other in the parsed body (most of a transformed body) are copied
   * as one run: one append per run instead of one per line.
   */
  private int append(StringBuilder sb, List<SdpLine> lines, int written, int total) {
    int i = 0;
    int n = lines.size();
    while (i < n) {
      SdpLine l = lines.get(i);
      written++;
      if (l.ending().isEmpty()) {
        l.appendTextTo(sb);
        if (written != total) { // no longer the last line: it needs an ending now
          sb.append(lineEnding());
        }
        i++;
        continue;
      }
      int j = i + 1;
      while (j < n && lines.get(j).follows(lines.get(j - 1))) {
        j++;
      }
      if (j == i + 1) {
        l.appendWithEndingTo(sb);
      } else {
        l.appendRunTo(sb, lines.get(j - 1));
        written += j - i - 1;
      }
      i = j;
    }
    return written;
  }

  /** The body with key material ({@code inline:} keys, {@code a=key-mgmt}, {@code k=}) replaced: for logs. */
  public String redacted() {
    StringBuilder sb = new StringBuilder(1024);
    for (SdpLine l : sessionLines) {
      sb.append(SdpRedaction.redact(l.text())).append('\n');
    }
    for (MediaSection m : mediaSections) {
      for (SdpLine l : m.lines()) {
        sb.append(SdpRedaction.redact(l.text())).append('\n');
      }
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sdp other
        && sessionLines.equals(other.sessionLines)
        && mediaSections.equals(other.mediaSections)
        && trailer.equals(other.trailer);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sessionLines, mediaSections, trailer);
  }

  /** Redacted: never prints key material. */
  @Override
  public String toString() {
    return "Sdp[" + redacted().replace('\n', '|') + "]";
  }
}
