package ims.sdes.attribute;

import static ims.sdes.attribute.CryptoAttribute.MAX_KEY_PARAMS;
import static ims.sdes.attribute.CryptoAttribute.MAX_LENGTH;
import static ims.sdes.attribute.CryptoAttribute.MAX_SESSION_PARAMS;

import ims.sdes.SdesParseException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One-shot parser of an {@code a=crypto} value, RFC 4568 section 9.1 (generic grammar) and 9.2
 * (SRTP). Rules that depend on the suite (inline only, key||salt length, MKI rules, typed session
 * parameters) apply to known suites; under an unknown suite only the generic grammar must hold.
 *
 * <p>Error messages name the field and carry the offset; they never quote the input. Every
 * key-param created before a failure is wiped.
 */
final class CryptoAttributeParser {

  /** Decimal digits of the largest MKI value (2^1024 - 1 has 309). */
  private static final int MAX_MKI_VALUE_DIGITS = 309;

  private static final SessionParam.Flag[] FLAGS = SessionParam.Flag.values();
  /** values() clones the array on every call. */
  private static final SessionParam.FecType[] FEC_TYPES = SessionParam.FecType.values();

  /** One shared FEC_ORDER parameter per type (a record: immutable). */
  private static final SessionParam.FecOrder[] FEC_ORDERS =
      java.util.Arrays.stream(FEC_TYPES).map(SessionParam.FecOrder::new).toArray(SessionParam.FecOrder[]::new);

  private final String in;
  private int pos;
  private final List<KeyParam> created = new ArrayList<>(2); // usually one key

  CryptoAttributeParser(String in) {
    this.in = in;
  }

  CryptoAttribute parse() {
    if (in.length() > MAX_LENGTH) {
      throw error("crypto attribute longer than " + MAX_LENGTH + " characters", MAX_LENGTH);
    }
    boolean success = false;
    try {
      CryptoAttribute attribute = attribute();
      success = true;
      return attribute;
    } finally {
      if (!success) {
        created.forEach(KeyParam::close);
      }
    }
  }

  private CryptoAttribute attribute() {
    String tagText = tag();
    addGap(gap("crypto-suite"));
    CryptoSuite suite = suite();
    addGap(gap("key-params"));
    int keysStart = pos;
    int keysEnd = tokenEnd();
    List<KeyParam> keys = keyParams(suite, keysStart, keysEnd);
    pos = keysEnd;
    SessionParam firstParam = null; // the usual line has at most one: no list for it
    List<SessionParam> moreParams = null;
    int paramCount = 0;
    String trailing = "";
    while (pos < in.length()) {
      if (onlyWhitespaceFollows()) {
        trailing = in.substring(pos); // outside the grammar, seen in the wild: tolerated and kept
        break;
      }
      addGap(gap("session parameter"));
      if (paramCount == MAX_SESSION_PARAMS) {
        throw error("more than " + MAX_SESSION_PARAMS + " session parameters", pos);
      }
      int start = pos;
      int end = tokenEnd();
      SessionParam param = sessionParam(suite, start, end);
      if (paramCount == 0) {
        firstParam = param;
      } else {
        if (moreParams == null) {
          moreParams = new ArrayList<>(4);
          moreParams.add(firstParam);
        }
        moreParams.add(param);
      }
      paramCount++;
      pos = end;
    }
    List<SessionParam> params =
        paramCount == 0 ? List.of() : paramCount == 1 ? List.of(firstParam) : moreParams;
    if (suite instanceof CryptoSuite.Known known) {
      KeyRules.Problem problem = KeyRules.check(known.suite(), keys);
      if (problem != null) {
        throw error(problem.message(), keyOffset(keysStart, Math.min(problem.index(), keys.size() - 1)));
      }
      problem = KeyRules.checkParams(known.suite(), params);
      if (problem != null) {
        throw error(problem.message(), paramOffset(keysEnd, problem.index()));
      }
    }
    List<String> gapList = gaps != null ? gaps : SINGLE_SPACES[gapCount];
    return new CryptoAttribute(tagText, suite, keys, params, gapList, trailing);
  }

