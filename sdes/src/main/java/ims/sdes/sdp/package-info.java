/**
 * An SDP model (RFC 8866) for a proxy that rewrites a few lines and must leave every other byte alone.
 *
 * <p>{@link ims.sdes.sdp.Sdp} keeps each line as an {@link ims.sdes.sdp.SdpLine} (text plus its own line
 * ending), split into session-level lines and {@link ims.sdes.sdp.MediaSection}s; formatting an unchanged
 * body gives back the identical characters, whatever mix of CRLF, LF and CR it used. Typed views are
 * computed from the lines on demand: {@code c=} ({@link ims.sdes.sdp.Connection}), {@code m=}
 * ({@link ims.sdes.sdp.MediaDescription}), {@code a=crypto}, {@code a=key-mgmt}, {@code a=3ge2ae}
 * ({@link ims.sdes.sdp.E2aeIndication}), {@code a=rtcp}, {@code a=rtcp-mux}, direction
 * ({@link ims.sdes.sdp.Direction}) and RFC 5939 capability negotiation
 * ({@link ims.sdes.sdp.TransportCapability}, {@link ims.sdes.sdp.AttributeCapability},
 * {@link ims.sdes.sdp.Configuration}).
 *
 * <p>Values are immutable; {@link ims.sdes.sdp.MediaSection#toBuilder(String)} and the {@code with...}
 * methods copy and change. Lines added or replaced take the body's dominant line ending. Input that is
 * not SDP or breaks a {@link ims.sdes.sdp.SdpLimits} cap throws {@link ims.sdes.SdesParseException} and
 * nothing else. {@code toString()} and {@link ims.sdes.sdp.Sdp#redacted()} never show key material.
 */
package ims.sdes.sdp;
