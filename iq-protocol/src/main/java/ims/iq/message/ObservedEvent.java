package ims.iq.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One observed event. Parameters are {@link EventParameter.StreamId} or {@link PropertyParm}
 * (H.248.1 {@code observedEventParameter}).
 */
public record ObservedEvent(Optional<TimeStamp> timeStamp, String name, List<EventParameter> parameters) {
  public ObservedEvent {
    Objects.requireNonNull(timeStamp, "timeStamp");
    Objects.requireNonNull(name, "name");
    if (name.length() > PropertyParm.MAX_NAME_LENGTH || !RequestedEvent.PKGD_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a package/event name: " + name);
    }
    parameters = List.copyOf(parameters);
    if (parameters.size() > RequestedEvent.MAX_PARAMETERS) throw new IllegalArgumentException("too many parameters");
    for (EventParameter p : parameters) {
      if (!(p instanceof PropertyParm || p instanceof EventParameter.StreamId)) {
        throw new IllegalArgumentException("an observed event takes only Stream and named parameters");
      }
    }
  }

  public static ObservedEvent of(String name, EventParameter... parameters) {
    return new ObservedEvent(Optional.empty(), name, List.of(parameters));
  }
}
