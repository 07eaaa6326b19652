package ims.sdes.attribute;

import ims.sdes.key.KeySource;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One key-param of an {@code a=crypto} line (RFC 4568 section 6.1):
 * {@code inline:<base64 key||salt>[|lifetime][|MKI:length]}.
 *
 * <p>Holds key material, so it is a class and not a record: it keeps private copies of the key||salt
 * bytes and of their base64 text (the text as written, for byte-exact formatting), never shows
 * them in {@link #toString()}, compares them in constant time, and zero-fills both on
 * {@link #close()}. After close the key reads as zeros and the key-param can no longer be
 * formatted.
 *
 * <p>Under a crypto suite we do not know, RFC 4568 only requires the generic grammar
 * {@code key-method ":" key-info}; a key-param that is not an SRTP {@code inline:} key is then kept
 * {@linkplain #isOpaque() opaque} (its key-info as written, wiped on close like a key).
 */
public final class KeyParam implements AutoCloseable {

  /** The only key method RFC 4568 defines (case-sensitive, as registered with IANA). */
  public static final String INLINE = "inline";

  private final String method;
  /** The base64 key||salt as written (inline) or the whole key-info (opaque). */
  private final char[] text;
  /** Decoded key||salt, or null when opaque. */
  private final byte[] keySalt;
  private final Lifetime lifetime;
  private final Mki mki;
  /** The MKI as written, e.g. {@code 001:4}; null without MKI. */
  private final String mkiText;
  private boolean wiped;

  private KeyParam(
      String method, char[] text, byte[] keySalt, Lifetime lifetime, Mki mki, String mkiText) {
    this.method = method;
    this.text = text;
    this.keySalt = keySalt;
    this.lifetime = lifetime;
    this.mki = mki;
    this.mkiText = mkiText;
  }

  /**
   * An inline key-param holding a private copy of {@code keySalt} (the caller keeps and wipes its
   * own array). Formats with canonical padded base64.
   */
  public static KeyParam inline(byte[] keySalt, Lifetime lifetimeOrNull, Mki mkiOrNull) {
    Objects.requireNonNull(keySalt, "keySalt");
    if (keySalt.length == 0) {
      throw new IllegalArgumentException("empty key||salt");
    }
    byte[] copy = keySalt.clone();
    return new KeyParam(
        INLINE,
        Base64Text.encode(copy),
        copy,
        lifetimeOrNull,
        mkiOrNull,
        mkiOrNull == null ? null : mkiOrNull.format());
  }

  /** A fresh random key||salt of the suite's length, without lifetime or MKI. */
  public static KeyParam generate(SrtpSuite suite, KeySource source) {
    return generate(suite, source, null, null);
  }

  /** A fresh random key||salt of the suite's length. */
  public static KeyParam generate(
      SrtpSuite suite, KeySource source, Lifetime lifetimeOrNull, Mki mkiOrNull) {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(source, "source");
    byte[] bytes = new byte[suite.keySaltLength()];
    try {
      source.nextBytes(bytes);
      return inline(bytes, lifetimeOrNull, mkiOrNull);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** A parsed inline key-param; takes ownership of both arrays. */
  static KeyParam parsedInline(
      char[] base64, byte[] keySalt, Lifetime lifetime, Mki mki, String mkiText) {
    return new KeyParam(INLINE, base64, keySalt, lifetime, mki, mkiText);
  }

  /** A parsed key-param we cannot interpret (unknown suite); takes ownership of the array. */
  static KeyParam parsedOpaque(String method, char[] keyInfo) {
    return new KeyParam(method, keyInfo, null, null, null, null);
  }

  /** An independent copy (its own arrays, to be closed separately). */
  public KeyParam copy() {
    checkNotWiped();
    return new KeyParam(
        method, text.clone(), keySalt == null ? null : keySalt.clone(), lifetime, mki, mkiText);
  }

  /** The key method as written ({@code inline} unless opaque). */
  public String method() {
    return method;
  }

  /**
   * True for a key-param kept uninterpreted because the suite is unknown and it is not an SRTP
   * inline key; it has no key||salt, lifetime or MKI.
   */
  public boolean isOpaque() {
    return keySalt == null;
  }

  /** A fresh copy of key||salt (zeros after {@link #close()}); the caller wipes it. */
  public byte[] keySaltCopy() {
    if (keySalt == null) {
      throw new IllegalStateException("opaque key-param has no key||salt");
    }
    return keySalt.clone();
  }

  /** Length of key||salt in bytes (0 when opaque). */
  public int keySaltLength() {
    return keySalt == null ? 0 : keySalt.length;
  }

  public Optional<Lifetime> lifetime() {
    return Optional.ofNullable(lifetime);
  }

  public Optional<Mki> mki() {
    return Optional.ofNullable(mki);
  }

  /** Appends the key-param exactly as parsed (or canonically, when built). */
  void appendTo(StringBuilder out) {
    checkNotWiped();
    out.append(method).append(':').append(text);
    if (lifetime != null) {
      out.append('|').append(lifetime.text());
    }
    if (mkiText != null) {
      out.append('|').append(mkiText);
    }
  }

  /** The key-param as written in SDP. Contains key material: never log it. */
  public String format() {
    StringBuilder out = new StringBuilder(text.length + 32);
    appendTo(out);
    return out.toString();
  }

  /** Zero-fills the key||salt and its text. Idempotent. */
  @Override
  public void close() {
    if (keySalt != null) {
      Arrays.fill(keySalt, (byte) 0);
    }
    Arrays.fill(text, '\0');
    wiped = true;
  }

  public boolean isWiped() {
    return wiped;
  }

  private void checkNotWiped() {
    if (wiped) {
      throw new IllegalStateException("key-param was closed (key wiped)");
    }
  }

  /** Equal when method, key (constant-time), its written text, lifetime and MKI are all equal. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof KeyParam other)) {
      return false;
    }
    boolean sameKey =
        (keySalt == null) == (other.keySalt == null)
            && (keySalt == null || MessageDigest.isEqual(keySalt, other.keySalt));
    return sameKey
        & constantTimeEquals(text, other.text)
        & method.equals(other.method)
        & Objects.equals(lifetime, other.lifetime)
        & Objects.equals(mkiText, other.mkiText)
        & wiped == other.wiped;
  }

  private static boolean constantTimeEquals(char[] a, char[] b) {
    if (a.length != b.length) {
      return false;
    }
    int diff = 0;
    for (int i = 0; i < a.length; i++) {
      diff |= a[i] ^ b[i];
    }
    return diff == 0;
  }

  /** Hashes only non-secret parts. */
  @Override
  public int hashCode() {
    return Objects.hash(method, text.length, lifetime, mkiText);
  }

  /** Redacted: method, key length, lifetime and MKI only. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("KeyParam[").append(method);
    if (keySalt == null) {
      out.append(", opaque ").append(text.length).append(" chars");
    } else {
      out.append(", ").append(keySalt.length).append(" bytes <redacted>");
    }
    if (lifetime != null) {
      out.append(", lifetime=").append(lifetime.text());
    }
    if (mkiText != null) {
      out.append(", mki=").append(mkiText);
    }
    if (wiped) {
      out.append(", wiped");
    }
    return out.append(']').toString();
  }
}
