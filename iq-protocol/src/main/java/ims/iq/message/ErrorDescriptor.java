package ims.iq.message;

import java.util.Objects;
import java.util.Optional;

/** {@code Error = code { "text" }}. The text cannot contain a double quote. */
public record ErrorDescriptor(ErrorCode code, Optional<String> text) implements Descriptor {
  public ErrorDescriptor {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(text, "text");
    if (text.isPresent() && (text.get().indexOf('"') >= 0 || text.get().length() > Value.MAX_LENGTH)) {
      throw new IllegalArgumentException("error text cannot contain '\"'");
    }
  }

  /** The code with its standard description as text (or no text for an unknown code). */
  public static ErrorDescriptor of(ErrorCode code) {
    return new ErrorDescriptor(code, code.description());
  }

  public static ErrorDescriptor of(ErrorCode code, String text) {
    return new ErrorDescriptor(code, Optional.of(text));
  }
}
