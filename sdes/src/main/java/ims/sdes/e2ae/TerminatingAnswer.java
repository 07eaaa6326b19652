package ims.sdes.e2ae;

import ims.sdes.attribute.CryptoAttribute;
import ims.sdes.sdp.Sdp;
import java.util.List;
import java.util.Objects;

/**
 * The result of rewriting a terminating UE's answer for the core (TS 33.328 7.3.1 steps 5-7): the core's
 * answer, without any key, and the per-stream IMS-AGW configuration. Owns the UE's keys (K22):
 * {@link #close()} wipes them; the offered keys stay owned by the {@link TerminatingOffer}.
 */
public record TerminatingAnswer(Sdp coreAnswer, List<GatewayStream> gatewayStreams) implements AutoCloseable {

  public TerminatingAnswer {
    Objects.requireNonNull(coreAnswer, "coreAnswer");
    gatewayStreams = List.copyOf(gatewayStreams);
  }

  @Override
  public void close() {
    gatewayStreams.stream().map(GatewayStream::decryptFromUe).forEach(CryptoAttribute::close);
  }
}
