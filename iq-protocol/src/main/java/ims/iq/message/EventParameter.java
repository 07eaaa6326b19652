package ims.iq.message;

import java.util.Objects;
import java.util.Optional;

/** A parameter of a requested or observed event (H.248.1 Annex B {@code eventParameter}). */
public sealed interface EventParameter permits PropertyParm, EventParameter.StreamId, EventParameter.KeepActive,
    EventParameter.DigitMapRef, EventParameter.Embed, EventParameter.ResetEvents {

  /** {@code Stream = id}. */
  record StreamId(int id) implements EventParameter {
    public StreamId {
      if (id < 0 || id > Stream.MAX_ID) throw new IllegalArgumentException("stream id out of range: " + id);
    }
  }

  /** {@code KeepActive}: signals keep playing when the event is detected. */
  record KeepActive() implements EventParameter {
  }

  /** {@code DigitMap = name} or {@code DigitMap { value }}. */
  record DigitMapRef(DigitMap digitMap) implements EventParameter {
    public DigitMapRef {
      Objects.requireNonNull(digitMap, "digitMap");
    }
  }

  /** {@code Embed { [Signals{...}] [, Events = id {...}] }}. */
  record Embed(Optional<Signals> signals, Optional<Events> events) implements EventParameter {
    public Embed {
      Objects.requireNonNull(signals, "signals");
      Objects.requireNonNull(events, "events");
      if (signals.isEmpty() && events.isEmpty()) throw new IllegalArgumentException("an empty Embed");
    }
  }

  /** {@code ResetEventsDescriptor} (H.248.1 v3). */
  record ResetEvents() implements EventParameter {
  }
}
