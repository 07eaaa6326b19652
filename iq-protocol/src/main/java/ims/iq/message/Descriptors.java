package ims.iq.message;

import java.util.List;
import java.util.Optional;

/** Lookup shared by the command and reply families. */
final class Descriptors {
  private Descriptors() {
  }

  static <T extends Descriptor> Optional<T> first(List<Descriptor> descriptors, Class<T> type) {
    for (Descriptor d : descriptors) {
      if (type.isInstance(d)) return Optional.of(type.cast(d));
    }
    return Optional.empty();
  }
}
