package ims.pcscf.sip;

import ims.pcscf.view.ActiveCall;
import ims.pcscf.view.SecurityMode;
import ims.sdes.SdesParseException;
import ims.sdes.e2ae.StreamClassifier;
import ims.sdes.e2ae.StreamKind;
import ims.sdes.sdp.Sdp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sip.message.Message;

/**
 * How each stream of a forwarded offer is protected: anchored at the IMS-AGW = e2ae, the others as the
 * {@code sdes} classifier sees them (a stray e2ae request that was not anchored travels as e2e SDES).
 * For the call counters and the call view. Pure apart from reading the message.
 */
final class StreamModes {

  /** One {@code m=} line of the offer. */
  record Stream(int index, String media, SecurityMode mode) {}

  private StreamModes() {}

  /** The streams of {@code outgoing}'s SDP (empty without SDP); {@code gateway} is its IMS-AGW call or null. */
  static List<Stream> of(Message outgoing, GatewayCall gateway) {
    Optional<String> body = SdpBody.of(outgoing);
    if (body.isEmpty()) {
      return List.of();
    }
    Set<Integer> anchored = gateway == null ? Set.of()
        : gateway.streams().stream().map(c -> c.index).collect(Collectors.toUnmodifiableSet());
    try {
      Sdp sdp = Sdp.parse(body.get());
      List<StreamKind> kinds = StreamClassifier.classify(sdp);
      var streams = new ArrayList<Stream>(kinds.size());
      for (int i = 0; i < kinds.size(); i++) {
        SecurityMode mode = anchored.contains(i) ? SecurityMode.E2AE : switch (kinds.get(i)) {
          case E2AE_REQUESTED, E2E_SDES -> SecurityMode.E2E_SDES;
          case KMS -> SecurityMode.KMS;
          case PLAIN -> SecurityMode.PLAIN;
        };
        streams.add(new Stream(i, sdp.media(i).description().media(), mode));
      }
      return List.copyOf(streams);
    } catch (SdesParseException e) {
      return List.of(); // the spoof filter has already refused bodies that do not parse
    }
  }

  /** Counts one forwarded initial INVITE by its mode ({@code callsWithoutOffer} without SDP). */
  static void count(ProxyCounters counters, List<Stream> streams) {
    if (streams.isEmpty()) {
      counters.callsWithoutOffer.increment();
    } else {
      counters.callsByMode(ActiveCall.modeOf(streams.stream().map(Stream::mode).toList())).increment();
    }
  }
}
