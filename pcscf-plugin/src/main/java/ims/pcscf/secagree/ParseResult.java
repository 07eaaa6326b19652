package ims.pcscf.secagree;

import java.util.Objects;

/** The outcome of parsing wire input: a value, or the reason and the offset where parsing stopped. */
public sealed interface ParseResult<T> {

  /** Parsed successfully. */
  record Ok<T>(T value) implements ParseResult<T> {
    public Ok {
      Objects.requireNonNull(value, "value");
    }
  }

  /** Not parseable: {@code offset} is the index in the input where the error was found. */
  record Err<T>(SecAgreeError error, int offset) implements ParseResult<T> {
    public Err {
      Objects.requireNonNull(error, "error");
      if (offset < 0) {
        throw new IllegalArgumentException("negative offset: " + offset);
      }
    }
  }

  static <T> ParseResult<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> ParseResult<T> err(SecAgreeError error, int offset) {
    return new Err<>(error, offset);
  }

  default boolean isOk() {
    return this instanceof Ok<T>;
  }
}
