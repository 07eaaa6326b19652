package ims.iq.message;

import java.util.Objects;
import java.util.Optional;

/**
 * The parameters of one stream: LocalControl, Local SDP (what the gateway receives on; for e2ae access terminations
 * with the {@code a=crypto} the gateway encrypts with), Remote SDP (the peer: for e2ae the UE's key the gateway
 * decrypts with), and Statistics.
 */
public record StreamParms(Optional<LocalControl> localControl, Optional<SdpText> local, Optional<SdpText> remote,
                          Optional<Statistics> statistics) {
  public StreamParms {
    Objects.requireNonNull(localControl, "localControl");
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(remote, "remote");
    Objects.requireNonNull(statistics, "statistics");
    if (localControl.isEmpty() && local.isEmpty() && remote.isEmpty() && statistics.isEmpty()) {
      throw new IllegalArgumentException("empty stream parameters");
    }
  }

  public static StreamParms of(LocalControl localControl) {
    return new StreamParms(Optional.of(localControl), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public static StreamParms of(LocalControl localControl, SdpText local, SdpText remote) {
    return new StreamParms(Optional.ofNullable(localControl), Optional.ofNullable(local), Optional.ofNullable(remote),
        Optional.empty());
  }
}
