package ims.iq.message;

import java.util.List;
import java.util.Objects;

/** {@code Add = termination { descriptors }}: adds a termination to a context (Reserve [and Configure] AGW Connection Point). */
public record Add(TerminationId terminationId, List<Descriptor> descriptors) implements AmmCommand {
  public Add {
    Objects.requireNonNull(terminationId, "terminationId");
    descriptors = AmmCommand.checkParameters(descriptors);
  }

  public static Add of(TerminationId terminationId, Descriptor... descriptors) {
    return new Add(terminationId, List.of(descriptors));
  }
}
