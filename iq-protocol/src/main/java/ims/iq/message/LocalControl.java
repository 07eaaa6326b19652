package ims.iq.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code LocalControl { Mode, ReservedValue, ReservedGroup, package properties }} of a stream. */
public record LocalControl(Optional<StreamMode> mode, Optional<Boolean> reserveValue, Optional<Boolean> reserveGroup,
                           List<PropertyParm> properties) {
  public static final int MAX_PROPERTIES = 64;

  public LocalControl {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(reserveValue, "reserveValue");
    Objects.requireNonNull(reserveGroup, "reserveGroup");
    properties = List.copyOf(properties);
    if (mode.isEmpty() && reserveValue.isEmpty() && reserveGroup.isEmpty() && properties.isEmpty()) {
      throw new IllegalArgumentException("an empty LocalControl descriptor");
    }
    if (properties.size() > MAX_PROPERTIES) throw new IllegalArgumentException("too many properties");
  }

  public static LocalControl of(StreamMode mode, PropertyParm... properties) {
    return new LocalControl(Optional.of(mode), Optional.empty(), Optional.empty(), List.of(properties));
  }

  public Optional<PropertyParm> property(String name) {
    return PropertyParm.find(properties, name);
  }
}
