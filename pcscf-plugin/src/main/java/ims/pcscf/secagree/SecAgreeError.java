package ims.pcscf.secagree;

/** Why an RFC 3329 header value (Security-Client / -Server / -Verify) could not be parsed. */
public enum SecAgreeError {
  /** The value is empty or holds only whitespace: RFC 3329 needs at least one mechanism. */
  EMPTY,
  /** The value is longer than {@link SecurityMechanisms#MAX_LENGTH}. */
  TOO_LONG,
  /** More mechanisms than {@link SecurityMechanisms#MAX_MECHANISMS}. */
  TOO_MANY_MECHANISMS,
  /** More parameters on one mechanism than {@link SecurityMechanisms#MAX_PARAMETERS}. */
  TOO_MANY_PARAMETERS,
  /** A mechanism name (an RFC 3261 token) was expected. */
  EXPECTED_MECHANISM_NAME,
  /** A parameter name (an RFC 3261 token) was expected after ';'. */
  EXPECTED_PARAMETER_NAME,
  /** A parameter value (token, host or quoted-string) was expected after '='. */
  EXPECTED_PARAMETER_VALUE,
  /** A quoted-string is not terminated or holds CR, LF or NUL. */
  UNTERMINATED_QUOTED_STRING,
  /** The {@code q} parameter is not an RFC 3261 qvalue (0 to 1, at most three decimals). */
  BAD_QVALUE,
  /** A character that cannot follow at this point (expected ',', ';' or the end). */
  UNEXPECTED_CHARACTER
}
