package ims.media.relay;

import ims.media.srtp.SrtpParameters;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the controller configures on one termination.
 *
 * <p><b>Key ownership.</b> The {@link ims.media.srtp.MasterKey}s inside {@code receiveKeys} and {@code sendKeys}
 * pass to the relay when these settings are given to {@link RelayContext#add} or {@link RelayTermination#configure}:
 * the relay keeps them (to recognise the same key on a later Modify) and closes them when they are replaced, when
 * the termination is released, or at once when they are not needed. The caller does not close them.
 *
 * @param remoteRtp where RTP to the remote goes and comes from; empty until known
 * @param remoteRtcp the remote RTCP address; empty means RTP port + 1 (or the RTP address with rtcp-mux)
 * @param rtcpMux RTP and RTCP share the RTP port (RFC 5761)
 * @param mode which directions flow
 * @param latching learn the remote address from the first packet that authenticates; has no effect while the
 *     termination has no receive keys (a plain packet proves nothing)
 * @param receiveKeys SRTP parameters to unprotect what the remote sends (the UE's key); empty for plain RTP
 * @param sendKeys SRTP parameters to protect what goes to the remote (the key given to the UE); empty for plain RTP
 */
public record TerminationSettings(Optional<InetSocketAddress> remoteRtp, Optional<InetSocketAddress> remoteRtcp,
    boolean rtcpMux, MediaMode mode, boolean latching, Optional<SrtpParameters> receiveKeys,
    Optional<SrtpParameters> sendKeys) {
  public TerminationSettings {
    Objects.requireNonNull(remoteRtp, "remoteRtp");
    Objects.requireNonNull(remoteRtcp, "remoteRtcp");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(receiveKeys, "receiveKeys");
    Objects.requireNonNull(sendKeys, "sendKeys");
  }

  /** Plain RTP, send and receive, remote not known yet. */
  public static TerminationSettings plain() {
    return new TerminationSettings(Optional.empty(), Optional.empty(), false, MediaMode.SEND_RECEIVE, false,
        Optional.empty(), Optional.empty());
  }

  public TerminationSettings withRemote(InetSocketAddress rtp) {
    return new TerminationSettings(Optional.of(rtp), remoteRtcp, rtcpMux, mode, latching, receiveKeys, sendKeys);
  }

  public TerminationSettings withMode(MediaMode newMode) {
    return new TerminationSettings(remoteRtp, remoteRtcp, rtcpMux, newMode, latching, receiveKeys, sendKeys);
  }

  public TerminationSettings withKeys(Optional<SrtpParameters> receive, Optional<SrtpParameters> send) {
    return new TerminationSettings(remoteRtp, remoteRtcp, rtcpMux, mode, latching, receive, send);
  }

  public TerminationSettings withLatching(boolean on) {
    return new TerminationSettings(remoteRtp, remoteRtcp, rtcpMux, mode, on, receiveKeys, sendKeys);
  }

  public TerminationSettings withRtcpMux(boolean on) {
    return new TerminationSettings(remoteRtp, remoteRtcp, on, mode, latching, receiveKeys, sendKeys);
  }

  /** Closes the keys these settings carry (when they will not be handed to the relay). */
  void closeKeys() {
    receiveKeys.ifPresent(SsrcContexts::closeKeys);
    sendKeys.ifPresent(SsrcContexts::closeKeys);
  }
}
