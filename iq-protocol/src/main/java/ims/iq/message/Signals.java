package ims.iq.message;

import java.util.List;

/** {@code Signals { signal, ... }}; {@code Signals { }} stops all signals. Signal lists are not modelled. */
public record Signals(List<SignalRequest> signals) implements Descriptor {
  public static final Signals NONE = new Signals(List.of());

  public Signals {
    signals = List.copyOf(signals);
    if (signals.size() > Events.MAX_EVENTS) throw new IllegalArgumentException("too many signals");
  }

  public static Signals of(SignalRequest... signals) {
    return new Signals(List.of(signals));
  }
}
