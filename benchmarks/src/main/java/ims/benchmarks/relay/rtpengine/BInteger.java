package ims.benchmarks.relay.rtpengine;

/** A bencoded integer; BEP 3 sets no size limit, this codec stays within {@code long}. */
public record BInteger(long value) implements BValue {
}
