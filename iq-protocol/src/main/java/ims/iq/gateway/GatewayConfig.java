package ims.iq.gateway;

import ims.iq.message.MId;
import ims.iq.message.Message;
import ims.iq.message.ServiceChangeProfile;
import ims.iq.transport.TransactionConfig;
import ims.iq.transport.TransportConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The gateway (IMS-AGW) side of Iq.
 *
 * @param transport where to listen and who may talk to us (the controller must be on the allow-list)
 * @param mId our H.248 message identifier, e.g. {@code <agw1.example.net>:2944}
 * @param controller where the ServiceChange Restart and Notify go
 * @param profile the Iq profile name/version announced in ServiceChange (29.334 table 5.1.1; configurable)
 * @param restartAttempts ServiceChange Restart attempts at start-up (each with its own retransmissions)
 * @param restartRetryDelay pause between attempts
 */
public record GatewayConfig(TransportConfig transport, MId mId, InetSocketAddress controller,
    TransactionConfig transactions, Optional<ServiceChangeProfile> profile, int restartAttempts,
    Duration restartRetryDelay) {
  public GatewayConfig {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(mId, "mId");
    Objects.requireNonNull(controller, "controller");
    Objects.requireNonNull(transactions, "transactions");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(restartRetryDelay, "restartRetryDelay");
    if (restartAttempts < 1) throw new IllegalArgumentException("restartAttempts < 1");
    if (!transport.security().allows(controller)) {
      throw new IllegalArgumentException("the controller " + controller + " is not on the Iq allow-list");
    }
  }

  /** The H.248 version we offer in ServiceChange (H.248.1 11.3). */
  public int version() {
    return Message.IQ_VERSION;
  }
}
