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
 * One media section: its {@code m=} line and every line up to the next {@code m=} line or the end of the
 * body, in the order received. Immutable; {@link #toBuilder(String)} copies it for a change.
 *
 * <p>Typed accessors parse on demand and throw {@link SdesParseException} for a malformed value. The
 * {@code m=} and {@code c=} lines are checked when the section is built.
 */
public final class MediaSection {

  public static final String CRYPTO = "crypto";
  public static final String KEY_MGMT = "key-mgmt";
  public static final String RTCP = "rtcp";
  public static final String RTCP_MUX = "rtcp-mux";

  /** The lines, m= first: an array, so the many scans of the transforms cost no list calls. Never modified. */
  private final SdpLine[] lines;
  /** The unmodifiable view {@link #lines()} returns, made on first use (racy but idempotent). */
  private List<SdpLine> view;
  private final MediaDescription description;
  /** One bit per tracked attribute name present ({@link TrackedAttributes}): most look-ups are for absent ones. */
  private final int present;
  /** Index of the first media-level c= line, or -1: the connection look-up scans nothing. */
  private final int connectionAt;

  /**
   * @param lines the section's lines, the first an {@code m=} line and no other
   * @throws SdesParseException if the m= line or a c= line is malformed
   */
  public MediaSection(List<SdpLine> lines) {
    this(nonNull(lines.toArray(new SdpLine[0])), null, true);
  }

  private static SdpLine[] nonNull(SdpLine[] lines) {
    for (SdpLine line : lines) {
      Objects.requireNonNull(line);
    }
    return lines;
  }

  /** The parser's own array of a section's lines: kept, not copied, as nothing else holds it. */
  static MediaSection ofParsed(SdpLine[] lines) {
    return new MediaSection(lines, null, true);
  }

  /**
   * @param lines owned by this section (nobody else holds or changes the array)
   * @param known the description of {@code lines[0]} if the caller just formatted it, else null
   * @param checkConnections false only for a builder's lines: kept from a checked section or written from
   *     a {@link Connection}
   */
  private MediaSection(SdpLine[] lines, MediaDescription known, boolean checkConnections) {
    this.lines = lines;
    if (lines.length == 0 || lines[0].type() != 'm') {
      throw new IllegalArgumentException("a media section starts with its m= line");
    }
    int bits = 0;
    int connection = -1;
    for (int i = 1; i < lines.length; i++) {
      SdpLine line = lines[i];
      char type = line.type();
      bits |= line.tracked(); // 0 for lines that are not a tracked attribute
      if (type == 'm') {
        throw new IllegalArgumentException("a media section has exactly one m= line");
      } else if (type == 'c') {
        if (checkConnections) {
          Connection.checkLine(line);
        }
        if (connection < 0) {
          connection = i;
        }
      }
    }
    this.present = bits;
    this.connectionAt = connection;
    this.description = known != null ? known : lines[0].description();
  }

  /** False only if {@code name} is tracked and no line has it. */
  private boolean mayHave(String name) {
    int bit = TrackedAttributes.of(name);
    return bit == 0 || (present & bit) != 0;
  }

  /** All lines, the {@code m=} line first (unmodifiable). */
  public List<SdpLine> lines() {
    List<SdpLine> v = view;
    if (v == null) {
      v = Collections.unmodifiableList(Arrays.asList(lines));
      view = v;
    }
    return v;
  }

  /** The number of lines, the m= line included. */
  public int lineCount() {
    return lines.length;
  }

  /** Line {@code index}, {@code 0} being the m= line. */
  public SdpLine line(int index) {
    return lines[index];
  }

  /** True if a line matches: a scan without the list view. */
  public boolean anyLine(Predicate<SdpLine> which) {
    for (SdpLine line : lines) {
      if (which.test(line)) {
        return true;
      }
    }
    return false;
  }

  public MediaDescription description() {
    return description;
  }

  /** The media-level {@code c=} line, if any (the session-level one applies otherwise). */
  public Optional<Connection> connection() {
    return connectionAt < 0 ? Optional.empty() : Optional.of(Connection.parse(lines[connectionAt]));
  }

  /** The {@code a=<name>} lines, in order (unmodifiable). */
  public List<SdpLine> attributes(String name) {
    if (!mayHave(name)) {
      return List.of();
    }
    SdpLine first = null; // one or two lines (the usual a=crypto offer) need no list to grow: List.of keeps them
    SdpLine second = null;
    int count = 0;
    for (SdpLine line : lines) {
      if (line.isAttribute(name)) {
        if (count == 0) {
          first = line;
        } else if (count == 1) {
          second = line;
        }
        count++;
      }
    }
    if (count <= 2) {
      return count == 0 ? List.of() : count == 1 ? List.of(first) : List.of(first, second);
    }
    SdpLine[] out = new SdpLine[count];
    int n = 0;
    for (SdpLine line : lines) {
      if (line.isAttribute(name)) {
        out[n++] = line;
      }
    }
    return Collections.unmodifiableList(Arrays.asList(out));
  }

  public boolean hasAttribute(String name) {
    if (!mayHave(name)) {
      return false;
    }
    for (SdpLine line : lines) {
      if (line.isAttribute(name)) {
        return true;
      }
    }
    return false;
  }

  /** The values (after {@code a=crypto:}) of the {@code a=crypto} lines, in order. */
  public List<String> cryptoValues() {
    return values(CRYPTO);
  }

  /** The values of the {@code a=key-mgmt} lines (RFC 4567), in order. */
  public List<String> keyManagementValues() {
    return values(KEY_MGMT);
  }

  /** The indications of the {@code a=3ge2ae} lines, in order. */
  public List<E2aeIndication> e2aeIndications() {
    if (!mayHave(E2aeIndication.ATTRIBUTE)) {
      return List.of();
    }
    List<E2aeIndication> out = new ArrayList<>(1);
    for (SdpLine line : lines) {
      if (line.isAttribute(E2aeIndication.ATTRIBUTE)) {
        out.add(E2aeIndication.of(line));
      }
    }
    return out;
  }

  /** True if an {@code a=3ge2ae} line carries {@code indication}; unlike {@link #e2aeIndications()}, builds nothing. */
  public boolean hasE2aeIndication(E2aeIndication indication) {
    if (!mayHave(E2aeIndication.ATTRIBUTE)) {
      return false;
    }
    for (SdpLine line : lines) {
      if (line.isAttribute(E2aeIndication.ATTRIBUTE) && E2aeIndication.of(line).equals(indication)) {
        return true;
      }
    }
    return false;
  }

  /** The value of {@code a=rtcp:<port> [<nettype> <addrtype> <address>]} (RFC 3605), if present. */
  public Optional<String> rtcp() {
    if (!mayHave(RTCP)) {
      return Optional.empty();
    }
    for (SdpLine line : lines) {
      if (line.isAttribute(RTCP)) {
        return Optional.of(line.attributeValue());
      }
    }
    return Optional.empty();
  }

  /** The RTCP port of {@code a=rtcp}, if present. */
  public Optional<Integer> rtcpPort() {
    int port = rtcpPortOr(-1);
    return port < 0 ? Optional.empty() : Optional.of(port);
  }

  /**
   * The RTCP port of {@code a=rtcp}, or {@code fallback} if the section has no {@code a=rtcp}: like
   * {@link #rtcpPort()}, without boxing or cutting the value out.
   *
   * @throws SdesParseException if the port is not a number 0..65535
   */
  public int rtcpPortOr(int fallback) {
    if (!mayHave(RTCP)) {
      return fallback;
    }
    for (SdpLine line : lines) {
      if (line.isAttribute(RTCP)) {
        return parseRtcpPort(line, line.length() == 6 ? 6 : 7); // "a=rtcp" has no value, else after "a=rtcp:"
      }
    }
    return fallback;
  }

  /** The port at the start of the a=rtcp value {@code line[from, length)}. */
  private static int parseRtcpPort(SdpLine line, int from) {
    int n = line.length();
    int i = from;
    while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
      i++;
    }
    int port = 0;
    int digits = 0;
    for (; i < n && line.charAt(i) != ' ' && line.charAt(i) != '\t'; i++, digits++) {
      char c = line.charAt(i);
      if (c < '0' || c > '9' || digits == 5) {
        throw new SdesParseException("a=rtcp port is not a number 0..65535", -1);
      }
      port = port * 10 + (c - '0');
    }
    if (digits == 0 || port > 65_535) {
      throw new SdesParseException("a=rtcp port is not a number 0..65535", -1);
    }
    return port;
  }

  public boolean rtcpMux() {
    return hasAttribute(RTCP_MUX);
  }

  /** The media-level direction attribute, if one is present (the session-level one or sendrecv applies otherwise). */
  public Optional<Direction> direction() {
    for (SdpLine line : lines) {
      Optional<Direction> d = Direction.of(line);
      if (d.isPresent()) {
        return d;
      }
    }
    return Optional.empty();
  }

  /** Media-level RFC 5939 transport capabilities ({@code a=tcap}), expanded to one per protocol. */
  public List<TransportCapability> transportCapabilities() {
    if (!mayHave(TransportCapability.ATTRIBUTE)) {
      return List.of();
    }
    List<TransportCapability> out = new ArrayList<>();
    for (SdpLine line : lines) {
      if (line.isAttribute(TransportCapability.ATTRIBUTE)) {
        out.addAll(TransportCapability.parse(line.attributeValue()));
      }
    }
    return out;
  }

  /** Media-level RFC 5939 attribute capabilities ({@code a=acap}). */
  public List<AttributeCapability> attributeCapabilities() {
    if (!mayHave(AttributeCapability.ATTRIBUTE)) {
      return List.of();
    }
    List<AttributeCapability> out = new ArrayList<>();
    for (SdpLine line : lines) {
      if (line.isAttribute(AttributeCapability.ATTRIBUTE)) {
        out.add(AttributeCapability.parse(line.attributeValue()));
      }
    }
    return out;
  }

  /** RFC 5939 potential configurations ({@code a=pcfg}), in order. */
  public List<Configuration> potentialConfigurations() {
    return configurations(Configuration.POTENTIAL);
  }

  /** RFC 5939 actual configurations ({@code a=acfg}), in order (at most one in a valid answer). */
  public List<Configuration> actualConfigurations() {
    return configurations(Configuration.ACTUAL);
  }

  private List<Configuration> configurations(String name) {
    if (!mayHave(name)) {
      return List.of();
    }
    List<Configuration> out = new ArrayList<>(1);
    for (SdpLine line : lines) {
      if (line.isAttribute(name)) {
        out.add(Configuration.parse(line.attributeValue()));
      }
    }
    return out;
  }

  private List<String> values(String name) {
    if (!mayHave(name)) {
      return List.of();
    }
    List<String> out = new ArrayList<>(2);
    for (SdpLine line : lines) {
      if (line.isAttribute(name)) {
        out.add(line.attributeValue());
      }
    }
    return out;
  }

  /** A builder starting from these lines (copied on its first edit); new and replaced lines get {@code lineEnding}. */
  public Builder toBuilder(String lineEnding) {
    return new Builder(lines, lineEnding);
  }

  /** The lines themselves, for the formatter in this package: never to be changed. */
  SdpLine[] lineArray() {
    return lines;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MediaSection other && Arrays.equals(lines, other.lines);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(lines); // equal to lines().hashCode(), as List defines it
  }

  @Override
  public String toString() {
    return "MediaSection" + Arrays.toString(lines);
  }

  /** Copy-and-change for a media section. Lines not touched keep their text and ending. */
  public static final class Builder {
    /** The lines are {@code lines[0, size)}; until {@link #owned}, the array is a section's (copied on the first edit). */
    private SdpLine[] lines;
    private int size;
    private boolean owned;
    private final String ending;
    private MediaDescription description; // set when the m= line was replaced, to skip re-parsing it

    private Builder(SdpLine[] lines, String ending) {
      this.lines = lines;
      this.size = lines.length;
      this.ending = SdpLine.checkedEnding(ending);
    }

    /** Replaces the m= line. */
    public Builder description(MediaDescription description) {
      edit()[0] = SdpLine.ofChecked(description.lineText(), ending); // the record checked its tokens
      this.description = description;
      return this;
    }

    /** Replaces the media-level c= line, or inserts one where RFC 8866 puts it (after m= and i=). */
    public Builder connection(Connection connection) {
      SdpLine line = SdpLine.ofChecked(connection.lineText(), ending); // the record checked its tokens
      int at = 1;
      while (at < size && lines[at].type() == 'i') {
        at++;
      }
      for (int i = at; i < size; i++) {
        if (lines[i].type() == 'c') {
          edit()[i] = line;
          for (int j = size - 1; j > i; j--) { // RFC 8866 allows several c= only for multicast
            if (lines[j].type() == 'c') {
              remove(j);
            }
          }
          return this;
        }
      }
      insert(at, line);
      return this;
    }

    /** Removes every {@code a=<name>} line. */
    public Builder removeAttribute(String name) {
      Objects.requireNonNull(name);
      return filter(l -> l.isAttribute(name), 0);
    }

    /** Removes every line (never the m= line) that matches. */
    public Builder removeIf(Predicate<SdpLine> which) {
      Objects.requireNonNull(which);
      return filter(which, 1);
    }

    /**
     * Keeps the lines from {@code from} on that do not match, copying them in one pass into a new array
     * (if the predicate throws, the builder's lines are as they were).
     */
    private Builder filter(Predicate<SdpLine> which, int from) {
      SdpLine[] kept = new SdpLine[size + 4]; // room for the lines a transform adds
      int n = 0;
      for (int i = 0; i < size; i++) {
        SdpLine l = lines[i];
        if (i < from || !which.test(l)) {
          kept[n++] = l;
        }
      }
      lines = kept;
      size = n;
      owned = true;
      return this;
    }

    /** Appends {@code a=<attribute>} at the end of the section. */
    public Builder addAttribute(String attribute) {
      insert(size, SdpLine.of("a=" + attribute, ending));
      return this;
    }

    /** Replaces the first {@code a=<name>} line with {@code a=<attribute>}, or appends it if absent. */
    public Builder replaceAttribute(String name, String attribute) {
      return replaceFirst(name, attribute) ? this : addAttribute(attribute);
    }

    /** Replaces the first {@code a=<name>} line with {@code a=<attribute>}; adds nothing if there is none. */
    public Builder replaceAttributeIfPresent(String name, String attribute) {
      replaceFirst(name, attribute);
      return this;
    }

    private boolean replaceFirst(String name, String attribute) {
      for (int i = 1; i < size; i++) {
        if (lines[i].isAttribute(name)) {
          edit()[i] = SdpLine.of("a=" + attribute, ending);
          return true;
        }
      }
      return false;
    }

    public MediaSection build() {
      // the section gets its own exactly sized array: this builder may go on editing its own
      return new MediaSection(Arrays.copyOf(lines, size), description, false);
    }

    /** The array to change: this builder's own, copied first (with room to grow) if it is still a section's. */
    private SdpLine[] edit() {
      if (!owned) {
        lines = Arrays.copyOf(lines, size + 4);
        owned = true;
      }
      return lines;
    }

    private void insert(int at, SdpLine line) {
      SdpLine[] a = edit();
      if (size == a.length) {
        a = Arrays.copyOf(a, size * 2 + 4);
        lines = a;
      }
      System.arraycopy(a, at, a, at + 1, size - at);
      a[at] = line;
      size++;
    }

    private void remove(int at) {
      SdpLine[] a = edit();
      System.arraycopy(a, at + 1, a, at, size - at - 1);
      a[--size] = null;
    }
  }
}
