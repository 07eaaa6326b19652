package ims.sdes.attribute;

import java.util.Objects;

/**
 * The optional lifetime of a master key (RFC 4568 section 6.1): the number of SRTP packets it may
 * protect, written either in decimal ({@code 1048576}) or as a power of two ({@code 2^20}).
 *
 * <p>The record keeps the written form so that a parsed line formats back byte for byte; two
 * lifetimes are equal when they are written the same way (use {@link #packets()} to compare values).
 *
 * @param text the lifetime as written: {@code 1*DIGIT} or {@code "2^" 1*DIGIT}
 */
public record Lifetime(String text) {

  /** Largest exponent accepted: 2^48 is the longest lifetime any SRTP suite allows (RFC 3711 9.2). */
  public static final int MAX_EXPONENT = 48;

  /** Largest packet count accepted, 2^48. */
  public static final long MAX_PACKETS = 1L << MAX_EXPONENT;

  /** Longest written form accepted (leading zeros included), a bound against absurd input. */
  public static final int MAX_TEXT_LENGTH = 20;

  public Lifetime {
    Objects.requireNonNull(text, "text");
    String problem = problemWith(text);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** A lifetime of 2^exponent packets, written {@code 2^exponent}. */
  public static Lifetime powerOfTwo(int exponent) {
    return new Lifetime("2^" + exponent);
  }

  /** A lifetime of exactly this many packets, written in decimal. */
  public static Lifetime ofPackets(long packets) {
    return new Lifetime(Long.toString(packets));
  }

  /** True when written as {@code 2^n}. */
  public boolean isPowerOfTwo() {
    return text.startsWith("2^");
  }

  /** The number of packets (at most 2^48). */
  public long packets() {
    return isPowerOfTwo() ? 1L << Long.parseLong(text, 2, text.length(), 10) : Long.parseLong(text);
  }

  /** Why the text is not a valid lifetime, or null when it is. */
  static String problemWith(String text) {
    if (text.length() > MAX_TEXT_LENGTH) {
      return "lifetime longer than " + MAX_TEXT_LENGTH + " characters";
    }
    boolean power = text.startsWith("2^");
    int from = power ? 2 : 0;
    if (!Grammar.isDigits(text, from, text.length())) {
      return "lifetime is not [\"2^\"] 1*DIGIT";
    }
    long limit = power ? MAX_EXPONENT : MAX_PACKETS;
    long value = 0;
    for (int i = from; i < text.length() && value <= limit; i++) {
      value = value * 10 + (text.charAt(i) - '0'); // stops before it can overflow
    }
    if (value > limit) {
      return "lifetime above 2^" + MAX_EXPONENT + " packets";
    }
    if (!power && value == 0) {
      return "lifetime of zero packets";
    }
    return null;
  }
}
