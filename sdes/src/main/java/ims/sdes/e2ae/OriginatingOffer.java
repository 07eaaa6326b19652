package ims.sdes.e2ae;

import ims.sdes.sdp.Sdp;
import java.util.List;
import java.util.Objects;

/**
 * The result of rewriting a UE's offer (TS 33.328 7.2.1 step 3): the offer for the core, and what the
 * P-CSCF keeps until the answer and tells the IMS-AGW. The core offer carries no UE key and no
 * {@code a=3ge2ae}. Owns the chosen UE keys: {@link #close()} wipes them when the session ends.
 *
 * @param kinds one per media stream of the offer
 * @param ueProtos the transport profile of each m= line of the UE's offer (needed to reject a stream)
 * @param e2aeStreams the anchored e2ae streams (not those disabled with port 0), by ascending index
 */
public record OriginatingOffer(
    Sdp coreOffer, List<StreamKind> kinds, List<String> ueProtos, List<UeOfferedStream> e2aeStreams)
    implements AutoCloseable {

  public OriginatingOffer {
    Objects.requireNonNull(coreOffer, "coreOffer");
    kinds = List.copyOf(kinds);
    ueProtos = List.copyOf(ueProtos);
    if (ueProtos.size() != kinds.size()) {
      throw new IllegalArgumentException("one profile per stream");
    }
    e2aeStreams = List.copyOf(e2aeStreams);
  }

  /** True if no stream needs the IMS-AGW: the offer was only cleaned of foreign {@code a=3ge2ae}. */
  public boolean passThrough() {
    return e2aeStreams.isEmpty();
  }

  String ueProto(int index) {
    return ueProtos.get(index);
  }

  @Override
  public void close() {
    e2aeStreams.forEach(s -> s.ueCrypto().close());
  }
}
