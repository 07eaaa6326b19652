package ims.pcscf.sip;

import java.util.Objects;

/**
 * One side's listening address: UDP and TCP on the same host. jain-sip needs explicit ports
 * (it cannot report the port of a wildcard bind), hence 1..65535.
 */
public record Endpoint(String host, int udpPort, int tcpPort) {
  public Endpoint {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("blank host");
    }
    checkPort(udpPort);
    checkPort(tcpPort);
  }

  private static void checkPort(int port) {
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port outside 1..65535: " + port);
    }
  }

  int port(String transport) {
    return "TCP".equalsIgnoreCase(transport) ? tcpPort : udpPort;
  }

  /** host:port with IPv6 literals bracketed. */
  String hostPort(int port) {
    return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }
}
