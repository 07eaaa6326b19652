package ims.pcscf.secagree;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parser and formatter for the values of the RFC 3329 headers {@code Security-Client},
 * {@code Security-Server} and {@code Security-Verify}.
 *
 * <pre>
 * security-client = "Security-Client" HCOLON sec-mechanism *(COMMA sec-mechanism)
 * sec-mechanism   = mechanism-name *(SEMI mech-parameters)
 * mech-parameters = preference / digest-algorithm / digest-qop / digest-verify / extension
 * extension       = generic-param  ; token [ EQUAL gen-value ], gen-value = token / host / quoted-string
 * </pre>
 *
 * <p>Whitespace follows RFC 3261 (SWS around ';', ',' and '=', folded lines). Two deliberate
 * leniencies, because deployed stacks emit them: an empty parameter slot ({@code tls; } as
 * jain-sip re-encodes a parameter-less mechanism, or {@code ;;}) is skipped, and names keep the
 * case they arrived in (comparisons are case-insensitive). The formatter never emits either.
 * Parsing never throws: malformed input is a {@link ParseResult.Err} with its offset.
 */
public final class SecurityMechanisms {

  /** Longest header value accepted (a REGISTER with several IPsec proposals stays far below). */
  public static final int MAX_LENGTH = 4096;
  /** Most mechanisms accepted in one header value. */
  public static final int MAX_MECHANISMS = 32;
  /** Most parameters accepted on one mechanism. */
  public static final int MAX_PARAMETERS = 32;

  private static final Pattern QVALUE = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");

  private SecurityMechanisms() {}

  /** Parses one header value (the text after the colon). Never throws. */
  public static ParseResult<List<SecurityMechanism>> parse(CharSequence value) {
    if (value.length() > MAX_LENGTH) {
      return ParseResult.err(SecAgreeError.TOO_LONG, MAX_LENGTH);
    }
    return new Parser(value).mechanisms();
  }

  /**
   * Parses the values of several headers of the same name, in order, into one list (RFC 3261
   * section 7.3.1: several headers are equivalent to one comma-separated header). The first
   * malformed value ends parsing; its offset is relative to that value.
   */
  public static ParseResult<List<SecurityMechanism>> parseAll(List<? extends CharSequence> values) {
    var all = new ArrayList<SecurityMechanism>();
    for (CharSequence value : values) {
      switch (parse(value)) {
        case ParseResult.Ok<List<SecurityMechanism>> ok -> all.addAll(ok.value());
        case ParseResult.Err<List<SecurityMechanism>> err -> {
          return ParseResult.err(err.error(), err.offset());
        }
      }
      if (all.size() > MAX_MECHANISMS) {
        return ParseResult.err(SecAgreeError.TOO_MANY_MECHANISMS, 0);
      }
    }
    if (all.isEmpty()) {
      return ParseResult.err(SecAgreeError.EMPTY, 0);
    }
    return ParseResult.ok(List.copyOf(all));
  }

  /** Canonical header value: mechanisms separated by {@code ", "}, parameters by {@code ;}. */
  public static String format(List<SecurityMechanism> mechanisms) {
    if (mechanisms.isEmpty()) {
      throw new IllegalArgumentException("RFC 3329 headers need at least one mechanism");
    }
    return mechanisms.stream().map(SecurityMechanism::format).collect(Collectors.joining(", "));
  }

  /** True if any mechanism is {@code sdes-srtp} with the {@code mediasec} parameter. */
  public static boolean announcesMediasec(List<SecurityMechanism> mechanisms) {
    return mechanisms.stream().anyMatch(SecurityMechanism::isSdesSrtpWithMediasec);
  }

  /** The mechanisms without any of the given kind (e.g. every {@code sdes-srtp} entry). */
  public static List<SecurityMechanism> without(List<SecurityMechanism> mechanisms, KnownMechanism kind) {
    return mechanisms.stream().filter(m -> !m.is(kind)).toList();
  }

  /** Recursive-descent parser over one value; {@code pos} only moves forward. */
  private static final class Parser {
    private final CharSequence in;
    private int pos;

    Parser(CharSequence in) {
      this.in = in;
    }

