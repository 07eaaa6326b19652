package ims.iq.controller;

/** The controller's view of its gateway. */
public enum AssociationState {
  /** No ServiceChange from the gateway yet (and no link check has succeeded). */
  AWAITING_GATEWAY,
  /** Registered (Restart, Failover, Disconnected) and answering link checks. */
  IN_SERVICE,
  /** The gateway took itself out of service (Forced or Graceful on ROOT). */
  OUT_OF_SERVICE,
  /** Link checks failed {@code heartbeatFailuresForLinkDown} times in a row. */
  LINK_DOWN
}
