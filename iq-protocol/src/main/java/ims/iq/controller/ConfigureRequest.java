package ims.iq.controller;

import ims.iq.message.ContextId;
import ims.iq.message.SdpText;
import ims.iq.message.StreamMode;
import ims.iq.message.TerminationId;
import java.util.Objects;
import java.util.Optional;

/** Configure AGW Connection Point (TS 23.334 8.5): a Modify of an existing termination's stream. */
public record ConfigureRequest(ContextId.Numbered context, TerminationId termination, Optional<StreamMode> mode,
    Optional<SdpText> local, Optional<SdpText> remote) {
  public ConfigureRequest {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(termination, "termination");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(remote, "remote");
    if (termination.isWildcard() || termination.isRoot()) {
      throw new IllegalArgumentException("configure one concrete termination, not " + termination);
    }
    if (mode.isEmpty() && local.isEmpty() && remote.isEmpty()) throw new IllegalArgumentException("nothing to configure");
  }

  /** The usual case: the answer's SDP becomes the Remote descriptor. */
  public static ConfigureRequest remote(ContextId.Numbered context, TerminationId termination, SdpText remote) {
    return new ConfigureRequest(context, termination, Optional.empty(), Optional.empty(), Optional.of(remote));
  }
}
