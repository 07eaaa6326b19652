/**
 * The e2ae offer/answer rewriting of the P-CSCF (TS 33.328 clauses 7.2.1 and 7.3.1, stage-3 syntax of
 * TS 24.229), as pure functions: SDP and inputs in, SDP and what the IMS-AGW must be told out; no I/O,
 * clock or logging, fresh keys only from the {@link ims.sdes.key.KeySource} passed in.
 *
 * <ul>
 *   <li>{@link ims.sdes.e2ae.StreamClassifier}: per stream, e2ae requested, e2e SDES, KMS or plain.
 *   <li>{@link ims.sdes.e2ae.OriginatingTransforms}: UE offer to core offer (step 3), core answer to UE
 *       answer (steps 7-8).
 *   <li>{@link ims.sdes.e2ae.TerminatingTransforms}: core offer to UE offer (step 4), UE answer to core
 *       answer (steps 5-7).
 * </ul>
 *
 * <p>Every outcome is an {@link ims.sdes.e2ae.E2aeResult}: the rewritten SDP with per-stream
 * {@link ims.sdes.e2ae.GatewayStream} data, or a {@link ims.sdes.e2ae.Rejection} carrying a suggested SIP
 * status and Warning text. Results that hold keys are {@code AutoCloseable}: closing them wipes the keys
 * they own. Spoof protection: every {@code a=3ge2ae} the P-CSCF did not write is removed, also from the
 * streams it forwards untouched otherwise; no UE key and no {@code a=3ge2ae} is ever written toward the
 * core. Anchors (the IMS-AGW addresses reserved over Iq) are inputs; a missing one is a caller bug
 * ({@link java.lang.IllegalArgumentException}), not a rejection.
 */
package ims.sdes.e2ae;
