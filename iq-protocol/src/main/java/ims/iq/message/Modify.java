package ims.iq.message;

import java.util.List;
import java.util.Objects;

/** {@code Modify = termination { descriptors }}: changes a termination (Configure AGW Connection Point, Change Through-Connection). */
public record Modify(TerminationId terminationId, List<Descriptor> descriptors) implements AmmCommand {
  public Modify {
    Objects.requireNonNull(terminationId, "terminationId");
    descriptors = AmmCommand.checkParameters(descriptors);
  }

  public static Modify of(TerminationId terminationId, Descriptor... descriptors) {
    return new Modify(terminationId, List.of(descriptors));
  }
}
