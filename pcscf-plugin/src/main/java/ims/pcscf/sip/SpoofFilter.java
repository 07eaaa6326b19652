package ims.pcscf.sip;

import ims.sdes.SdesParseException;
import ims.sdes.e2ae.CryptoPolicy;
import ims.sdes.e2ae.E2aeResult;
import ims.sdes.e2ae.OriginatingTransforms;
import ims.sdes.sdp.MediaSection;
import ims.sdes.sdp.Sdp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Spoof protection for SDP the P-CSCF does not anchor (TS 33.328 7.2.1 / 7.3.1 last paragraphs):
 * every {@code a=3ge2ae} it did not insert itself is removed; everything else stays byte for byte.
 * Pure function.
 */
final class SpoofFilter {
  private static final String ATTRIBUTE = "3ge2ae";

  private SpoofFilter() {}

  /** The body without any {@code a=3ge2ae}, or empty when the body carries none (forward it as is). */
  static Optional<String> cleaned(String body) {
    if (!body.toLowerCase(Locale.ROOT).contains(ATTRIBUTE)) {
      return Optional.empty();
    }
    Sdp sdp = Sdp.parse(body);
    if (OriginatingTransforms.streamsToAnchor(sdp).isEmpty()
        && OriginatingTransforms.offer(sdp, CryptoPolicy.DEFAULT, Map.of()) instanceof E2aeResult.Ok<?> ok
        && ok.value() instanceof ims.sdes.e2ae.OriginatingOffer offer) {
      // the library's cleaning also covers indications hidden in RFC 5939 capabilities
      return Optional.of(offer.coreOffer().format());
    }
    return Optional.of(linesRemoved(sdp).format());
  }

  /** Plain removal of direct {@code a=3ge2ae} lines (used where the transform does not apply). */
  static Sdp linesRemoved(Sdp sdp) {
    String ending = sdp.lineEnding();
    List<MediaSection> sections = new ArrayList<>();
    for (MediaSection s : sdp.mediaSections()) {
      sections.add(s.toBuilder(ending).removeIf(l -> l.isAttribute(ATTRIBUTE)).build());
    }
    return sdp.withoutSessionLines(l -> l.isAttribute(ATTRIBUTE)).withMediaSections(sections);
  }

  /** True if the SDP cannot be parsed at all (callers answer 488 / drop the body). */
  static boolean unparseable(String body) {
    try {
      Sdp.parse(body);
      return false;
    } catch (SdesParseException e) {
      return true;
    }
  }
}
