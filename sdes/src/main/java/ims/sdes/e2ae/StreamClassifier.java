package ims.sdes.e2ae;

import ims.sdes.SdesParseException;
import ims.sdes.sdp.AttributeCapability;
import ims.sdes.sdp.Configuration;
import ims.sdes.sdp.E2aeIndication;
import ims.sdes.sdp.MediaSection;
import ims.sdes.sdp.Sdp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Classifies the media streams of an offer (TS 33.328 7.2.1 step 2; design.md section 2). Precedence per
 * stream: {@code a=3ge2ae:requested} makes it e2ae whatever else it carries; otherwise {@code a=key-mgmt}
 * (media level, session level, or an attribute capability the stream's configurations use) makes it KMS;
 * otherwise {@code a=crypto} (direct or as such a capability) makes it e2e SDES; otherwise it is plain.
 * Other {@code a=3ge2ae} values are ignored.
 */
public final class StreamClassifier {
  private StreamClassifier() {}

  /**
   * One kind per media stream, in order.
   *
   * @throws SdesParseException if an RFC 5939 attribute the decision depends on is malformed
   */
  public static List<StreamKind> classify(Sdp offer) {
    StreamKind[] kinds = new StreamKind[offer.mediaCount()];
    boolean sessionKms = offer.hasSessionAttribute(MediaSection.KEY_MGMT);
    for (int i = 0; i < kinds.length; i++) {
      kinds[i] = classify(offer, i, sessionKms);
    }
    return kinds.length == 1 ? List.of(kinds[0]) : List.of(kinds); // immutable: results keep it without a copy
  }

  private static StreamKind classify(Sdp offer, int index, boolean sessionKms) {
    MediaSection s = offer.media(index);
    if (s.hasE2aeIndication(E2aeIndication.REQUESTED)) {
      return StreamKind.E2AE_REQUESTED;
    }
    boolean kms = sessionKms || s.hasAttribute(MediaSection.KEY_MGMT);
    boolean sdes = s.hasAttribute(MediaSection.CRYPTO);
    for (AttributeCapability cap : capabilitiesUsedBy(offer, index).values()) {
      kms |= cap.attributeName().equals(MediaSection.KEY_MGMT);
      sdes |= cap.attributeName().equals(MediaSection.CRYPTO);
    }
    if (kms) {
      return StreamKind.KMS;
    }
    return sdes ? StreamKind.E2E_SDES : StreamKind.PLAIN;
  }

  /**
   * The attribute capabilities a stream can use: its own {@code a=acap} lines and the session-level ones
   * its potential configurations refer to, by number.
   */
  static Map<Integer, AttributeCapability> capabilitiesUsedBy(Sdp sdp, int index) {
    MediaSection s = sdp.media(index);
    List<AttributeCapability> own = s.attributeCapabilities();
    List<Configuration> configurations = s.potentialConfigurations();
    if (own.isEmpty() && configurations.isEmpty()) {
      return Map.of(); // the usual stream: no capability negotiation, no map to build
    }
    Map<Integer, AttributeCapability> caps = new HashMap<>();
    for (AttributeCapability cap : own) {
      caps.put(cap.number(), cap);
    }
    if (!configurations.isEmpty() && sdp.hasSessionAttribute(AttributeCapability.ATTRIBUTE)) {
      Map<Integer, AttributeCapability> session = new HashMap<>();
      for (AttributeCapability cap : sdp.sessionAttributeCapabilities()) {
        session.put(cap.number(), cap);
      }
      for (Configuration c : configurations) {
        for (List<Integer> alternative : c.attributeAlternatives()) {
          for (Integer n : alternative) {
            AttributeCapability cap = session.get(n);
            if (cap != null) {
              caps.putIfAbsent(n, cap);
            }
          }
        }
      }
    }
    return caps;
  }
}
