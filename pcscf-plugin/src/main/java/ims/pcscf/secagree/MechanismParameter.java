package ims.pcscf.secagree;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code mech-parameters} element of RFC 3329 section 2.2: a generic-param, with a value
 * ({@code alg=hmac-sha-1-96}, {@code q=0.1}, {@code d-ver="..."}) or without ({@code mediasec}).
 *
 * @param name  the parameter name as received (an RFC 3261 token; compared case-insensitively)
 * @param value the value exactly as on the wire (a token, a host or a quoted-string with its
 *              quotes), or empty for a value-less parameter
 */
public record MechanismParameter(String name, Optional<String> value) {

  public MechanismParameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (!SipTokens.isToken(name)) {
      throw new IllegalArgumentException("parameter name is not a token: " + name);
    }
    value.ifPresent(v -> {
      if (!SipTokens.isGenValue(v)) {
        throw new IllegalArgumentException("not a token, host or quoted-string: " + v);
      }
    });
  }

  /** A value-less parameter such as {@code mediasec}. */
  public static MechanismParameter flag(String name) {
    return new MechanismParameter(name, Optional.empty());
  }

  /** A parameter with a value (a token, a host or a quoted-string including its quotes). */
  public static MechanismParameter of(String name, String value) {
    return new MechanismParameter(name, Optional.of(value));
  }

  /** Parameter names are tokens, compared case-insensitively (RFC 3261 section 7.3.1). */
  public boolean isNamed(String other) {
    return name.equalsIgnoreCase(other);
  }

  /** The value without surrounding quotes and with quoted-pairs resolved; empty if value-less. */
  public Optional<String> unquotedValue() {
    return value.map(MechanismParameter::unquote);
  }

  /** {@code name} or {@code name=value}, as written on the wire. */
  public String format() {
    return value.map(v -> name + "=" + v).orElse(name);
  }

  /** The parameter name in lower case, for maps and comparisons. */
  String normalizedName() {
    return name.toLowerCase(Locale.ROOT);
  }

  private static String unquote(String v) {
    if (v.isEmpty() || v.charAt(0) != '"') {
      return v;
    }
    var out = new StringBuilder(v.length());
    for (int i = 1; i < v.length() - 1; i++) {
      char c = v.charAt(i);
      if (c == '\\' && i + 1 < v.length() - 1) {
        c = v.charAt(++i);
      }
      out.append(c);
    }
    return out.toString();
  }
}
