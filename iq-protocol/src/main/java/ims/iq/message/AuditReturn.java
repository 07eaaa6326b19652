package ims.iq.message;

import java.util.List;
import java.util.Optional;

/**
 * Replies that may return descriptors about the termination ({@code terminationAudit}): Add/Modify/Move/Subtract and
 * the audits. An error descriptor inside means the command failed for that termination.
 */
public sealed interface AuditReturn extends CommandReply
    permits AddReply, ModifyReply, MoveReply, SubtractReply, AuditValueReply, AuditCapabilitiesReply {
  int MAX_DESCRIPTORS = 32;

  List<Descriptor> descriptors();

  default Optional<Media> media() {
    return Descriptors.first(descriptors(), Media.class);
  }

  default Optional<Statistics> statistics() {
    return Descriptors.first(descriptors(), Statistics.class);
  }

  default Optional<Events> events() {
    return Descriptors.first(descriptors(), Events.class);
  }

  default Optional<ObservedEvents> observedEvents() {
    return Descriptors.first(descriptors(), ObservedEvents.class);
  }

  default Optional<Packages> packages() {
    return Descriptors.first(descriptors(), Packages.class);
  }

  default Optional<ErrorDescriptor> error() {
    return Descriptors.first(descriptors(), ErrorDescriptor.class);
  }

  static List<Descriptor> checkReturns(List<Descriptor> descriptors) {
    var copy = List.copyOf(descriptors);
    if (copy.size() > MAX_DESCRIPTORS) throw new IllegalArgumentException("too many descriptors");
    for (Descriptor d : copy) {
      if (d instanceof Audit) throw new IllegalArgumentException("an Audit descriptor is not returned in a reply");
    }
    return copy;
  }
}
