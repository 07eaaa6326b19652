package ims.iq.transport;

/** A snapshot of a transport's counters. */
public record TransportStats(
    long received, long droppedNotAllowed, long droppedOversize, long listenerFailures, long sent,
    long sendFailures) {}
