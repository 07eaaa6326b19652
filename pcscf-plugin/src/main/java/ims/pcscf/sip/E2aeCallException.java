package ims.pcscf.sip;

/**
 * Why an e2ae call step failed, as the SIP answer toward the UE: status, reason phrase and an RFC 3261
 * Warning. Texts never carry key material. Thrown only through the futures of the Iq chain.
 */
final class E2aeCallException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int status;
  final String reason;
  final int warnCode;
  /** The IMS-AGW failed (the policy's {@code whenGatewayFails} chooses the status), rather than the SDP. */
  final boolean gatewayFailure;

  E2aeCallException(int status, String reason, int warnCode, String warnText) {
    this(status, reason, warnCode, warnText, false);
  }

  private E2aeCallException(int status, String reason, int warnCode, String warnText, boolean gatewayFailure) {
    super(warnText, null, false, false);
    this.status = status;
    this.reason = reason;
    this.warnCode = warnCode;
    this.gatewayFailure = gatewayFailure;
  }

  /** The IMS-AGW refused or did not answer (TS 33.328 7.2.1: nothing goes on with the UE's key). */
  static E2aeCallException gatewayUnavailable(Throwable cause) {
    return new E2aeCallException(503, "Service Unavailable", 399,
        "IMS-AGW unavailable for media security: " + cause.getClass().getSimpleName(), true);
  }

  String warnText() {
    return getMessage();
  }
}
