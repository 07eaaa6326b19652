package ims.sdes.sdp;

import ims.sdes.SdesParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An RFC 8866 section 5.14 media line, {@code m=<media> <port>[/<number of ports>] <proto> <fmt> ...}.
 *
 * @param port 0..65535; 0 means the stream is disabled (offer) or rejected (answer)
 * @param portCount the {@code /<number of ports>} suffix, if given
 * @param formats one or more format tokens (payload type numbers for RTP)
 */
public record MediaDescription(String media, int port, OptionalInt portCount, String proto, List<String> formats) {

  public MediaDescription {
    if (media != AUDIO && media != VIDEO) { // the shared constants of the usual m= line are known tokens
      requireField(media, "media");
    }
    if (proto != RTP_AVP && proto != RTP_SAVP) {
      requireField(proto, "proto");
    }
    Objects.requireNonNull(portCount, "portCount");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (portCount.isPresent() && portCount.getAsInt() < 1) {
      throw new IllegalArgumentException("port count must be positive");
    }
    formats = FormatList.of(formats); // an unmodifiable copy with every token checked; a checked list as is
  }

  /**
   * A non-empty field without spaces or line breaks, so that it formats back into one field of its line. Looser
   * than an RFC 8866 token on purpose: {@code proto} is {@code token *("/" token)}, and m= and a=tcap fields
   * are kept as the peer wrote them.
   */
  static void requireField(String s, String what) {
    Objects.requireNonNull(s, what);
    int n = s.length();
    boolean ok = n > 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c <= ' ' && (c == ' ' || c == '\r' || c == '\n')) { // one compare for nearly every character
        ok = false;
        break;
      }
    }
    if (!ok) {
      throw new IllegalArgumentException(what + " must be a non-empty token without spaces or line breaks");
    }
  }

  /** Parses the value of an {@code m=} line (the text after {@code "m="}). */
  public static MediaDescription parse(String value) {
    return parse(value, 0, value.length());
  }

  /**
   * Parses the m= value {@code s[from, to)} in place: a parsed line's value is not cut out of the body (the
   * formats then keep pointing into it, as the line itself does).
   */
  static MediaDescription parse(String s, int from, int to) {
    int spaces = 0;
    boolean lineBreak = false;
    boolean emptyField = from == to || s.charAt(from) == ' ' || s.charAt(to - 1) == ' ';
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == ' ') {
        spaces++;
        emptyField |= i > from && s.charAt(i - 1) == ' ';
      } else if (c == '\r' || c == '\n') {
        lineBreak = true;
      }
    }
    if (lineBreak) {
      return parseSlowly(s.substring(from, to)); // not from a parsed line: the constructor's error, in its order
    }
    if (spaces + 1 < 4) {
      throw new SdesParseException(TOO_FEW, -1);
    }
    if (emptyField) {
      throw new SdesParseException(EMPTY_FIELD, -1);
    }
    int portStart = s.indexOf(' ', from) + 1;
    int protoStart = s.indexOf(' ', portStart) + 1;
    int formatsStart = s.indexOf(' ', protoStart) + 1;
    int portEnd = protoStart - 1;
    int slash = s.indexOf('/', portStart);
    if (slash > portEnd) {
      slash = -1;
    }
    int port = parsePort(s, portStart, slash < 0 ? portEnd : slash, 65_535);
    OptionalInt count = slash < 0 ? OptionalInt.empty() : OptionalInt.of(parsePort(s, slash + 1, portEnd, 65_535));
    if (count.isPresent() && count.getAsInt() == 0) {
      throw new SdesParseException("m= number of ports must be positive", -1);
    }
    return new MediaDescription(sharedOr(s, from, portStart - 1, AUDIO, VIDEO), port, count,
        sharedOr(s, protoStart, formatsStart - 1, RTP_AVP, RTP_SAVP), FormatList.checked(s, formatsStart, to, spaces - 2));
  }

  private static final String AUDIO = "audio";
  private static final String VIDEO = "video";
  private static final String RTP_AVP = "RTP/AVP";
  private static final String RTP_SAVP = "RTP/SAVP";

  /** {@code a} or {@code b} if {@code value[from, to)} is one of them (the usual fields: no substring), else the substring. */
  private static String sharedOr(String value, int from, int to, String a, String b) {
    if (value.regionMatches(from, a, 0, a.length()) && to - from == a.length()) {
      return a;
    }
    if (value.regionMatches(from, b, 0, b.length()) && to - from == b.length()) {
      return b;
    }
    return value.substring(from, to);
  }

  private static final String TOO_FEW = "m= line needs <media> <port> <proto> <fmt>";
  private static final String EMPTY_FIELD = "m= line has an empty field (double or trailing space)";

  /** The general path of {@link #parse}: fields cut out first, then checked by the constructor. */
  private static MediaDescription parseSlowly(String value) {
    String[] parts = fields(value, 4, TOO_FEW);
    String portField = parts[1];
    int slash = portField.indexOf('/');
    int port = parsePort(portField, 0, slash < 0 ? portField.length() : slash, 65_535);
    OptionalInt count = slash < 0 ? OptionalInt.empty()
        : OptionalInt.of(parsePort(portField, slash + 1, portField.length(), 65_535));
    if (count.isPresent() && count.getAsInt() == 0) {
      throw new SdesParseException("m= number of ports must be positive", -1);
    }
    return new MediaDescription(parts[0], port, count, parts[2], List.of(Arrays.copyOfRange(parts, 3, parts.length)));
  }

  /**
   * Splits on single spaces (RFC 8866: fields are separated by exactly one space); an empty field (a
   * double, leading or trailing space) or fewer than {@code min} fields is an error.
   */
  static String[] fields(String value, int min, String tooFew) {
    int count = 1;
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) == ' ') {
        count++;
      }
    }
    if (count < min) {
      throw new SdesParseException(tooFew, -1);
    }
    String[] out = new String[count];
    int start = 0;
    for (int k = 0; k < count; k++) {
      int end = k == count - 1 ? value.length() : value.indexOf(' ', start);
      if (end == start) {
        throw new SdesParseException(tooFew.substring(0, 2) + " line has an empty field (double or trailing space)", -1);
      }
      out[k] = value.substring(start, end);
      start = end + 1;
    }
    return out;
  }

  /** The port number in {@code s[from, to)}: 1 to 5 digits, at most {@code max}. */
  private static int parsePort(String s, int from, int to, int max) {
    if (from == to || to - from > 5) {
      throw new SdesParseException("m= port is not a number 0..65535", -1);
    }
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new SdesParseException("m= port is not a number 0..65535", -1);
      }
      v = v * 10 + (c - '0');
    }
    if (v > max) {
      throw new SdesParseException("m= port is not a number 0..65535", -1);
    }
    return v;
  }

  public boolean isDisabled() {
    return port == 0;
  }

  public MediaDescription withPort(int newPort) {
    return new MediaDescription(media, newPort, portCount, proto, formats);
  }

  public MediaDescription withProto(String newProto) {
    return new MediaDescription(media, port, portCount, newProto, formats);
  }

  /** The line text, {@code m=...}, without ending. */
  public String lineText() {
    FormatList f = (FormatList) formats; // the constructor made it one
    StringBuilder sb = new StringBuilder(media.length() + proto.length() + f.textLength() + 16)
        .append("m=").append(media).append(' ').append(port);
    if (portCount.isPresent()) {
      sb.append('/').append(portCount.getAsInt());
    }
    sb.append(' ').append(proto).append(' ');
    f.appendTo(sb);
    return sb.toString();
  }
}
