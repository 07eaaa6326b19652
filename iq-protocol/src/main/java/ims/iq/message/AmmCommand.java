package ims.iq.message;

import java.util.List;
import java.util.Optional;

/** Add, Modify and Move share their parameters ({@code ammParameter}): descriptors applied to the termination. */
public sealed interface AmmCommand extends Command permits Add, Modify, Move {
  int MAX_DESCRIPTORS = 32;

  List<Descriptor> descriptors();

  default Optional<Media> media() {
    return Descriptors.first(descriptors(), Media.class);
  }

  default Optional<Events> events() {
    return Descriptors.first(descriptors(), Events.class);
  }

  default Optional<Signals> signals() {
    return Descriptors.first(descriptors(), Signals.class);
  }

  default Optional<Audit> audit() {
    return Descriptors.first(descriptors(), Audit.class);
  }

  static List<Descriptor> checkParameters(List<Descriptor> descriptors) {
    var copy = List.copyOf(descriptors);
    if (copy.size() > MAX_DESCRIPTORS) throw new IllegalArgumentException("too many descriptors");
    for (Descriptor d : copy) {
      boolean allowed = switch (d) {
        case Media m -> true;
        case Events e -> true;
        case Signals s -> true;
        case DigitMap dm -> true;
        case Audit a -> true;
        case Statistics st -> true;
        case ObservedEvents oe -> false;
        case ErrorDescriptor er -> false;
        case Packages p -> false;
      };
      if (!allowed) throw new IllegalArgumentException("not an Add/Modify/Move parameter: " + d.getClass().getSimpleName());
    }
    return copy;
  }
}
