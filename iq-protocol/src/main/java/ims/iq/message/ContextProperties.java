package ims.iq.message;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** Context properties of an action (H.248.1 {@code contextProperty}): priority, emergency and IEPS indications. */
public record ContextProperties(OptionalInt priority, Optional<Boolean> emergency, Optional<Boolean> ieps) {
  public static final ContextProperties NONE = new ContextProperties(OptionalInt.empty(), Optional.empty(), Optional.empty());
  public static final int MAX_PRIORITY = 15;

  public ContextProperties {
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(emergency, "emergency");
    Objects.requireNonNull(ieps, "ieps");
    if (priority.isPresent() && (priority.getAsInt() < 0 || priority.getAsInt() > MAX_PRIORITY)) {
      throw new IllegalArgumentException("priority out of range: " + priority.getAsInt());
    }
  }

  public boolean isEmpty() {
    return priority.isEmpty() && emergency.isEmpty() && ieps.isEmpty();
  }
}
