package ims.pcscf.sip;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One side's listening address: UDP and TCP on the same host, and TLS when {@code tlsPort} is set
 * (then {@link ProxyConfig#tls()} must hold the keystore). jain-sip needs explicit ports (it cannot
 * report the port of a wildcard bind), hence 1..65535.
 */
public record Endpoint(String host, int udpPort, int tcpPort, OptionalInt tlsPort) {
  public Endpoint {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("blank host");
    }
    checkPort(udpPort);
    checkPort(tcpPort);
    Objects.requireNonNull(tlsPort, "tlsPort");
    tlsPort.ifPresent(Endpoint::checkPort);
  }

  /** UDP and TCP only. */
  public Endpoint(String host, int udpPort, int tcpPort) {
    this(host, udpPort, tcpPort, OptionalInt.empty());
  }

  /** This endpoint with a TLS listening point as well. */
  public Endpoint withTlsPort(int port) {
    return new Endpoint(host, udpPort, tcpPort, OptionalInt.of(port));
  }

  private static void checkPort(int port) {
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port outside 1..65535: " + port);
    }
  }

  int port(String transport) {
    if ("TLS".equalsIgnoreCase(transport)) {
      return tlsPort.orElseThrow(() -> new IllegalStateException("no TLS listening point on " + host));
    }
    return "TCP".equalsIgnoreCase(transport) ? tcpPort : udpPort;
  }

  /** Whether {@code port} is one of this endpoint's listening ports. */
  boolean listensOn(int port) {
    return port == udpPort || port == tcpPort || tlsPort.isPresent() && tlsPort.getAsInt() == port;
  }

  /** host:port with IPv6 literals bracketed. */
  String hostPort(int port) {
    return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }
}
