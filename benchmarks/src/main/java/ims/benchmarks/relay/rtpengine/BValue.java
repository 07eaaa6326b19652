package ims.benchmarks.relay.rtpengine;

/**
 * A bencoded value (BitTorrent BEP 3, the encoding of rtpengine's ng control protocol): a byte string, an integer, a
 * list or a dictionary.
 */
public sealed interface BValue permits BString, BInteger, BList, BDict {
}
