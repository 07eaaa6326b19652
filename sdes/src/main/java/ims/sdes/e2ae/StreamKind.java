package ims.sdes.e2ae;

/** How the P-CSCF treats one media stream of a UE's offer (TS 33.328 7.2.1 step 2, design.md section 2). */
public enum StreamKind {
  /** {@code a=3ge2ae:requested}: the P-CSCF terminates SDES and anchors the stream at the IMS-AGW. */
  E2AE_REQUESTED,
  /** SDES ({@code a=crypto}, directly or inside {@code a=acap}) without the e2ae request: end to end, untouched. */
  E2E_SDES,
  /** MIKEY / KMS ({@code a=key-mgmt}, RFC 4567): end to end, untouched. */
  KMS,
  /** Neither: plain RTP or a non-RTP stream, untouched. */
  PLAIN
}
