package ims.sdes.key;

import java.security.SecureRandom;

/**
 * Where fresh key material comes from. The e2ae transforms take one as a parameter so that they stay
 * pure: production passes {@link #secureRandom()}, tests pass a fixed sequence.
 *
 * <p>Implementations must be safe for concurrent use.
 */
@FunctionalInterface
public interface KeySource {

  /** Fills {@code out} completely with fresh bytes. */
  void nextBytes(byte[] out);

  /** A source backed by one {@link SecureRandom} (thread-safe, seeded by the JDK). */
  static KeySource secureRandom() {
    SecureRandom random = new SecureRandom();
    return random::nextBytes;
  }
}
