package ims.iq.controller;

import ims.iq.message.ContextId;
import ims.iq.message.SdpText;
import ims.iq.message.StreamMode;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Reserve [and Configure] AGW Connection Point (TS 23.334 8.3/8.4): an Add of a new termination
 * ({@code $}) into a new ({@code $}) or existing context.
 *
 * @param context {@link ContextId#CHOOSE} for a new context, or the context of the call's other termination
 * @param realm the IP realm ({@code ipdc/realm}), e.g. {@code access} or {@code core}
 * @param local the Local SDP template: {@code $} where the gateway chooses address and port; for an
 *     e2ae access termination it carries the {@code a=crypto} the gateway encrypts with toward the UE
 * @param remote the peer's SDP (Reserve and Configure); for e2ae the UE's {@code a=crypto}
 * @param terminationHeartbeatSeconds ask for {@code hangterm/thb} every so many seconds (H.248.36)
 */
public record ConnectionPointRequest(ContextId context, String realm, StreamMode mode, SdpText local,
    Optional<SdpText> remote, OptionalInt terminationHeartbeatSeconds) {
  private static final Pattern REALM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,62}");

  public ConnectionPointRequest {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(realm, "realm");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(remote, "remote");
    Objects.requireNonNull(terminationHeartbeatSeconds, "terminationHeartbeatSeconds");
    if (!(context == ContextId.CHOOSE || context instanceof ContextId.Numbered)) {
      throw new IllegalArgumentException("reserve into $ or a numbered context, not " + context);
    }
    if (!REALM.matcher(realm).matches()) throw new IllegalArgumentException("not a realm name: " + realm);
    if (terminationHeartbeatSeconds.isPresent() && terminationHeartbeatSeconds.getAsInt() < 1) {
      throw new IllegalArgumentException("terminationHeartbeatSeconds < 1");
    }
  }

  /** Reserve AGW Connection Point: Local template only. */
  public static ConnectionPointRequest reserve(ContextId context, String realm, SdpText local) {
    return new ConnectionPointRequest(context, realm, StreamMode.SEND_RECEIVE, local, Optional.empty(), OptionalInt.empty());
  }

  /** Reserve and Configure AGW Connection Point: Local template and the peer's Remote SDP. */
  public static ConnectionPointRequest reserveAndConfigure(ContextId context, String realm, SdpText local,
      SdpText remote) {
    return new ConnectionPointRequest(context, realm, StreamMode.SEND_RECEIVE, local, Optional.of(remote),
        OptionalInt.empty());
  }

  public ConnectionPointRequest withTerminationHeartbeat(int seconds) {
    return new ConnectionPointRequest(context, realm, mode, local, remote, OptionalInt.of(seconds));
  }

  public ConnectionPointRequest withMode(StreamMode newMode) {
    return new ConnectionPointRequest(context, realm, newMode, local, remote, terminationHeartbeatSeconds);
  }
}
