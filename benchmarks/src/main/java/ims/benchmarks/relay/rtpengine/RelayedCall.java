package ims.benchmarks.relay.rtpengine;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One call anchored in rtpengine: its access port (SRTP toward the UE), its core port (RTP toward the core) and the
 * master key||salt rtpengine chose toward the UE. The key is copied in, only leaves as the ports-file line (the load
 * generator needs it to unprotect the downlink), and is wiped by {@link #close()}.
 */
final class RelayedCall implements AutoCloseable {
  private final int accessPort;
  private final int corePort;
  private final byte[] keySaltTowardUe;

  RelayedCall(int accessPort, int corePort, byte[] keySaltTowardUe) {
    if (accessPort < 1 || accessPort > 65_535 || corePort < 1 || corePort > 65_535) {
      throw new IllegalArgumentException("ports " + accessPort + ", " + corePort);
    }
    this.accessPort = accessPort;
    this.corePort = corePort;
    this.keySaltTowardUe = keySaltTowardUe.clone();
  }

  int accessPort() {
    return accessPort;
  }

  int corePort() {
    return corePort;
  }

  /** {@code port <i> <access> <core> <hex key||salt toward the UE>}: the load generator's ports-file line. */
  String portsLine(int index) {
    return "port " + index + " " + accessPort + " " + corePort + " " + HexFormat.of().formatHex(keySaltTowardUe);
  }

  @Override
  public void close() {
    Arrays.fill(keySaltTowardUe, (byte) 0);
  }

  @Override
  public String toString() {
    return "RelayedCall[access " + accessPort + ", core " + corePort + "]";
  }
}
