package ims.iq.controller;

import ims.iq.message.ContextId;
import ims.iq.message.SdpText;
import ims.iq.message.TerminationId;
import java.util.Objects;
import java.util.Optional;

/**
 * A reserved or configured termination: its context, its id, and the Local SDP the gateway returned
 * (address and port filled in). The caller owns {@code local} and closes it when done.
 */
public record ConnectionPoint(ContextId.Numbered context, TerminationId termination, Optional<SdpText> local) {
  public ConnectionPoint {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(termination, "termination");
    Objects.requireNonNull(local, "local");
  }
}
