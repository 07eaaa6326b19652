package ims.iq.message;

/** {@code Method = ...} of a ServiceChange (H.248.1 7.2.8). */
public enum ServiceChangeMethod {
  FAILOVER, FORCED, GRACEFUL, RESTART, DISCONNECTED, HANDOFF
}
