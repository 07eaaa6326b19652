package ims.pcscf.view;

/** How a call's media stream is protected, as the P-CSCF sees it (TS 33.328 7.2 / 7.3). */
public enum SecurityMode {
  /** e2ae: SRTP between the UE and the IMS-AGW, plain RTP toward the core (7.2.1 / 7.3.1). */
  E2AE,
  /** End-to-end SDES ({@code a=crypto} without the e2ae request), passed untouched (7.2.2 / 7.3.2). */
  E2E_SDES,
  /** KMS-based end to end ({@code a=key-mgmt}, RFC 4567), passed untouched (7.2.3 / 7.3.3). */
  KMS,
  /** No media security. */
  PLAIN
}
