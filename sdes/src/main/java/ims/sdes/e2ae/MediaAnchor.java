package ims.sdes.e2ae;

import ims.sdes.sdp.Connection;
import java.util.Objects;

/**
 * A transport address of the IMS-AGW for one stream, on one side (access = toward the UE, core = toward
 * the S-CSCF side), as reserved over Iq. The transforms write it into {@code c=}, the {@code m=} port and,
 * if the stream has one, {@code a=rtcp}.
 */
public record MediaAnchor(Connection connection, int port, int rtcpPort) {

  public MediaAnchor {
    Objects.requireNonNull(connection, "connection");
    if (port < 1 || port > 65_535 || rtcpPort < 1 || rtcpPort > 65_535) {
      throw new IllegalArgumentException("anchor ports must be 1..65535");
    }
  }

  /** An anchor at {@code address:port} with RTCP on {@code port + 1} (RFC 3550 section 11). */
  public static MediaAnchor of(String address, int port) {
    return new MediaAnchor(Connection.internet(address), port, port + 1);
  }
}