  /**
   * Immutable lists of n single-space gaps (the usual spelling), shared by every parsed line:
   * {@code CryptoAttribute}'s {@code List.copyOf} keeps them as they are.
   */
  private static final List<String>[] SINGLE_SPACES = singleSpaceLists();

  @SuppressWarnings("unchecked")
  private static List<String>[] singleSpaceLists() {
    List<String>[] lists = new List[MAX_SESSION_PARAMS + 3];
    for (int n = 0; n < lists.length; n++) {
      lists[n] = List.copyOf(java.util.Collections.nCopies(n, " "));
    }
    return lists;
  }

  /** The gaps seen so far, or null while every one was a single space (then only counted). */
  private List<String> gaps;
  private int gapCount;

  private void addGap(String gap) {
    if (gaps == null && !" ".equals(gap)) {
      gaps = new ArrayList<>(gapCount + 2);
      for (int i = 0; i < gapCount; i++) {
        gaps.add(" ");
      }
    }
    if (gaps != null) {
      gaps.add(gap);
    }
    gapCount++;
  }

  /** Where key-param {@code index} of a key-params field parsed from {@code from} starts (errors only: not kept). */
  private int keyOffset(int from, int index) {
    int start = from;
    for (int k = 0; k < index; k++) {
      start = in.indexOf(';', start) + 1;
    }
    return start;
  }

  /** Where session parameter {@code index} starts, the key-params having ended at {@code keysEnd} (errors only). */
  private int paramOffset(int keysEnd, int index) {
    int i = keysEnd;
    for (int k = 0; ; k++) {
      while (Grammar.isWsp(in.charAt(i))) {
        i++;
      }
      if (k == index) {
        return i;
      }
      while (i < in.length() && !Grammar.isWsp(in.charAt(i))) {
        i++;
      }
    }
  }

