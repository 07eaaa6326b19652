package ims.iq.message;

import java.util.List;

/** {@code ObservedEvents = requestId { [timestamp:] pkg/event [{ parameters }], ... }}. */
public record ObservedEvents(long requestId, List<ObservedEvent> events) implements Descriptor {
  public ObservedEvents {
    Transaction.checkId(requestId);
    events = List.copyOf(events);
    if (events.isEmpty()) throw new IllegalArgumentException("at least one observed event");
    if (events.size() > Events.MAX_EVENTS) throw new IllegalArgumentException("too many events");
  }

  public static ObservedEvents of(long requestId, ObservedEvent... events) {
    return new ObservedEvents(requestId, List.of(events));
  }
}
