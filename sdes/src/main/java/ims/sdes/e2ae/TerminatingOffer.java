package ims.sdes.e2ae;

import ims.sdes.attribute.CryptoAttribute;
import ims.sdes.sdp.Sdp;
import java.util.List;
import java.util.Objects;

/**
 * The result of rewriting the core's offer for a terminating UE (TS 33.328 7.3.1 step 4): the UE's offer
 * and the protected streams. Owns the P-CSCF keys offered (K21): {@link #close()} wipes them.
 */
public record TerminatingOffer(Sdp ueOffer, List<NetworkOfferedStream> protectedStreams) implements AutoCloseable {

  public TerminatingOffer {
    Objects.requireNonNull(ueOffer, "ueOffer");
    protectedStreams = List.copyOf(protectedStreams);
  }

  @Override
  public void close() {
    protectedStreams.forEach(s -> s.offeredCryptos().forEach(CryptoAttribute::close));
  }
}
