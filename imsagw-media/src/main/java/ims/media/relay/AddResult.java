package ims.media.relay;

import java.util.Objects;

/** The outcome of adding a termination to a context. */
public sealed interface AddResult {

  /** The termination is bound and configured. */
  record Added(RelayTermination termination) implements AddResult {
    public Added {
      Objects.requireNonNull(termination, "termination");
    }
  }

  /** Nothing was allocated (or everything allocated was returned); {@code detail} names no key material. */
  record Refused(Reason reason, String detail) implements AddResult {
    public Refused {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** Why a termination could not be added. */
  enum Reason {
    /** The realm's port range has no free pair. */
    PORTS_EXHAUSTED,
    /** No realm of that name is configured. */
    UNKNOWN_REALM,
    /** The context already has two terminations, or is released. */
    CONTEXT_FULL,
    /** The sockets could not be bound (ports taken by another process on every attempt). */
    BIND_FAILED
  }
}
