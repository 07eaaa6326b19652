package ims.pcscf.policy;

import ims.sdes.attribute.SrtpSuite;
import java.util.List;
import java.util.Objects;

/**
 * The P-CSCF's media-security policy (TS 33.328 7.1 NOTE 2: it may depend on the access network,
 * hence on the registration, never on the subscription).
 *
 * @param e2aeCapable    the P-CSCF (with its IMS-AGW) can provide e2ae at all
 * @param rules          evaluated in order; the first rule whose match applies decides
 * @param offerByDefault the decision when no rule matches
 * @param allowedSuites  SRTP suites acceptable for e2ae, most preferred first
 * @param whenUnavailable what to do when a UE requests e2ae and the P-CSCF cannot provide it (the UE's
 *                        binding has no e2ae agreement, or no IMS-AGW is configured)
 * @param whenGatewayFails the answer when the IMS-AGW is configured but unreachable or refusing (503 or 488)
 */
public record PcscfPolicy(
    boolean e2aeCapable,
    List<E2aeRule> rules,
    boolean offerByDefault,
    List<SrtpSuite> allowedSuites,
    E2aeUnavailableAction whenUnavailable,
    GatewayFailureAction whenGatewayFails) {

  /** Offers e2ae everywhere with the RFC 4568 mandatory suite first; rejects with 488 if it can't. */
  public static final PcscfPolicy DEFAULT = new PcscfPolicy(
      true,
      List.of(),
      true,
      List.of(SrtpSuite.AES_CM_128_HMAC_SHA1_80, SrtpSuite.AES_CM_128_HMAC_SHA1_32),
      E2aeUnavailableAction.REJECT_488,
      GatewayFailureAction.SERVICE_UNAVAILABLE_503);

  /** A P-CSCF without e2ae: never announces it, forwards what UEs send. */
  public static final PcscfPolicy E2AE_DISABLED =
      new PcscfPolicy(false, List.of(), false, List.of(), E2aeUnavailableAction.FORWARD_AS_IS,
          GatewayFailureAction.SERVICE_UNAVAILABLE_503);

  public PcscfPolicy {
    rules = List.copyOf(rules);
    allowedSuites = List.copyOf(allowedSuites);
    Objects.requireNonNull(whenUnavailable, "whenUnavailable");
    Objects.requireNonNull(whenGatewayFails, "whenGatewayFails");
    if (e2aeCapable && allowedSuites.isEmpty()) {
      throw new IllegalArgumentException("an e2ae-capable policy needs at least one allowed suite");
    }
    if (allowedSuites.stream().distinct().count() != allowedSuites.size()) {
      throw new IllegalArgumentException("allowed suites repeat: " + allowedSuites);
    }
  }

  /** A policy answering 503 when the IMS-AGW fails (the default). */
  public PcscfPolicy(boolean e2aeCapable, List<E2aeRule> rules, boolean offerByDefault, List<SrtpSuite> allowedSuites,
      E2aeUnavailableAction whenUnavailable) {
    this(e2aeCapable, rules, offerByDefault, allowedSuites, whenUnavailable, GatewayFailureAction.SERVICE_UNAVAILABLE_503);
  }

  /** This policy with another answer to IMS-AGW failures. */
  public PcscfPolicy withWhenGatewayFails(GatewayFailureAction action) {
    return new PcscfPolicy(e2aeCapable, rules, offerByDefault, allowedSuites, whenUnavailable, action);
  }

  /**
   * Whether the network announces e2ae ({@code Security-Server: sdes-srtp;mediasec}) for this
   * registration: the P-CSCF is capable and the first matching rule (or the default) says so.
   */
  public boolean offersE2ae(RegistrationContext context) {
    if (!e2aeCapable) {
      return false;
    }
    for (E2aeRule rule : rules) {
      if (rule.match().matches(context)) {
        return rule.offerE2ae();
      }
    }
    return offerByDefault;
  }

  /** The most preferred allowed suite among those offered, if any. */
  public java.util.Optional<SrtpSuite> preferredAmong(List<SrtpSuite> offered) {
    return allowedSuites.stream().filter(offered::contains).findFirst();
  }
}
