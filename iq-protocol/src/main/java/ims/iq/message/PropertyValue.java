package ims.iq.message;

import java.util.List;
import java.util.Objects;

/** The right-hand side of a property parameter (H.248.1 Annex B {@code alternativeValue}). */
public sealed interface PropertyValue {
  int MAX_VALUES = 64;

  /** {@code = v}. */
  record Single(Value value) implements PropertyValue {
    public Single {
      Objects.requireNonNull(value, "value");
    }
  }

  /** {@code = [a, b, c]}: any one of these. */
  record Alternatives(List<Value> values) implements PropertyValue {
    public Alternatives {
      values = checked(values);
    }
  }

  /** {@code = [low : high]}. */
  record Range(Value low, Value high) implements PropertyValue {
    public Range {
      Objects.requireNonNull(low, "low");
      Objects.requireNonNull(high, "high");
    }
  }

  /** {@code = { a, b, c }}: all of these. */
  record Sublist(List<Value> values) implements PropertyValue {
    public Sublist {
      values = checked(values);
    }
  }

  private static List<Value> checked(List<Value> values) {
    var copy = List.copyOf(values);
    if (copy.isEmpty()) throw new IllegalArgumentException("at least one value");
    if (copy.size() > MAX_VALUES) throw new IllegalArgumentException("too many values");
    return copy;
  }
}
