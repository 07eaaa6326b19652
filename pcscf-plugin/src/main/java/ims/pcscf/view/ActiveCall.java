package ims.pcscf.view;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A call leg the P-CSCF proxies, from its initial INVITE until BYE, a final error answer, a timeout
 * or the proxy's close. A call between two UEs of the same P-CSCF shows as two legs with the same
 * Call-ID (one originating, one terminating). Immutable snapshot; carries no key material.
 *
 * @param callId    the Call-ID
 * @param direction originating (from a UE) or terminating (toward a UE)
 * @param startedAt when the P-CSCF forwarded the initial INVITE
 * @param answered  a 2xx to the initial INVITE has been relayed
 * @param streams   the offer's media streams, in order (empty for an INVITE without SDP)
 */
public record ActiveCall(String callId, CallDirection direction, Instant startedAt, boolean answered,
    List<MediaStreamView> streams) {

  public ActiveCall {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(startedAt, "startedAt");
    streams = List.copyOf(streams);
  }

  /**
   * The call's mode for counting: e2ae if any stream is anchored at the IMS-AGW, else KMS, else e2e
   * SDES if any stream carries it, else plain.
   */
  public SecurityMode mode() {
    return modeOf(streams.stream().map(MediaStreamView::mode).toList());
  }

  /** The strongest mode among {@code modes} (e2ae, KMS, e2e SDES, plain; plain when empty). */
  public static SecurityMode modeOf(List<SecurityMode> modes) {
    for (SecurityMode m : List.of(SecurityMode.E2AE, SecurityMode.KMS, SecurityMode.E2E_SDES)) {
      if (modes.contains(m)) {
        return m;
      }
    }
    return SecurityMode.PLAIN;
  }
}
