package ims.iq.message;

/** {@code Mode = ...} in LocalControl (H.248.1 7.1.7): which directions of the stream flow. */
public enum StreamMode {
  SEND_ONLY, RECEIVE_ONLY, SEND_RECEIVE, INACTIVE, LOOPBACK
}
