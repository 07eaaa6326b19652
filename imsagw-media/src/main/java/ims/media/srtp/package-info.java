/**
 * SRTP/SRTCP engine of the IMS Access Gateway (RFC 3711, RFC 6188, RFC 7714): bytes in, bytes out, in place,
 * no networking, no allocation and no locks per packet.
 *
 * <h2>Types</h2>
 * <ul>
 *   <li>{@link ims.media.srtp.SrtpProfile}: the suites (AES-CM 128/192/256 with HMAC-SHA1 80/32, AEAD AES-GCM
 *       128/256, AES-f8, NULL cipher).</li>
 *   <li>{@link ims.media.srtp.MasterKey}: key + salt (+ MKI, lifetime); {@code AutoCloseable}, redacted.</li>
 *   <li>{@link ims.media.srtp.SrtpParameters}: what one {@code a=crypto} line says (suite, keys, MKI length,
 *       KDR, UNENCRYPTED_SRTP/SRTCP, UNAUTHENTICATED_SRTP, WSH).</li>
 *   <li>{@link ims.media.srtp.SrtpContextFactory}: owns copies of the master keys, creates per-SSRC
 *       {@link ims.media.srtp.SrtpSendContext} (protect) and {@link ims.media.srtp.SrtpReceiveContext}
 *       (unprotect).</li>
 *   <li>{@link ims.media.srtp.SrtpStatus}: the outcome of every packet, one counter each per context.</li>
 *   <li>{@link ims.media.srtp.SrtpKeyListener}: told when a master key reaches its lifetime.</li>
 * </ul>
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * try (MasterKey key = MasterKey.of(keyBytes, saltBytes);
 *      SrtpContextFactory factory = new SrtpContextFactory(
 *          SrtpParameters.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80, key));
 *      SrtpSendContext tx = factory.newSendContext(ssrc);
 *      SrtpReceiveContext rx = factory.newReceiveContext(ssrc)) {
 *   byte[] buf = new byte[1500];                 // RTP packet in buf[0..len), room for the trailer after it
 *   int n = tx.protectRtp(buf, 0, len);          // SRTP length, or a negative status code
 *   if (n < 0) { SrtpStatus why = SrtpStatus.ofResult(n); ... }
 *   int m = rx.unprotectRtp(buf, 0, n);          // RTP length again (== len)
 *
 *   SrtpStatus s = rx.unprotectRtp(byteBuf);     // Netty: readerIndex..writerIndex, writerIndex moved on OK
 *   long replays = rx.count(SrtpStatus.REPLAY_FAIL);
 * }
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>A context belongs to one thread (its stream's event loop); nothing is synchronized.</li>
 *   <li>Failed packets are never thrown: every call returns a status; the packet bytes and the context state
 *       (ROC, replay window, key usage) change only when the status is OK. Exceptions mean programmer errors
 *       (offsets outside the array) or, at context creation, a broken JCE.</li>
 *   <li>Protect grows the packet by MKI + tag (+ 4 for the SRTCP index): the caller leaves that room after the
 *       packet ({@link ims.media.srtp.SrtpStatus#BUFFER_TOO_SMALL} otherwise). Unprotect shrinks.</li>
 *   <li>Test and interop hooks: {@code setRolloverCounter} on either context forces the ROC of the first
 *       packet (libsrtp's {@code srtp_set_stream_roc}); {@link ims.media.srtp.SrtpSendContext#setNextSrtcpIndex}
 *       the next SRTCP index.</li>
 *   <li>Speed: run the JVM with {@code --add-opens java.base/sun.security.provider=ALL-UNNAMED} and
 *       {@code --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED}. The first lets HMAC-SHA1 reuse
 *       precomputed ipad/opad states (4 instead of 6 SHA-1 blocks for a voice packet), the second lets AES-CM
 *       drive the JDK's CounterMode keyed once (the counter written per packet, no {@code Cipher.init}) and
 *       AES-GCM use the JDK's CLMUL GHASH instead of lookup tables (64 KiB per SRTP key, 8 KiB per SRTCP key).
 *       All are self-tested at class load; without the flags the results are the same, only slower (AES-CM then
 *       re-initialises the JCE's AES/CTR per packet, without allocation). GCM is AES-CM plus GHASH, so it
 *       allocates nothing and checks the tag before decrypting.</li>
 *   <li>{@code close()} wipes every key-derived byte this package owns (the JCE keeps its own key schedule
 *       copies, which re-keying on close overwrites where the JCE allows).</li>
 * </ul>
 */
package ims.media.srtp;
