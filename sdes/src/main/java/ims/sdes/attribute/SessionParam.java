package ims.sdes.attribute;

import java.util.List;
import java.util.Objects;

/**
 * An SRTP session parameter of an {@code a=crypto} line (RFC 4568 section 6.3, registry "SRTP
 * Session Parameters"). Every member formats back exactly as it was written.
 *
 * <p>RFC 4568 section 6.3 (defining new SRTP session parameters): a session parameter the receiver
 * does not understand makes the whole crypto attribute unusable, unless it starts with "-", which
 * marks it as optional and ignorable. {@link Unknown#ignorable()} tells which; {@link CryptoAttribute#usable()} applies it.
 */
public sealed interface SessionParam
    permits SessionParam.Kdr,
        SessionParam.Flag,
        SessionParam.FecOrder,
        SessionParam.FecKey,
        SessionParam.Wsh,
        SessionParam.Unknown {

  /** The parameter as written in SDP (for {@link FecKey}: contains key material). */
  String format();

  /**
   * {@code KDR=} key derivation rate, RFC 4568 section 6.3.1: "a decimal integer in the set
   * {1,2,...,24}, which denotes a power of 2 from 2^1 to 2^24, inclusive; leading zeroes MUST NOT
   * be used" (the grammar comment of section 9.2 says 0..24; the text is the stricter and wins).
   * Without KDR a single initial key derivation is performed.
   *
   * @param digits the exponent as written: 1 or 2 digits, value 1..24, no leading zero
   */
  record Kdr(String digits) implements SessionParam {
    public static final int MIN_EXPONENT = 1;
    public static final int MAX_EXPONENT = 24;

    public Kdr {
      Objects.requireNonNull(digits, "digits");
      if (digits.isEmpty() || digits.length() > 2 || !Grammar.isDigits(digits, 0, digits.length())) {
        throw new IllegalArgumentException("KDR is 1 or 2 digits");
      }
      if (digits.charAt(0) == '0') {
        throw new IllegalArgumentException("KDR must be 1..24 without leading zero");
      }
      if (Integer.parseInt(digits) > MAX_EXPONENT) {
        throw new IllegalArgumentException("KDR exponent above " + MAX_EXPONENT);
      }
    }

    public static Kdr ofExponent(int exponent) {
      return new Kdr(Integer.toString(exponent));
    }

    /** n where the key derivation rate is 2^n packets. */
    public int exponent() {
      return Integer.parseInt(digits);
    }

    @Override
    public String format() {
      return "KDR=" + digits;
    }
  }

  /** The value-less flags of RFC 4568 sections 6.3.2 and 6.3.3. */
  enum Flag implements SessionParam {
    UNENCRYPTED_SRTP,
    UNENCRYPTED_SRTCP,
    UNAUTHENTICATED_SRTP;

    @Override
    public String format() {
      return name();
    }
  }

  /** Order of FEC and SRTP processing at the sender, RFC 4568 section 6.3.4. */
  enum FecType {
    FEC_SRTP,
    SRTP_FEC
  }

  /** {@code FEC_ORDER=FEC_SRTP|SRTP_FEC}. */
  record FecOrder(FecType type) implements SessionParam {
    public FecOrder {
      Objects.requireNonNull(type, "type");
    }

    @Override
    public String format() {
      return "FEC_ORDER=" + type.name();
    }
  }

  /**
   * {@code FEC_KEY=key-params}, RFC 4568 section 6.3.5: separate master key(s) for the FEC stream.
   * Its keys belong to the enclosing {@link CryptoAttribute}, which wipes them on close.
   */
  record FecKey(List<KeyParam> keys) implements SessionParam {
    public FecKey {
      keys = List.copyOf(keys);
      if (keys.isEmpty()) {
        throw new IllegalArgumentException("FEC_KEY needs at least one key-param");
      }
    }

    @Override
    public String format() {
      StringBuilder out = new StringBuilder("FEC_KEY=");
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          out.append(';');
        }
        keys.get(i).appendTo(out);
      }
      return out.toString();
    }

    /** Redacted (the key-params redact themselves). */
    @Override
    public String toString() {
      return "FecKey" + keys;
    }
  }

  /**
   * {@code WSH=} SRTP replay window size hint in packets, RFC 4568 section 6.3.6: at least 64.
   *
   * @param digits the size as written (2 or more digits, at most {@link #MAX_DIGITS})
   */
  record Wsh(String digits) implements SessionParam {
    public static final int MIN_WINDOW = 64;
    /** A bound for absurd input: 9 digits keep the value in an int. */
    public static final int MAX_DIGITS = 9;

    public Wsh {
      Objects.requireNonNull(digits, "digits");
      if (digits.length() < 2
          || digits.length() > MAX_DIGITS
          || !Grammar.isDigits(digits, 0, digits.length())) {
        throw new IllegalArgumentException("WSH is 2.." + MAX_DIGITS + " digits");
      }
      if (Integer.parseInt(digits) < MIN_WINDOW) {
        throw new IllegalArgumentException("WSH below the minimum of " + MIN_WINDOW);
      }
    }

    public static Wsh ofWindow(int packets) {
      return new Wsh(Integer.toString(packets));
    }

    public int window() {
      return Integer.parseInt(digits);
    }

    @Override
    public String format() {
      return "WSH=" + digits;
    }
  }

  /**
   * Any other session parameter ({@code srtp-session-extension}, 1*VCHAR), kept as written.
   *
   * @param text the parameter as written
   */
  record Unknown(String text) implements SessionParam {
    public Unknown {
      Objects.requireNonNull(text, "text");
      if (text.isEmpty()) {
        throw new IllegalArgumentException("empty session parameter");
      }
      for (int i = 0; i < text.length(); i++) {
        if (!Grammar.isVchar(text.charAt(i))) {
          throw new IllegalArgumentException("session parameter is not 1*VCHAR");
        }
      }
    }

    /** RFC 4568 section 6.3: a parameter whose name starts with "-" may be ignored. */
    public boolean ignorable() {
      return text.charAt(0) == '-';
    }

    @Override
    public String format() {
      return text;
    }

    /** Shows the name only: under an unknown suite the value could be key material. */
    @Override
    public String toString() {
      int eq = text.indexOf('=');
      return eq < 0 ? "Unknown[" + text + "]" : "Unknown[" + text.substring(0, eq) + "=<redacted>]";
    }
  }
}
