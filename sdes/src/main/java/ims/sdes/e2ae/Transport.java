package ims.sdes.e2ae;

import ims.sdes.sdp.Connection;
import java.util.Objects;

/**
 * Where a peer (the UE, or the far end behind the core) receives a stream, as its SDP says: what the
 * IMS-AGW must be told as the remote address of a termination.
 *
 * @param rtcpPort from {@code a=rtcp} if present, else {@code port + 1}
 * @param rtcpMux the peer offered or accepted {@code a=rtcp-mux}
 */
public record Transport(Connection connection, int port, int rtcpPort, boolean rtcpMux) {
  public Transport {
    Objects.requireNonNull(connection, "connection");
  }
}
