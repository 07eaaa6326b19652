package ims.iq.controller;

import ims.iq.message.Statistics;
import ims.iq.message.TerminationId;
import java.util.Objects;
import java.util.Optional;

/** The outcome of Release AGW Termination: the statistics the gateway returned with the Subtract reply. */
public record ReleasedTermination(TerminationId termination, Optional<Statistics> statistics) {
  public ReleasedTermination {
    Objects.requireNonNull(termination, "termination");
    Objects.requireNonNull(statistics, "statistics");
  }
}
