package ims.iq.controller;

import ims.iq.message.MId;
import ims.iq.message.Message;
import ims.iq.transport.TransactionConfig;
import ims.iq.transport.TransportConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The controller (P-CSCF / IMS-ALG) side of Iq.
 *
 * @param transport where to listen and who may talk to us (the gateway must be on the allow-list)
 * @param mId our H.248 message identifier, e.g. {@code <pcscf1.example.net>:2944}
 * @param gateway the gateway's address when known in advance; otherwise it is learned from the
 *     gateway's ServiceChange (the gateway initiates the association, TS 29.334)
 * @param heartbeatInterval how often the empty {@code AuditValue} on ROOT checks the link
 * @param heartbeatFailuresForLinkDown consecutive failed link checks that mean the link is down
 * @param minVersion lowest H.248 version we accept in version negotiation (H.248.1 11.3)
 */
public record ControllerConfig(TransportConfig transport, MId mId, Optional<InetSocketAddress> gateway,
    TransactionConfig transactions, Duration heartbeatInterval, int heartbeatFailuresForLinkDown, int minVersion) {
  public ControllerConfig {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(mId, "mId");
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(transactions, "transactions");
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
      throw new IllegalArgumentException("heartbeatInterval must be positive");
    }
    if (heartbeatFailuresForLinkDown < 1) throw new IllegalArgumentException("heartbeatFailuresForLinkDown < 1");
    if (minVersion < 1 || minVersion > maxVersion()) throw new IllegalArgumentException("minVersion out of range");
    if (gateway.isPresent() && !transport.security().allows(gateway.get())) {
      throw new IllegalArgumentException("the gateway " + gateway.get() + " is not on the Iq allow-list");
    }
  }

  /** The highest H.248 version we speak: the Iq profile's (TS 29.334). */
  public int maxVersion() {
    return Message.IQ_VERSION;
  }
}
