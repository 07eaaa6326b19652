package ims.media.relay;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An IP realm of the gateway (H.248.41 {@code ipdc/realm}): the address media sockets of this realm bind to and the
 * port range they come from. The e2ae gateway has two, {@value #ACCESS} (toward UEs, SRTP) and {@value #CORE}
 * (toward the network, RTP).
 */
public record Realm(String name, InetAddress bindAddress, PortRange ports) {
  public static final String ACCESS = "access";
  public static final String CORE = "core";

  public Realm {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(ports, "ports");
    if (!name.matches("[A-Za-z0-9_.-]{1,32}")) {
      throw new IllegalArgumentException("realm name must be 1..32 of [A-Za-z0-9_.-]: " + name);
    }
  }
}
