/**
 * The SDP {@code a=crypto} attribute of RFC 4568 (SDP Security Descriptions), with the SRTP crypto
 * suites of RFC 4568, RFC 6188 (AES-192/256) and RFC 7714 (AES-GCM): model, parser and formatter.
 *
 * <p>Decisions, each documented where it is applied:
 *
 * <ul>
 *   <li>{@link ims.sdes.attribute.CryptoAttribute#parse} throws {@link ims.sdes.SdesParseException}
 *       (and nothing else) for bad input; messages name the field and the offset, never key
 *       material. Builders throw {@code IllegalArgumentException} for programmer errors.
 *   <li>Formatting a parsed attribute gives back the parsed text byte for byte: whitespace runs
 *       (1*WSP), base64 text (padded or not), lifetime form ({@code 2^n} or decimal), MKI digits
 *       and session parameters are kept as written. Where RFC 4568 says "leading zeroes MUST NOT
 *       be used" and a second spelling would be ambiguous (the tag, section 4.1, echoed in the
 *       answer; KDR, section 6.3.1), a leading zero is rejected instead.
 *   <li>A suite name we do not support is {@link ims.sdes.attribute.CryptoSuite.Unknown}, not an
 *       error, as long as the generic grammar of RFC 4568 section 9.1 holds; its key-params may be
 *       opaque. Names (suites, {@code inline}, session parameters) are case-sensitive.
 *   <li>RFC 4568 section 6.3: a session parameter we do not understand makes the attribute
 *       unusable unless it starts with "-"; the line still parses and
 *       {@link ims.sdes.attribute.CryptoAttribute#usable()} says whether the caller may use it.
 *   <li>Key bytes live only in {@link ims.sdes.attribute.KeyParam} (private copies, redacted
 *       {@code toString}, constant-time {@code equals}, zero-filled on {@code close}).
 * </ul>
 */
package ims.sdes.attribute;
