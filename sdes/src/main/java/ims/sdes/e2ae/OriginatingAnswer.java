package ims.sdes.e2ae;

import ims.sdes.attribute.CryptoAttribute;
import ims.sdes.sdp.Sdp;
import java.util.List;
import java.util.Objects;

/**
 * The result of rewriting the core's answer for the originating UE (TS 33.328 7.2.1 steps 7-8): the UE's
 * answer and the per-stream IMS-AGW configuration. Owns the new P-CSCF keys (K12): {@link #close()} wipes
 * them; the UE keys stay owned by the {@link OriginatingOffer}.
 *
 * @param gatewayStreams one per e2ae stream the core accepted (port not 0), by ascending index
 */
public record OriginatingAnswer(Sdp ueAnswer, List<GatewayStream> gatewayStreams) implements AutoCloseable {

  public OriginatingAnswer {
    Objects.requireNonNull(ueAnswer, "ueAnswer");
    gatewayStreams = List.copyOf(gatewayStreams);
  }

  @Override
  public void close() {
    gatewayStreams.stream().map(GatewayStream::encryptToUe).forEach(CryptoAttribute::close);
  }
}
