package ims.pcscf.sip;

import java.util.Objects;

/**
 * The proxy's transport configuration.
 *
 * @param stackName      jain-sip stack name (appears in its thread names)
 * @param access         listening address toward the UEs
 * @param core           listening address toward the core; used in Via and Path of forwarded requests
 * @param coreNextHop    where REGISTER (and later originating requests) are sent
 * @param maxMessageSize largest SIP message accepted on TCP, in bytes (UDP is bounded by the datagram)
 * @param maxBindings    capacity of the registration store
 */
public record ProxyConfig(
    String stackName, Endpoint access, Endpoint core, NextHop coreNextHop, int maxMessageSize, int maxBindings) {

  public static final int DEFAULT_MAX_MESSAGE_SIZE = 65_536;
  public static final int DEFAULT_MAX_BINDINGS = 100_000;

  public ProxyConfig {
    Objects.requireNonNull(stackName, "stackName");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(core, "core");
    Objects.requireNonNull(coreNextHop, "coreNextHop");
    if (access.equals(core)) {
      throw new IllegalArgumentException("access and core sides need distinct listening addresses");
    }
    if (maxMessageSize < 4096) {
      throw new IllegalArgumentException("maxMessageSize below 4096: " + maxMessageSize);
    }
    if (maxBindings < 1) {
      throw new IllegalArgumentException("maxBindings must be positive: " + maxBindings);
    }
  }

  /** A configuration with the default message size and store capacity. */
  public static ProxyConfig of(String stackName, Endpoint access, Endpoint core, NextHop coreNextHop) {
    return new ProxyConfig(stackName, access, core, coreNextHop, DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_BINDINGS);
  }
}
