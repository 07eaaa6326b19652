package ims.iq.message;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code DigitMap = name [{ value }]} or {@code DigitMap { value }}. The value is kept as text (trimmed), since no Iq
 * procedure uses digit maps.
 */
public record DigitMap(Optional<String> name, Optional<String> value) implements Descriptor {
  public DigitMap {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (name.isEmpty() && value.isEmpty()) throw new IllegalArgumentException("a digit map needs a name or a value");
    if (name.isPresent() && !name.get().matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
      throw new IllegalArgumentException("not a digit map name: " + name.get());
    }
    if (value.isPresent() && (value.get().indexOf('}') >= 0 || value.get().indexOf('{') >= 0
        || value.get().length() > Value.MAX_LENGTH)) {
      throw new IllegalArgumentException("not a digit map value");
    }
  }
}
