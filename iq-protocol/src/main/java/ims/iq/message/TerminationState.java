package ims.iq.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code TerminationState { ServiceStates, Buffer, properties }}, e.g. {@code ipdc/realm = "access"}. */
public record TerminationState(Optional<ServiceState> serviceState, Optional<EventBufferControl> eventBufferControl,
                               List<PropertyParm> properties) {
  public TerminationState {
    Objects.requireNonNull(serviceState, "serviceState");
    Objects.requireNonNull(eventBufferControl, "eventBufferControl");
    properties = List.copyOf(properties);
    if (serviceState.isEmpty() && eventBufferControl.isEmpty() && properties.isEmpty()) {
      throw new IllegalArgumentException("an empty TerminationState descriptor");
    }
    if (properties.size() > LocalControl.MAX_PROPERTIES) throw new IllegalArgumentException("too many properties");
  }

  public static TerminationState of(PropertyParm... properties) {
    return new TerminationState(Optional.empty(), Optional.empty(), List.of(properties));
  }

  public Optional<PropertyParm> property(String name) {
    return PropertyParm.find(properties, name);
  }

  /** {@code ServiceStates = ...}. */
  public enum ServiceState { TEST, OUT_OF_SERVICE, IN_SERVICE }

  /** {@code Buffer = ...}: whether observed events are buffered. */
  public enum EventBufferControl { OFF, LOCK_STEP }
}
