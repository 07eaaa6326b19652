package ims.iq.message;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * {@code Events = requestId { event, ... }}: the events the gateway shall detect and report in a Notify with the same
 * request id, e.g. {@code hangterm/thb { timerx = 60 }}. {@code Events} alone (no id) clears them.
 */
public record Events(OptionalLong requestId, List<RequestedEvent> events) implements Descriptor {
  public static final int MAX_EVENTS = 64;
  public static final Events CLEAR = new Events(OptionalLong.empty(), List.of());

  public Events {
    Objects.requireNonNull(requestId, "requestId");
    events = List.copyOf(events);
    if (requestId.isPresent()) {
      Transaction.checkId(requestId.getAsLong());
      if (events.isEmpty()) throw new IllegalArgumentException("a request id needs at least one event");
    } else if (!events.isEmpty()) {
      throw new IllegalArgumentException("events need a request id");
    }
    if (events.size() > MAX_EVENTS) throw new IllegalArgumentException("too many events");
  }

  public static Events of(long requestId, RequestedEvent... events) {
    return new Events(OptionalLong.of(requestId), List.of(events));
  }
}
