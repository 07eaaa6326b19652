package ims.iq.message;

import java.util.List;
import java.util.Objects;

/** {@code Move = termination { descriptors }}: moves a termination into another context. */
public record Move(TerminationId terminationId, List<Descriptor> descriptors) implements AmmCommand {
  public Move {
    Objects.requireNonNull(terminationId, "terminationId");
    descriptors = AmmCommand.checkParameters(descriptors);
  }

  public static Move of(TerminationId terminationId, Descriptor... descriptors) {
    return new Move(terminationId, List.of(descriptors));
  }
}
