package ims.pcscf.sip;

import java.time.Duration;
import ims.pcscf.registration.Transport;
import java.util.Objects;
import java.util.Optional;

/**
 * The proxy's transport configuration.
 *
 * @param stackName      jain-sip stack name (appears in its thread names)
 * @param access         listening address toward the UEs
 * @param core           listening address toward the core; used in Via and Path of forwarded requests
 * @param coreNextHop    where REGISTER (and later originating requests) are sent
 * @param maxMessageSize largest SIP message accepted on TCP, in bytes (UDP is bounded by the datagram)
 * @param maxBindings    capacity of the registration store
 * @param coreT1         RFC 3261 T1 (round-trip estimate) of transactions toward the core: UDP
 *                       retransmissions start at T1 and a request without answer times out after
 *                       64*T1 (then the UE gets 408)
 * @param timerC         RFC 3261 16.6 step 11 timer C of forwarded INVITEs (provisional answers restart it;
 *                       on expiry the callee gets CANCEL and the caller 408); the RFC wants more than 3 min
 * @param tls            keystore and truststore for the TLS listening points ({@link Endpoint#tlsPort()});
 *                       required when either side listens on TLS or the next hop is TLS
 */
public record ProxyConfig(
    String stackName,
    Endpoint access,
    Endpoint core,
    NextHop coreNextHop,
    int maxMessageSize,
    int maxBindings,
    Duration coreT1,
    Duration timerC,
    Optional<TlsConfig> tls) {

  public static final int DEFAULT_MAX_MESSAGE_SIZE = 65_536;
  public static final int DEFAULT_MAX_BINDINGS = 100_000;
  /** RFC 3261 section 17.1.1.1 default. */
  public static final Duration DEFAULT_T1 = Duration.ofMillis(500);
  /** Just over the 3 minutes RFC 3261 16.6 step 11 requires as a minimum. */
  public static final Duration DEFAULT_TIMER_C = Duration.ofSeconds(181);

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
    Objects.requireNonNull(coreT1, "coreT1");
    if (coreT1.toMillis() < 10 || coreT1.toMillis() > 10_000) {
      throw new IllegalArgumentException("coreT1 outside 10 ms..10 s: " + coreT1);
    }
    Objects.requireNonNull(timerC, "timerC");
    if (timerC.toMillis() < 10 || timerC.toHours() > 1) {
      throw new IllegalArgumentException("timerC outside 10 ms..1 h: " + timerC);
    }
    Objects.requireNonNull(tls, "tls");
    if (tls.isEmpty() && (access.tlsPort().isPresent() || core.tlsPort().isPresent())) {
      throw new IllegalArgumentException("a TLS listening point needs the TLS keystore configuration");
    }
    if (coreNextHop.transport() == Transport.TLS && core.tlsPort().isEmpty()) {
      throw new IllegalArgumentException("a TLS next hop needs a TLS listening point on the core side");
    }
  }

  /** Without TLS (as before TLS was configurable). */
  public ProxyConfig(String stackName, Endpoint access, Endpoint core, NextHop coreNextHop, int maxMessageSize,
      int maxBindings, Duration coreT1, Duration timerC) {
    this(stackName, access, core, coreNextHop, maxMessageSize, maxBindings, coreT1, timerC, Optional.empty());
  }

  /** The configuration with the default timer C (as before timer C was configurable). */
  public ProxyConfig(String stackName, Endpoint access, Endpoint core, NextHop coreNextHop, int maxMessageSize,
      int maxBindings, Duration coreT1) {
    this(stackName, access, core, coreNextHop, maxMessageSize, maxBindings, coreT1, DEFAULT_TIMER_C);
  }

  /** This configuration with another timer C. */
  public ProxyConfig withTimerC(Duration timerC) {
    return new ProxyConfig(stackName, access, core, coreNextHop, maxMessageSize, maxBindings, coreT1, timerC, tls);
  }

  /** This configuration with TLS listening points on {@code access} and/or {@code core} (their tlsPort). */
  public ProxyConfig withTls(Endpoint access, Endpoint core, TlsConfig tls) {
    return new ProxyConfig(stackName, access, core, coreNextHop, maxMessageSize, maxBindings, coreT1, timerC,
        Optional.of(tls));
  }

  /** A configuration with the default message size, store capacity and T1. */
  public static ProxyConfig of(String stackName, Endpoint access, Endpoint core, NextHop coreNextHop) {
    return new ProxyConfig(
        stackName, access, core, coreNextHop, DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_BINDINGS, DEFAULT_T1);
  }
}
