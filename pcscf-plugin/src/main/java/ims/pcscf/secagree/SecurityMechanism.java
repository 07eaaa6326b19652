package ims.pcscf.secagree;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One {@code sec-mechanism} of RFC 3329 section 2.2: a mechanism name and its parameters, in the
 * order received. Mechanisms we know are listed in {@link KnownMechanism}; any other name is kept
 * as is, so a header can be re-emitted without losing what we do not understand.
 *
 * @param name       the mechanism name as received (an RFC 3261 token, compared case-insensitively)
 * @param parameters the parameters in wire order
 */
public record SecurityMechanism(String name, List<MechanismParameter> parameters) {

  /** The parameter of {@code sdes-srtp} announcing media-plane security (TS 24.229 7.2A.7). */
  public static final String MEDIASEC = "mediasec";

  /** {@code sdes-srtp;mediasec}: what a UE or a P-CSCF sends to announce e2ae support. */
  public static final SecurityMechanism SDES_SRTP_MEDIASEC =
      new SecurityMechanism(KnownMechanism.SDES_SRTP.wireName(), List.of(MechanismParameter.flag(MEDIASEC)));

  public SecurityMechanism {
    Objects.requireNonNull(name, "name");
    if (!SipTokens.isToken(name)) {
      throw new IllegalArgumentException("mechanism name is not a token: " + name);
    }
    parameters = List.copyOf(parameters);
  }

  /** Mechanism names are tokens, compared case-insensitively. */
  public boolean isNamed(String other) {
    return name.equalsIgnoreCase(other);
  }

  /** The mechanism this name denotes, if it is one we know. */
  public Optional<KnownMechanism> known() {
    return KnownMechanism.fromWireName(name);
  }

  public boolean is(KnownMechanism mechanism) {
    return isNamed(mechanism.wireName());
  }

  public boolean hasParameter(String parameterName) {
    return parameter(parameterName).isPresent();
  }

  /** The first parameter with this name (case-insensitive). */
  public Optional<MechanismParameter> parameter(String parameterName) {
    return parameters.stream().filter(p -> p.isNamed(parameterName)).findFirst();
  }

  /** True for {@code sdes-srtp} carrying the value-less {@code mediasec} parameter. */
  public boolean isSdesSrtpWithMediasec() {
    return is(KnownMechanism.SDES_SRTP) && hasParameter(MEDIASEC);
  }

  /**
   * The {@code q} preference (RFC 3329 section 2.2), if present. The parser only accepts valid
   * qvalues, so this never fails for a parsed mechanism.
   */
  public Optional<Double> preference() {
    return parameter("q").flatMap(MechanismParameter::value).map(Double::parseDouble);
  }

  /** Canonical wire form: {@code name;p1;p2=v}, no whitespace. */
  public String format() {
    if (parameters.isEmpty()) {
      return name;
    }
    return name + parameters.stream().map(MechanismParameter::format).collect(Collectors.joining(";", ";", ""));
  }
}