    ParseResult<List<SecurityMechanism>> mechanisms() {
      skipSws();
      if (atEnd()) {
        return ParseResult.err(SecAgreeError.EMPTY, pos);
      }
      var result = new ArrayList<SecurityMechanism>();
      while (true) {
        if (result.size() == MAX_MECHANISMS) {
          return ParseResult.err(SecAgreeError.TOO_MANY_MECHANISMS, pos);
        }
        int nameStart = pos;
        String name = token();
        if (name.isEmpty()) {
          return ParseResult.err(SecAgreeError.EXPECTED_MECHANISM_NAME, nameStart);
        }
        var params = new ArrayList<MechanismParameter>();
        Optional<ParseResult<List<SecurityMechanism>>> failure = parameters(params);
        if (failure.isPresent()) {
          return failure.get();
        }
        result.add(new SecurityMechanism(name, params));
        skipSws();
        if (atEnd()) {
          return ParseResult.ok(List.copyOf(result));
        }
        if (in.charAt(pos) != ',') {
          return ParseResult.err(SecAgreeError.UNEXPECTED_CHARACTER, pos);
        }
        pos++;
        skipSws();
      }
    }

    /** Reads {@code *(SEMI mech-parameters)} into {@code params}; empty on success. */
    private Optional<ParseResult<List<SecurityMechanism>>> parameters(List<MechanismParameter> params) {
      while (true) {
        skipSws();
        if (atEnd() || in.charAt(pos) != ';') {
          return Optional.empty();
        }
        pos++;
        skipSws();
        if (atEnd() || in.charAt(pos) == ';' || in.charAt(pos) == ',') {
          continue; // empty parameter slot: tolerated, see class comment
        }
        int nameStart = pos;
        String name = token();
        if (name.isEmpty()) {
          return Optional.of(ParseResult.err(SecAgreeError.EXPECTED_PARAMETER_NAME, nameStart));
        }
        if (params.size() == MAX_PARAMETERS) {
          return Optional.of(ParseResult.err(SecAgreeError.TOO_MANY_PARAMETERS, nameStart));
        }
        skipSws();
        if (atEnd() || in.charAt(pos) != '=') {
          if (name.equalsIgnoreCase("q")) {
            return Optional.of(ParseResult.err(SecAgreeError.BAD_QVALUE, pos));
          }
          params.add(MechanismParameter.flag(name));
          continue;
        }
        pos++;
        skipSws();
        int valueStart = pos;
        String value;
        if (!atEnd() && in.charAt(pos) == '"') {
          int end = SipTokens.quotedStringEnd(in, pos);
          if (end < 0) {
            return Optional.of(ParseResult.err(SecAgreeError.UNTERMINATED_QUOTED_STRING, valueStart));
          }
          value = in.subSequence(pos, end).toString();
          pos = end;
        } else {
          while (!atEnd() && SipTokens.isGenValueChar(in.charAt(pos))) {
            pos++;
          }
          value = in.subSequence(valueStart, pos).toString();
          if (value.isEmpty()) {
            return Optional.of(ParseResult.err(SecAgreeError.EXPECTED_PARAMETER_VALUE, valueStart));
          }
        }
        if (name.equalsIgnoreCase("q") && !QVALUE.matcher(value).matches()) {
          return Optional.of(ParseResult.err(SecAgreeError.BAD_QVALUE, valueStart));
        }
        params.add(MechanismParameter.of(name, value));
      }
    }

    private String token() {
      int start = pos;
      while (!atEnd() && SipTokens.isTokenChar(in.charAt(pos))) {
        pos++;
      }
      return in.subSequence(start, pos).toString();
    }

    /** SWS: spaces, tabs and line folds (CRLF followed by whitespace). A bare CR or LF stops. */
    private void skipSws() {
      while (!atEnd()) {
        char c = in.charAt(pos);
        if (c == ' ' || c == '\t') {
          pos++;
        } else if (c == '\r' && pos + 2 < in.length() && in.charAt(pos + 1) == '\n'
            && (in.charAt(pos + 2) == ' ' || in.charAt(pos + 2) == '\t')) {
          pos += 3;
        } else {
          return;
        }
      }
    }

    private boolean atEnd() {
      return pos >= in.length();
    }
  }
}
