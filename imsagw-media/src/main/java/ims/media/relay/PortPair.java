package ims.media.relay;

/** One RTP port (even) and its RTCP port ({@code rtp + 1}), as handed out by a {@link PortPool}. */
public record PortPair(int rtp) {
  public PortPair {
    if ((rtp & 1) != 0 || rtp < PortRange.MIN_PORT || rtp >= PortRange.MAX_PORT) {
      throw new IllegalArgumentException("not an even RTP port below 65535: " + rtp);
    }
  }

  public int rtcp() {
    return rtp + 1;
  }
}
