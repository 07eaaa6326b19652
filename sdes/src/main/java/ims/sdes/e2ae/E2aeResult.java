package ims.sdes.e2ae;

import java.util.Objects;

/** The outcome of a transform: the rewritten SDP with what the gateway must be told, or a typed rejection. */
public sealed interface E2aeResult<T> permits E2aeResult.Ok, E2aeResult.Rejected {

  record Ok<T>(T value) implements E2aeResult<T> {
    public Ok {
      Objects.requireNonNull(value, "value");
    }
  }

  record Rejected<T>(Rejection rejection) implements E2aeResult<T> {
    public Rejected {
      Objects.requireNonNull(rejection, "rejection");
    }
  }

  static <T> E2aeResult<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> E2aeResult<T> rejected(Rejection rejection) {
    return new Rejected<>(rejection);
  }
}
