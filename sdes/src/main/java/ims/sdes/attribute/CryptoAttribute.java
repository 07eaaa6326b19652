package ims.sdes.attribute;

import ims.sdes.SdesParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The value of an SDP {@code a=crypto} attribute (RFC 4568 section 9.1):
 * {@code tag 1*WSP crypto-suite 1*WSP key-params *(1*WSP session-param)}.
 *
 * <p>A parsed attribute remembers how it was written (whitespace runs, base64 text, lifetime and
 * MKI spelling, session parameters), so {@link #format()} gives back exactly the
 * parsed text. Whitespace after the last field is outside the grammar but seen in real SDP (a
 * trailing space before CRLF); it is tolerated and kept. Every other deviation is an error.
 *
 * <p>Names are matched case-sensitively, as registered with IANA (crypto-suites, {@code inline},
 * session parameters): an unrecognised spelling is an unknown suite or parameter, never a guess. One built with {@link #of} formats canonically (single spaces, padded base64).
 *
 * <p>Holds key material: {@link #toString()} is redacted and {@link #close()} wipes every key,
 * including those of {@code FEC_KEY}. The attribute owns its key-params; callers must not close
 * them individually.
 *
 * <p>An attribute can parse and still be unusable: see {@link #usable()}.
 *
 * <p>Immutable until closed; the owner closes it once it no longer needs the keys. Not meant to be
 * closed while another thread reads it.
 */
public final class CryptoAttribute implements AutoCloseable {

  /** Longest attribute value accepted, in characters. */
  public static final int MAX_LENGTH = 8192;
  /** Most key-params accepted in one key-params field (main keys, and those of FEC_KEY). */
  public static final int MAX_KEY_PARAMS = 16;
  /** Most session parameters accepted. */
  public static final int MAX_SESSION_PARAMS = 32;
  /** Largest tag (1*9DIGIT). */
  public static final int MAX_TAG = 999_999_999;

  private final String tagText;
  private final CryptoSuite suite;
  private final List<KeyParam> keys;
  private final List<SessionParam> sessionParams;
  /** Whitespace runs: before the suite, before the key-params, then one before each session param. */
  private final List<String> gaps;
  /** Whitespace after the last field: not in the grammar, tolerated on input and kept. */
  private final String trailing;
  private boolean closed;

  CryptoAttribute(
      String tagText,
      CryptoSuite suite,
      List<KeyParam> keys,
      List<SessionParam> sessionParams,
      List<String> gaps,
      String trailing) {
    this.tagText = tagText;
    this.suite = suite;
    this.keys = List.copyOf(keys);
    this.sessionParams = List.copyOf(sessionParams);
    this.gaps = List.copyOf(gaps);
    this.trailing = trailing;
  }

  /**
   * Parses the text after {@code a=crypto:} (no line end).
   *
   * @throws SdesParseException when the text breaks the RFC 4568 grammar, an SRTP rule for a known
   *     suite, or a size limit; the message never contains key material
   */
  public static CryptoAttribute parse(String value) {
    Objects.requireNonNull(value, "value");
    return new CryptoAttributeParser(value).parse();
  }

  /** A one-key attribute for an offer or answer; the key-param is copied (the caller keeps its own). */
  public static CryptoAttribute of(
      int tag, SrtpSuite suite, KeyParam key, List<SessionParam> params) {
    return of(tag, suite, List.of(key), params);
  }

  /**
   * An attribute for an offer or answer; the key-params are copied (the caller keeps its own).
   *
   * @throws IllegalArgumentException when the keys or parameters break an RFC 4568 rule
   */
  public static CryptoAttribute of(
      int tag, SrtpSuite suite, List<KeyParam> keys, List<SessionParam> params) {
    Objects.requireNonNull(suite, "suite");
    if (tag < 0 || tag > MAX_TAG) {
      throw new IllegalArgumentException("tag must be 0.." + MAX_TAG + ": " + tag);
    }
    List<KeyParam> ownKeys = new ArrayList<>(keys.size());
    List<SessionParam> ownParams = new ArrayList<>(params.size());
    boolean success = false;
    try {
      for (KeyParam key : keys) {
        ownKeys.add(key.copy());
      }
      for (SessionParam param : params) {
        if (param instanceof SessionParam.FecKey fec) {
          List<KeyParam> fecKeys = new ArrayList<>(fec.keys().size());
          try {
            fec.keys().forEach(k -> fecKeys.add(k.copy()));
          } catch (RuntimeException e) {
            fecKeys.forEach(KeyParam::close);
            throw e;
          }
          ownParams.add(new SessionParam.FecKey(fecKeys));
        } else {
          ownParams.add(param);
        }
      }
      String problem = KeyRules.messageOf(KeyRules.check(suite, ownKeys));
      if (problem == null) {
        problem = KeyRules.messageOf(KeyRules.checkParams(suite, ownParams));
      }
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
      List<String> gaps = new ArrayList<>();
      gaps.add(" ");
      gaps.add(" ");
      ownParams.forEach(p -> gaps.add(" "));
      CryptoAttribute attribute =
          new CryptoAttribute(
              Integer.toString(tag), new CryptoSuite.Known(suite), ownKeys, ownParams, gaps, "");
      success = true;
      return attribute;
    } finally {
      if (!success) {
        wipe(ownKeys, ownParams);
      }
    }
  }

  /** The tag (RFC 4568 section 4.1): identifies this line in the offer/answer exchange. */
  public int tag() {
    return Integer.parseInt(tagText);
  }

  public CryptoSuite suite() {
    return suite;
  }

  /** The supported suite, or empty when the suite is unknown. */
  public Optional<SrtpSuite> knownSuite() {
    return suite.known();
  }

  /** The key-params in order; at least one. Owned by this attribute: do not close them. */
  public List<KeyParam> keys() {
    return keys;
  }

  public List<SessionParam> sessionParams() {
    return sessionParams;
  }

  /**
   * True when the caller may use this line for SRTP: the suite is known and every session
   * parameter is understood or marked optional with a leading "-" (RFC 4568 section 6.3). An
   * offerer's line that is not usable is skipped, not answered with an error.
   */
  public boolean usable() {
    if (!(suite instanceof CryptoSuite.Known)) {
      return false;
    }
    for (int i = 0; i < sessionParams.size(); i++) {
      if (sessionParams.get(i) instanceof SessionParam.Unknown unknown && !unknown.ignorable()) {
        return false;
      }
    }
    return true;
  }

  /** The attribute value as written (no {@code a=crypto:} prefix). Contains keys: never log it. */
  public String format() {
    if (closed) {
      throw new IllegalStateException("crypto attribute was closed (keys wiped)");
    }
    StringBuilder out = new StringBuilder(128);
    out.append(tagText).append(gaps.get(0)).append(suite.name()).append(gaps.get(1));
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) {
        out.append(';');
      }
      keys.get(i).appendTo(out);
    }
    for (int i = 0; i < sessionParams.size(); i++) {
      out.append(gaps.get(2 + i)).append(sessionParams.get(i).format());
    }
    return out.append(trailing).toString();
  }

  /** Wipes every key (main and FEC_KEY). Idempotent. */
  @Override
  public void close() {
    closed = true;
    wipe(keys, sessionParams);
  }

  public boolean isClosed() {
    return closed;
  }

  static void wipe(List<KeyParam> keys, List<SessionParam> params) {
    keys.forEach(KeyParam::close);
    for (SessionParam param : params) {
      if (param instanceof SessionParam.FecKey fec) {
        fec.keys().forEach(KeyParam::close);
      }
    }
  }

  /**
   * Equal when both would format to the same text: same tag, suite, keys (compared in constant
   * time), session parameters and whitespace. Two spellings of one key (padded and unpadded
   * base64) are different attributes.
   */
  @Override
  public boolean equals(Object o) {
    return this == o
        || o instanceof CryptoAttribute other
            && tagText.equals(other.tagText)
            && suite.equals(other.suite)
            && keys.equals(other.keys)
            && sessionParams.equals(other.sessionParams)
            && gaps.equals(other.gaps)
            && trailing.equals(other.trailing);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tagText, suite, keys, sessionParams, gaps);
  }

  /** Redacted: no key material. */
  @Override
  public String toString() {
    return "CryptoAttribute[tag="
        + tagText
        + ", suite="
        + suite.name()
        + ", keys="
        + keys
        + ", sessionParams="
        + sessionParams
        + (closed ? ", closed" : "")
        + "]";
  }
}
