package ims.pcscf.registration;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where the P-CSCF received the UE's REGISTER from (the packet's source, not what the UE wrote in
 * Via or Contact): requests toward the UE go back there, and policy may depend on it.
 */
public record UeAddress(InetSocketAddress source, Transport transport) {
  public UeAddress {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(transport, "transport");
    if (source.isUnresolved()) {
      throw new IllegalArgumentException("unresolved source address: " + source);
    }
  }
}
