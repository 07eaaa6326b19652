package ims.sdes.sdp;

import java.util.Optional;

/** The RFC 8866 section 6.7 direction attributes; {@link #SENDRECV} is the default when none is given. */
public enum Direction {
  SENDRECV("sendrecv"),
  SENDONLY("sendonly"),
  RECVONLY("recvonly"),
  INACTIVE("inactive");

  private final String sdpName;

  Direction(String sdpName) {
    this.sdpName = sdpName;
  }

  public String sdpName() {
    return sdpName;
  }

  /** The direction an {@code a=} line states, if it is one of the four direction attributes. */
  public static Optional<Direction> of(SdpLine line) {
    if (!line.isAttribute()) {
      return Optional.empty();
    }
    for (Direction d : values()) {
      if (line.length() == 2 + d.sdpName.length() && line.isAttribute(d.sdpName)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
