package ims.pcscf.policy;

import java.util.Objects;

/** One policy rule: registrations matching {@code match} are (or are not) offered e2ae. */
public record E2aeRule(AccessMatch match, boolean offerE2ae) {
  public E2aeRule {
    Objects.requireNonNull(match, "match");
  }
}
