package ims.pcscf.policy;

/**
 * The answer to an e2ae session the IMS-AGW cannot anchor because it is unreachable, not associated or
 * refuses (TS 33.328 7.2.1 / 7.3.1: the session does not go on with the UE's keys). Either way the
 * answer carries {@code Warning: 399} saying the gateway is unavailable, and nothing is forwarded.
 */
public enum GatewayFailureAction {
  /** 503 Service Unavailable: a transient failure of this P-CSCF; the UE or S-CSCF may retry elsewhere. */
  SERVICE_UNAVAILABLE_503(503, "Service Unavailable"),
  /** 488 Not Acceptable Here: the UE may retry at once without e2ae (as when e2ae is not offered). */
  NOT_ACCEPTABLE_488(488, "Not Acceptable Here");

  private final int status;
  private final String reasonPhrase;

  GatewayFailureAction(int status, String reasonPhrase) {
    this.status = status;
    this.reasonPhrase = reasonPhrase;
  }

  public int status() {
    return status;
  }

  public String reasonPhrase() {
    return reasonPhrase;
  }
}
