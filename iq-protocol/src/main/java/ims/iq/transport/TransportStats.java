package ims.iq.transport;

/**
 * A snapshot of a transport's counters.
 *
 * @param received datagrams (UDP) or accepted connections (TLS) seen
 * @param droppedNotAllowed from a peer not on the allow-list: dropped, never answered
 * @param droppedOversize over a cap: a message above {@code maxMessageSize}, a bad TPKT frame, or a
 *     connection beyond the TLS connection cap
 * @param listenerFailures failures above the transport (a listener that threw, a failed TLS handshake)
 * @param sent messages written
 * @param sendFailures messages that could not be written
 */
public record TransportStats(
    long received, long droppedNotAllowed, long droppedOversize, long listenerFailures, long sent,
    long sendFailures) {}
