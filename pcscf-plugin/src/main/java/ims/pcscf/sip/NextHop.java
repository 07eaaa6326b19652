package ims.pcscf.sip;

import ims.pcscf.registration.Transport;
import java.util.Objects;

/** Where requests toward the core go (the I-CSCF or S-CSCF), as a loose-route Route entry. */
public record NextHop(String host, int port, Transport transport) {
  public NextHop {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(transport, "transport");
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port outside 1..65535: " + port);
    }
  }

  String routeUri() {
    String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    return "sip:" + h + ":" + port + ";transport=" + transport.name().toLowerCase(java.util.Locale.ROOT) + ";lr";
  }
}
