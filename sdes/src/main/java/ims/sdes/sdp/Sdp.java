package ims.sdes.sdp;

import ims.sdes.SdesParseException;
import java.util.ArrayList;
import java.util.Arrays;
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

  /** The session-level lines, {@code v=} first: an array, scanned without list calls. Never modified. */
  private final SdpLine[] sessionLines;
  /** The unmodifiable view {@link #sessionLines()} returns, made on first use (racy but idempotent). */
  private List<SdpLine> sessionView;
  /** The media sections in order: an array, so a transform's per-stream look-ups are no interface calls. Never modified. */
  private final MediaSection[] media;
  /** The unmodifiable view {@link #mediaSections()} returns, made on first use (racy but idempotent). */
  private List<MediaSection> mediaView;
  private final String trailer;
  /** Computed on first use: most bodies are formatted without ever needing it. Racy but idempotent. */
  private String lineEnding;

  /**
   * @param sessionLines session-level lines, {@code v=} first
   * @param mediaSections media sections in order
   * @param trailer line endings after the last line (empty lines at the end of a body), usually {@code ""}
   */
  public Sdp(List<SdpLine> sessionLines, List<MediaSection> mediaSections, String trailer) {
    this(nonNull(sessionLines.toArray(new SdpLine[0])), nonNull(mediaSections.toArray(new MediaSection[0])), trailer,
        null);
  }

  private static <T> T[] nonNull(T[] items) {
    for (T item : items) {
      Objects.requireNonNull(item);
    }
    return items;
  }

  /**
   * @param sessionLines owned by this body (nobody else holds or changes the array); {@code media} owned too
   * @param lineEnding the dominant line ending if the caller counted it, else null (computed when needed)
   */
  private Sdp(SdpLine[] sessionLines, MediaSection[] media, String trailer, String lineEnding) {
    this.sessionLines = sessionLines;
    this.media = media;
    this.trailer = Objects.requireNonNull(trailer, "trailer");
    this.lineEnding = lineEnding;
    if (sessionLines.length == 0 || sessionLines[0].type() != 'v') {
      throw new IllegalArgumentException("an SDP body starts with its v= line");
    }
    for (SdpLine line : sessionLines) {
      if (line.type() == 'm') {
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
    SdpLine[] session = null; // set when the first m= line ends the session part
    MediaSection[] media = new MediaSection[4];
    int sections = 0;
    SdpLine[] current = new SdpLine[48]; // the lines of the part being read; a VoLTE section has about 30
    int count = 0;
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
      SdpLine line = SdpLine.parsed(body, pos, end, ending, type,
          type == 'a' ? TrackedAttributes.ofLine(body, pos, end) : 0);
      if (lineCount == 1 && type != 'v') {
        throw new SdesParseException("SDP body must start with v=", pos);
      }
      if (type == 'm') {
        if (session == null) {
          session = Arrays.copyOf(current, count);
        } else {
          if (sections == media.length) {
            media = Arrays.copyOf(media, sections * 2);
          }
          media[sections++] = section(Arrays.copyOf(current, count), currentStart);
        }
        if (sections >= limits.maxMediaSections()) {
          throw new SdesParseException("SDP body has more than " + limits.maxMediaSections() + " media sections", pos);
        }
        count = 0; // the buffer is reused: each part was copied out at its exact size
        currentStart = pos;
        attributes = 0;
      } else if (type == 'a' && ++attributes > limits.maxAttributesPerSection()) {
        throw new SdesParseException("more than " + limits.maxAttributesPerSection() + " attributes in one section", pos);
      } else if (type == 'c' && session == null) { // media-level c= lines: checked by MediaSection
        try {
          Connection.checkLine(line);
        } catch (SdesParseException e) {
          throw e.at(pos);
        }
      }
      if (count == current.length) {
        current = Arrays.copyOf(current, count * 2);
      }
      current[count++] = line;
      pos = end + ending.length();
    }
    if (lineCount == 0) {
      throw new SdesParseException("empty SDP body", 0);
    }
    if (session == null) {
      session = Arrays.copyOf(current, count);
    } else {
      if (sections == media.length) {
        media = Arrays.copyOf(media, sections + 1);
      }
      media[sections++] = section(Arrays.copyOf(current, count), currentStart);
    }
    // the parser's arrays are not reachable from elsewhere: kept, not copied (the media array at its exact size)
    return new Sdp(session, sections == media.length ? media : Arrays.copyOf(media, sections), body.substring(pos),
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

  private static MediaSection section(SdpLine[] lines, int offset) {
    try {
      return MediaSection.ofParsed(lines);
    } catch (SdesParseException e) {
      throw e.at(offset);
    }
  }

  /** The dominant ending of a body built by a transform: counted over its lines. */
  private static String dominantEnding(SdpLine[] session, MediaSection[] media) {
    int[] counts = new int[3];
    count(session, counts);
    for (MediaSection m : media) {
      count(m.lineArray(), counts);
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

  private static void count(SdpLine[] lines, int[] counts) {
    for (SdpLine line : lines) {
      String e = line.ending();
      if (e.length() == 2) {
        counts[0]++;
      } else if (e.length() == 1) {
        counts[e.charAt(0) == '\n' ? 1 : 2]++;
      }
    }
  }

  /** The session-level lines, {@code v=} first (unmodifiable). */
  public List<SdpLine> sessionLines() {
    List<SdpLine> v = sessionView;
    if (v == null) {
      v = Collections.unmodifiableList(Arrays.asList(sessionLines));
      sessionView = v;
    }
    return v;
  }

  /** The media sections in order (unmodifiable). */
  public List<MediaSection> mediaSections() {
    List<MediaSection> v = mediaView;
    if (v == null) {
      v = Collections.unmodifiableList(Arrays.asList(media));
      mediaView = v;
    }
    return v;
  }

  /** The number of media sections: {@code mediaSections().size()} without the view. */
  public int mediaCount() {
    return media.length;
  }

  /**
   * Media section {@code index}.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= index < mediaCount()}
   */
  public MediaSection media(int index) {
    return media[index];
  }

  public String trailer() {
    return trailer;
  }

  /** The body's dominant line ending ({@code "\r\n"} by default): what new and replaced lines get. */
  public String lineEnding() {
    String e = lineEnding;
    if (e == null) {
      e = dominantEnding(sessionLines, media);
      lineEnding = e;
    }
    return e;
  }

  /** The session-level {@code c=} line, if any. */
  public Optional<Connection> sessionConnection() {
    for (SdpLine line : sessionLines) {
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
    for (SdpLine line : sessionLines) {
      if (line.isAttribute(name)) {
        return true;
      }
    }
    return false;
  }

  /** The session-level {@code a=<name>} lines, in order. */
  public List<SdpLine> sessionAttributes(String name) {
    List<SdpLine> out = new ArrayList<>(1);
    for (SdpLine line : sessionLines) {
      if (line.isAttribute(name)) {
        out.add(line);
      }
    }
    return out;
  }

  /** The session-level direction attribute, if any. */
  public Optional<Direction> sessionDirection() {
    for (SdpLine line : sessionLines) {
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
    for (SdpLine line : sessionLines) {
      if (line.isAttribute(TransportCapability.ATTRIBUTE)) {
        out.addAll(TransportCapability.parse(line.attributeValue()));
      }
    }
    return out;
  }

  /** Session-level RFC 5939 attribute capabilities. */
  public List<AttributeCapability> sessionAttributeCapabilities() {
    List<AttributeCapability> out = new ArrayList<>();
    for (SdpLine line : sessionLines) {
      if (line.isAttribute(AttributeCapability.ATTRIBUTE)) {
        out.add(AttributeCapability.parse(line.attributeValue()));
      }
    }
    return out;
  }

  /** A copy with media section {@code index} replaced. */
  public Sdp withMedia(int index, MediaSection section) {
    Objects.requireNonNull(section);
    MediaSection[] copy = media.clone();
    copy[index] = section;
    return new Sdp(sessionLines, copy, trailer, null);
  }

  /** A copy with all media sections replaced (same count or not: the caller decides). */
  public Sdp withMediaSections(List<MediaSection> sections) {
    // this body's session lines are an array it owns and never changes: shared, not copied
    return new Sdp(sessionLines, nonNull(sections.toArray(new MediaSection[0])), trailer, null);
  }

  /** A copy without the session-level lines that match ({@code v=} is never removed). */
  public Sdp withoutSessionLines(Predicate<SdpLine> which) {
    int first = 1;
    while (first < sessionLines.length && !which.test(sessionLines[first])) {
      first++;
    }
    if (first == sessionLines.length) {
      return this; // the usual case: nothing to remove, nothing copied
    }
    SdpLine[] copy = new SdpLine[sessionLines.length - 1];
    System.arraycopy(sessionLines, 0, copy, 0, first);
    int n = first;
    for (int i = first + 1; i < sessionLines.length; i++) {
      SdpLine l = sessionLines[i];
      if (!which.test(l)) {
        copy[n++] = l;
      }
    }
    return new Sdp(Arrays.copyOf(copy, n), media, trailer, null);
  }

  /**
   * The body: every line with its own ending, then the trailer. A line without ending that is no longer
   * last (something was added after it) gets the dominant ending.
   */
  public String format() {
    int total = sessionLines.length;
    int chars = trailer.length();
    for (SdpLine line : sessionLines) {
      chars += line.length() + 2;
    }
    for (MediaSection m : media) {
      SdpLine[] lines = m.lineArray();
      total += lines.length;
      for (SdpLine line : lines) {
        chars += line.length() + 2;
      }
    }
    StringBuilder sb = new StringBuilder(chars);
    int written = append(sb, sessionLines, 0, total);
    for (MediaSection m : media) {
      written = append(sb, m.lineArray(), written, total);
    }
    return sb.append(trailer).toString();
  }

  /**
   * Appends each line with its ending; {@code written} lines came before. Returns the count written.
   * Lines that still sit one after the other in the parsed body (most of a transformed body) are copied
   * as one run: one append per run instead of one per line.
   */
  private int append(StringBuilder sb, SdpLine[] lines, int written, int total) {
    int i = 0;
    int n = lines.length;
    while (i < n) {
      SdpLine l = lines[i];
      written++;
      if (!l.hasEnding()) {
        l.appendTextTo(sb);
        if (written != total) { // no longer the last line: it needs an ending now
          sb.append(lineEnding());
        }
        i++;
        continue;
      }
      int j = i + 1;
      while (j < n && lines[j].follows(lines[j - 1])) {
        j++;
      }
      if (j == i + 1) {
        l.appendWithEndingTo(sb);
      } else {
        l.appendRunTo(sb, lines[j - 1]);
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
    for (MediaSection m : media) {
      for (SdpLine l : m.lineArray()) {
        sb.append(SdpRedaction.redact(l.text())).append('\n');
      }
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sdp other
        && Arrays.equals(sessionLines, other.sessionLines)
        && Arrays.equals(media, other.media)
        && trailer.equals(other.trailer);
  }

  @Override
  public int hashCode() {
    // Objects.hash(sessionLines(), mediaSections(), trailer), without the views: List and array hash alike
    return 31 * (31 * (31 + Arrays.hashCode(sessionLines)) + Arrays.hashCode(media)) + trailer.hashCode();
  }

  /** Redacted: never prints key material. */
  @Override
  public String toString() {
    return "Sdp[" + redacted().replace('\n', '|') + "]";
  }
}
