package ims.launcher.config;

import ims.launcher.Role;
import ims.media.relay.MediaEventConfig;
import ims.media.relay.RelayConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole validated configuration of one launcher process, mapped onto the modules' own records.
 *
 * @param role what this process runs
 * @param pcscf the P-CSCF's proxy and policy records
 * @param iq both Iq sides
 * @param agw the media relay's record
 * @param events the IMS-AGW's media events reported over Iq; empty = none
 * @param http where metrics, health and the operator's view listen; empty = no HTTP server
 * @param drainTimeout how long a shutdown waits for active calls to end before releasing them
 */
public record LauncherConfig(Role role, PcscfSettings pcscf, IqSettings iq, RelayConfig agw,
    Optional<MediaEventConfig> events, Optional<InetSocketAddress> http, Duration drainTimeout) {
  public LauncherConfig {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(pcscf, "pcscf");
    Objects.requireNonNull(iq, "iq");
    Objects.requireNonNull(agw, "agw");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(drainTimeout, "drainTimeout");
  }
}
