package ims.media.srtp;

/** What the engine's method-handle calls into the JDK's crypto internals ({@link JdkCtr}, {@link Sha1Midstate}) throw. */
final class Invocations {
  private Invocations() {
  }

  /**
   * {@code e} for a {@code throw}: unchecked exceptions and errors as they are, anything checked wrapped in an
   * {@link IllegalStateException} (the handles' targets declare none the engine could handle).
   */
  static RuntimeException unchecked(Throwable e) {
    if (e instanceof RuntimeException r) {
      return r;
    }
    if (e instanceof Error err) {
      throw err;
    }
    return new IllegalStateException(e);
  }
}
