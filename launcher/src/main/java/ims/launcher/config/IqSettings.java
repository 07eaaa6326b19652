package ims.launcher.config;

import ims.iq.controller.ControllerConfig;
import ims.iq.gateway.GatewayConfig;
import ims.iq.message.MId;
import ims.iq.message.ServiceChangeProfile;
import ims.iq.transport.AllowedPeer;
import ims.iq.transport.LinkProtection;
import ims.iq.transport.LinkSecurity;
import ims.iq.transport.TlsContexts;
import ims.iq.transport.TlsTransportConfig;
import ims.iq.transport.TransactionConfig;
import ims.iq.transport.TransportConfig;
import ims.iq.transport.UdpTransportConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Both Iq sides as configured. The module records ({@link ControllerConfig}, {@link GatewayConfig}) are built
 * from these at start, because role {@code both} wires the gateway to the controller's actual address.
 */
public record IqSettings(LinkProtection protection, int maxMessageSize, TransactionConfig transactions,
    Optional<TlsContexts.Pair> tls, Controller controller, Gateway gateway) {
  public IqSettings {
    Objects.requireNonNull(protection, "protection");
    Objects.requireNonNull(transactions, "transactions");
    Objects.requireNonNull(tls, "tls");
    if ((protection == LinkProtection.TLS) != tls.isPresent()) {
      throw new IllegalArgumentException("TLS contexts are given exactly when the protection is TLS");
    }
    Objects.requireNonNull(controller, "controller");
    Objects.requireNonNull(gateway, "gateway");
  }

  /** The P-CSCF's side. {@code gateway} empty: learned from the gateway's ServiceChange. */
  public record Controller(InetSocketAddress bind, MId mId, Optional<InetSocketAddress> gateway,
      List<AllowedPeer> allowedPeers, Duration heartbeatInterval, int heartbeatFailuresForLinkDown) {
    public Controller {
      Objects.requireNonNull(bind, "bind");
      Objects.requireNonNull(mId, "mId");
      Objects.requireNonNull(gateway, "gateway");
      allowedPeers = List.copyOf(allowedPeers);
      Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    }
  }

  /** The IMS-AGW's side. */
  public record Gateway(InetSocketAddress bind, MId mId, InetSocketAddress controller, List<AllowedPeer> allowedPeers,
      ServiceChangeProfile profile, int restartAttempts, Duration restartRetryDelay) {
    public Gateway {
      Objects.requireNonNull(bind, "bind");
      Objects.requireNonNull(mId, "mId");
      Objects.requireNonNull(controller, "controller");
      allowedPeers = List.copyOf(allowedPeers);
      Objects.requireNonNull(profile, "profile");
      Objects.requireNonNull(restartRetryDelay, "restartRetryDelay");
    }
  }

  /** The controller's module record; {@code extraPeer} (role both: the local gateway) joins the allow-list. */
  public ControllerConfig controllerConfig(Optional<InetSocketAddress> extraPeer) {
    var peers = new ArrayList<>(controller.allowedPeers());
    extraPeer.map(AllowedPeer::of).ifPresent(peers::add);
    var transport = transport(controller.bind(), peers);
    return new ControllerConfig(transport, controller.mId(), controller.gateway(), transactions,
        controller.heartbeatInterval(), controller.heartbeatFailuresForLinkDown(), ims.iq.message.Message.IQ_VERSION);
  }

  /** UDP, or TLS over TCP where peers connect from ephemeral ports (their allow-list entries match any port). */
  private TransportConfig transport(InetSocketAddress bind, List<AllowedPeer> peers) {
    if (tls.isEmpty()) {
      return new UdpTransportConfig(bind, new LinkSecurity(peers, protection), maxMessageSize);
    }
    var anyPort = peers.stream().map(p -> AllowedPeer.anyPort(p.address())).distinct().toList();
    return new TlsTransportConfig(bind, new LinkSecurity(anyPort, protection), tls.get().server(), tls.get().client(),
        maxMessageSize);
  }

  /** The gateway's module record, registering with {@code controllerAddress}. */
  public GatewayConfig gatewayConfig(InetSocketAddress controllerAddress) {
    var peers = new ArrayList<>(gateway.allowedPeers());
    peers.add(AllowedPeer.of(controllerAddress));
    var transport = transport(gateway.bind(), peers);
    return new GatewayConfig(transport, gateway.mId(), controllerAddress, transactions,
        Optional.of(gateway.profile()), gateway.restartAttempts(), gateway.restartRetryDelay());
  }
}