  private boolean onlyWhitespaceFollows() {
    for (int i = pos; i < in.length(); i++) {
      if (!Grammar.isWsp(in.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** tag = 1*9DIGIT, without leading zeros. */
  private String tag() {
    int start = pos;
    while (pos < in.length() && Grammar.isDigit(in.charAt(pos))) {
      pos++;
    }
    if (pos == start) {
      throw error(in.isEmpty() ? "empty crypto attribute" : "tag must start with a digit", start);
    }
    if (pos - start > 9) {
      throw error("tag longer than 9 digits", start + 9);
    }
    if (pos - start > 1 && in.charAt(start) == '0') {
      // RFC 4568 section 4.1: leading zeroes MUST NOT be used; the answer echoes the tag, so a
      // second spelling of the same number would be ambiguous
      throw error("tag has a leading zero", start);
    }
    return pos - start == 1 ? ONE_DIGIT_TAGS[in.charAt(start) - '0'] : in.substring(start, pos);
  }

  /** The usual tags, 0 to 9, shared. */
  private static final String[] ONE_DIGIT_TAGS = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};

  /** crypto-suite = 1*(ALPHA / DIGIT / "_"), followed by whitespace. */
  private CryptoSuite suite() {
    int start = pos;
    for (CryptoSuite.Known known : KNOWN) { // the usual line names a known suite: matched in place, no character scan
      String name = known.suite().sdpName();
      int end = start + name.length();
      if (in.startsWith(name, start) && (end == in.length() || Grammar.isWsp(in.charAt(end)))) {
        pos = end;
        return known;
      }
    }
    while (pos < in.length() && Grammar.isNameChar(in.charAt(pos))) {
      pos++;
    }
    if (pos == start) {
      throw error("invalid character in crypto-suite", pos);
    }
    if (pos < in.length() && !Grammar.isWsp(in.charAt(pos))) {
      throw error("invalid character in crypto-suite", pos);
    }
    return CryptoSuite.of(in.substring(start, pos)); // not a known name: the loop above would have matched it
  }

  /** One immutable {@link CryptoSuite.Known} per supported suite, shared by every parsed line. */
  private static final CryptoSuite.Known[] KNOWN =
      java.util.Arrays.stream(SrtpSuite.values()).map(CryptoSuite.Known::new).toArray(CryptoSuite.Known[]::new);

  /** True if {@code in[from, to)} starts with {@code prefix}: a plain loop, most mismatch on the first character. */
  private boolean startsWith(int from, int to, String prefix) {
    return to - from >= prefix.length() && matches(from, from + prefix.length(), prefix);
  }

  /** True if {@code in[from, to)} is {@code text}. */
  private boolean matches(int from, int to, String text) {
    if (to - from != text.length()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (in.charAt(from + i) != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** 1*WSP before a field that must follow. */
  private String gap(String nextField) {
    int start = pos;
    if (pos >= in.length()) {
      throw error("missing " + nextField, pos);
    }
    if (!Grammar.isWsp(in.charAt(pos))) {
      throw error("expected whitespace before " + nextField, pos);
    }
    while (pos < in.length() && Grammar.isWsp(in.charAt(pos))) {
      pos++;
    }
    if (pos == in.length()) {
      throw error("trailing whitespace (missing " + nextField + ")", start);
    }
    return pos - start == 1 && in.charAt(start) == ' ' ? " " : in.substring(start, pos); // the usual gap: shared
  }

  /** End of the field starting at pos: the next WSP or the end; every char must be VCHAR. */
  private int tokenEnd() {
    int i = pos;
    int n = in.length();
    while (i < n) {
      char c = in.charAt(i);
      if (c <= ' ' || c > '~') { // one range compare for the usual VCHAR; the rest is WSP or an error
        if (Grammar.isWsp(c)) {
          break;
        }
        throw error("invalid character (not a visible ASCII character)", i);
      }
      i++;
    }
    return i;
  }

  /** key-params = key-param *(";" key-param), in [from, to). */
  private List<KeyParam> keyParams(CryptoSuite suite, int from, int to) {
    int end = indexOf(';', from, to);
    if (end < 0) { // the usual single key: no list to grow
      return List.of(keyParam(suite, from, to));
    }
    List<KeyParam> keys = new ArrayList<>(4);
    int start = from;
    while (true) {
      if (keys.size() == MAX_KEY_PARAMS) {
        throw error("more than " + MAX_KEY_PARAMS + " key-params", start);
      }
      end = in.indexOf(';', start);
      if (end < 0 || end > to) {
        end = to;
      }
      keys.add(keyParam(suite, start, end));
      if (end == to) {
        return keys;
      }
      start = end + 1;
    }
  }

  /** key-param = key-method ":" key-info. */
  private KeyParam keyParam(CryptoSuite suite, int from, int to) {
    if (from == to) {
      throw error("empty key-param", from);
    }
    int i = from;
    while (i < to && Grammar.isNameChar(in.charAt(i))) {
      i++;
    }
    if (i == from || i == to || in.charAt(i) != ':') {
      throw error("key-param must be key-method \":\" key-info", i);
    }
    int infoStart = i + 1;
    if (infoStart == to) {
      throw error("empty key-info", infoStart);
    }
    boolean inline = matches(from, i, KeyParam.INLINE);
    KeyParam key;
    if (suite instanceof CryptoSuite.Known known) {
      if (!inline) {
        throw error("SRTP supports only the inline key method", from);
      }
      key = inline(known.suite(), infoStart, to);
    } else {
      String method = in.substring(from, i);
      key = null;
      if (KeyParam.INLINE.equals(method)) {
        try {
          key = inline(null, infoStart, to);
        } catch (SdesParseException notSrtpShaped) {
          key = null; // fine under an unknown suite: keep it opaque
        }
      }
      if (key == null) {
        char[] info = new char[to - infoStart];
        in.getChars(infoStart, to, info, 0);
        key = KeyParam.parsedOpaque(method, info);
      }
    }
    created.add(key);
    return key;
  }

  /** srtp-key-info = key-salt ["|" lifetime] ["|" mki]; suite null when unknown (no length check). */
  private KeyParam inline(SrtpSuite suite, int from, int to) {
    int bar1 = indexOf('|', from, to);
    int saltEnd = bar1 < 0 ? to : bar1;
    Lifetime lifetime = null;
    Mki mki = null;
    String mkiText = null;
    if (bar1 >= 0) {
      int bar2 = indexOf('|', bar1 + 1, to);
      if (bar2 >= 0 && indexOf('|', bar2 + 1, to) >= 0) {
        throw error("more than two '|' in key-info", indexOf('|', bar2 + 1, to));
      }
      if (bar2 >= 0) {
        lifetime = lifetime(bar1 + 1, bar2);
        mkiText = in.substring(bar2 + 1, to);
        mki = mki(bar2 + 1, to);
      } else if (indexOf(':', bar1 + 1, to) >= 0) {
        mkiText = in.substring(bar1 + 1, to);
        mki = mki(bar1 + 1, to);
      } else {
        lifetime = lifetime(bar1 + 1, to);
      }
    }
    char[] base64 = new char[saltEnd - from];
    in.getChars(from, saltEnd, base64, 0);
    // the usual key: strict base64 of the suite's length, checked and decoded in one pass
    byte[] decoded = suite == null ? null : Base64Text.decodeExpected(base64, 0, base64.length, suite.keySaltLength());
    if (decoded != null) {
      return KeyParam.parsedInline(base64, decoded, lifetime, mki, mkiText);
    }
    int length = Base64Text.decodedLength(base64, 0, base64.length); // otherwise one check after the other, with its error
    if (length < 0) {
      Arrays.fill(base64, '\0');
      throw error("key-salt is not valid base64", from);
    }
    if (suite != null && length != suite.keySaltLength()) {
      Arrays.fill(base64, '\0');
      throw error(
          "key||salt is "
              + length
              + " bytes, "
              + suite.sdpName()
              + " needs "
              + suite.keySaltLength(),
          from);
    }
    byte[] keySalt = Base64Text.decodeChecked(base64, 0, base64.length, length);
    return KeyParam.parsedInline(base64, keySalt, lifetime, mki, mkiText);
  }

  private Lifetime lifetime(int from, int to) {
    int exponent = powerOfTwoExponent(from, to);
    if (exponent >= 0) {
      return POWERS_OF_TWO[exponent];
    }
    try {
      return new Lifetime(in.substring(from, to)); // checks it once, with the messages of problemWith
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage(), from);
    }
  }

  /** Shared lifetimes {@code 2^0} .. {@code 2^48}, as written without leading zeros. */
  private static final Lifetime[] POWERS_OF_TWO = new Lifetime[Lifetime.MAX_EXPONENT + 1];

  static {
    for (int e = 0; e <= Lifetime.MAX_EXPONENT; e++) {
      POWERS_OF_TWO[e] = Lifetime.powerOfTwo(e);
    }
  }

  /**
   * The exponent when {@code in[from, to)} is exactly the text of a shared power-of-two lifetime
   * ({@code 2^} then one or two digits without a leading zero, at most 48), else -1 (then the
   * general check applies, with its messages).
   */
  private int powerOfTwoExponent(int from, int to) {
    int n = to - from;
    if ((n != 3 && n != 4) || in.charAt(from) != '2' || in.charAt(from + 1) != '^') {
      return -1;
    }
    char d1 = in.charAt(from + 2);
    if (!Grammar.isDigit(d1) || (n == 4 && d1 == '0')) {
      return -1;
    }
    int e = d1 - '0';
    if (n == 4) {
      char d2 = in.charAt(from + 3);
      if (!Grammar.isDigit(d2)) {
        return -1;
      }
      e = e * 10 + (d2 - '0');
    }
    return e <= Lifetime.MAX_EXPONENT ? e : -1;
  }

  /** mki = mki-value ":" mki-length; mki-value = 1*DIGIT; mki-length = 1*3DIGIT, 1..128. */
  private Mki mki(int from, int to) {
    int colon = indexOf(':', from, to);
    if (colon < 0 || !Grammar.isDigits(in, from, colon) || !Grammar.isDigits(in, colon + 1, to)) {
      throw error("MKI must be digits \":\" digits", from);
    }
    if (to - colon - 1 > 3) {
      throw error("MKI length longer than 3 digits", colon + 1);
    }
    int length = Integer.parseInt(in, colon + 1, to, 10);
    if (length < 1 || length > Mki.MAX_LENGTH) {
      throw error("MKI length must be 1.." + Mki.MAX_LENGTH + " bytes", colon + 1);
    }
    if (colon - from > MAX_MKI_VALUE_DIGITS) {
      throw error("MKI value too long", from);
    }
    BigInteger value =
        colon - from <= 18 // fits a long: the common case, without BigInteger's string parser
            ? BigInteger.valueOf(Long.parseLong(in, from, colon, 10))
            : new BigInteger(in.substring(from, colon));
    if (value.bitLength() > 8 * length) {
      throw error("MKI value does not fit in its length", from);
    }
    return new Mki(value, length);
  }

  private SessionParam sessionParam(CryptoSuite suite, int from, int to) {
    boolean known = suite instanceof CryptoSuite.Known;
    int createdBefore = created.size();
    try {
      SessionParam typed = typedSessionParam(suite, from, to);
      if (typed != null) {
        return typed;
      }
    } catch (SdesParseException | IllegalArgumentException e) {
      if (known) {
        throw e instanceof SdesParseException p ? p : error(e.getMessage(), from);
      }
      // under an unknown suite, SRTP meanings do not apply: keep it as written
      List<KeyParam> abandoned = created.subList(createdBefore, created.size());
      abandoned.forEach(KeyParam::close);
      abandoned.clear();
    }
    return new SessionParam.Unknown(in.substring(from, to));
  }

  /** The registered SRTP session parameter at [from, to), or null when it is none of them. */
  private SessionParam typedSessionParam(CryptoSuite suite, int from, int to) {
    for (SessionParam.Flag flag : FLAGS) {
      if (matches(from, to, flag.name())) {
        return flag;
      }
    }
    if (startsWith(from, to, "KDR=")) {
      return new SessionParam.Kdr(in.substring(from + 4, to));
    }
    if (startsWith(from, to, "WSH=")) {
      return new SessionParam.Wsh(in.substring(from + 4, to));
    }
    if (startsWith(from, to, "FEC_ORDER=")) {
      for (SessionParam.FecType fecType : FEC_TYPES) {
        if (matches(from + 10, to, fecType.name())) {
          return FEC_ORDERS[fecType.ordinal()];
        }
      }
      throw error("FEC_ORDER must be FEC_SRTP or SRTP_FEC", from + 10);
    }
    if (startsWith(from, to, "FEC_KEY=")) {
      if (from + 8 == to) {
        throw error("FEC_KEY without key-params", from + 8);
      }
      List<KeyParam> keys = keyParams(suite, from + 8, to);
      return new SessionParam.FecKey(keys);
    }
    return null;
  }

  private int indexOf(char c, int from, int to) {
    int i = in.indexOf(c, from);
    return i < 0 || i >= to ? -1 : i;
  }

  private static SdesParseException error(String message, int offset) {
    return new SdesParseException(message, offset);
  }
}
