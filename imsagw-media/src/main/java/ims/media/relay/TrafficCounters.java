package ims.media.relay;

/** Packets and octets of one direction, split into RTP and RTCP (octets as sent: SRTP trailers included). */
public record TrafficCounters(long rtpPackets, long rtpOctets, long rtcpPackets, long rtcpOctets) {
  public static final TrafficCounters ZERO = new TrafficCounters(0, 0, 0, 0);

  public TrafficCounters {
    if (rtpPackets < 0 || rtpOctets < 0 || rtcpPackets < 0 || rtcpOctets < 0) {
      throw new IllegalArgumentException("counters are never negative");
    }
  }

  public long packets() {
    return rtpPackets + rtcpPackets;
  }

  public long octets() {
    return rtpOctets + rtcpOctets;
  }
}
