package ims.media.relay;

/**
 * A realm's configured media port range, {@code first..last} inclusive. RTP ports are the even ports of the range,
 * each with RTCP on the odd port above it (RFC 3550 section 11), so {@code first} must be even and the range must
 * hold at least one pair.
 */
public record PortRange(int first, int last) {
  public static final int MIN_PORT = 1024;
  public static final int MAX_PORT = 65_535;

  public PortRange {
    if (first < MIN_PORT || last > MAX_PORT) {
      throw new IllegalArgumentException("port range must lie in " + MIN_PORT + ".." + MAX_PORT + ": " + first + ".." + last);
    }
    if ((first & 1) != 0) {
      throw new IllegalArgumentException("the first port of a range must be even (RTP): " + first);
    }
    if (last < first + 1) {
      throw new IllegalArgumentException("a range must hold at least one RTP/RTCP pair: " + first + ".." + last);
    }
  }

  /** How many RTP/RTCP pairs the range holds. */
  public int pairs() {
    return (last - first + 1) / 2;
  }

  /** The RTP port of pair {@code index} (0-based). */
  int rtpPort(int index) {
    return first + 2 * index;
  }
}
