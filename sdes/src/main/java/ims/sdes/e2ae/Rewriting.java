package ims.sdes.e2ae;

import ims.sdes.SdesParseException;
import ims.sdes.sdp.AttributeCapability;
import ims.sdes.sdp.Configuration;
import ims.sdes.sdp.Connection;
import ims.sdes.sdp.E2aeIndication;
import ims.sdes.sdp.MediaDescription;
import ims.sdes.sdp.MediaSection;
import ims.sdes.sdp.Sdp;
import ims.sdes.sdp.SdpLine;
import ims.sdes.sdp.TransportCapability;
import java.util.Map;
import java.util.Optional;

/** Line-level edits shared by the four transforms. */
final class Rewriting {
  private Rewriting() {}

  /** What the P-CSCF writes toward a UE: "e2ae-security confirmed/offered by network". */
  static final String E2AE_APPLIED = "3ge2ae:applied";

  static final String RTP_AVP = "RTP/AVP";
  static final String RTP_AVPF = "RTP/AVPF";
  static final String RTP_SAVP = "RTP/SAVP";
  static final String RTP_SAVPF = "RTP/SAVPF";

  /**
   * Lines an anchored e2ae stream never keeps: key material and key negotiation ({@code a=crypto},
   * {@code a=key-mgmt}, {@code k=}), the e2ae indication, and RFC 5939 capability negotiation (it offered
   * or accepted SRTP alternatives, which the rewritten side does not have).
   */
  static boolean negotiationLine(SdpLine l) {
    // with the name constants, each isAttribute is one compare with what the line learnt when it was made
    return l.type() == 'k'
        || l.isAttribute(MediaSection.CRYPTO)
        || l.isAttribute(E2aeIndication.ATTRIBUTE)
        || l.isAttribute(MediaSection.KEY_MGMT)
        || l.isAttribute(TransportCapability.ATTRIBUTE)
        || l.isAttribute(AttributeCapability.ATTRIBUTE)
        || l.isAttribute(Configuration.ACTUAL)
        || l.isAttribute(Configuration.POTENTIAL);
  }

  /**
   * An {@code a=3ge2ae} line, or an RFC 5939 attribute capability that would put one into the SDP once
   * its configuration is chosen ({@code a=acap:<n> 3ge2ae:applied}): both are indications the P-CSCF
   * did not write.
   */
  static boolean e2aeLine(SdpLine l) {
    if (l.isAttribute(E2aeIndication.ATTRIBUTE)) {
      return true;
    }
    return l.isAttribute(AttributeCapability.ATTRIBUTE)
        && l.text().contains(E2aeIndication.ATTRIBUTE)
        && AttributeCapability.parse(l.attributeValue()).attributeName().equals(E2aeIndication.ATTRIBUTE);
  }

  /** Spoof protection for a stream the P-CSCF forwards: removes every e2ae indication, changes nothing else. */
  static MediaSection withoutE2ae(MediaSection s, String ending) {
    return s.anyLine(Rewriting::e2aeLine) ? s.toBuilder(ending).removeIf(Rewriting::e2aeLine).build() : s;
  }

  /**
   * Points a stream at an IMS-AGW address with transport profile {@code proto}: m= port and profile,
   * media-level c=, and a=rtcp if the stream has one.
   */
  static MediaSection.Builder anchor(MediaSection.Builder b, MediaDescription d, String proto, MediaAnchor a) {
    // one description, not d.withProto(proto).withPort(port): each record built checks its fields
    MediaDescription anchored = new MediaDescription(d.media(), a.port(), d.portCount(), proto, d.formats());
    return b.description(anchored).connection(a.connection())
        .replaceAttributeIfPresent(MediaSection.RTCP, MediaSection.RTCP + ':' + a.rtcpPort());
  }

  /** Where the peer that wrote {@code sdp} receives stream {@code index}. */
  static Transport transportOf(Sdp sdp, int index) {
    MediaSection s = sdp.media(index);
    Optional<Connection> c = sdp.connectionOf(index);
    if (c.isEmpty()) {
      throw new SdesParseException("media stream " + (index + 1) + " has no connection address (c=)", -1);
    }
    int port = s.description().port();
    int rtcp = s.rtcpPortOr(Math.min(port + 1, 65_535));
    return new Transport(c.get(), port, rtcp, s.rtcpMux());
  }

  static boolean isSrtp(String proto) {
    return proto.equals(RTP_SAVP) || proto.equals(RTP_SAVPF);
  }

  static boolean isRtp(String proto) {
    return proto.equals(RTP_AVP) || proto.equals(RTP_AVPF);
  }

  /** RTP/SAVP -> RTP/AVP, RTP/SAVPF -> RTP/AVPF (RFC 3711, RFC 5124); others unchanged. */
  static String toRtp(String proto) {
    return switch (proto) {
      case RTP_SAVP -> RTP_AVP;
      case RTP_SAVPF -> RTP_AVPF;
      default -> proto;
    };
  }

  /** RTP/AVP -> RTP/SAVP, RTP/AVPF -> RTP/SAVPF; others unchanged. */
  static String toSrtp(String proto) {
    return switch (proto) {
      case RTP_AVP -> RTP_SAVP;
      case RTP_AVPF -> RTP_SAVPF;
      default -> proto;
    };
  }

  /** The session-level lines without {@code a=3ge2ae} (spoof protection). */
  static Sdp sessionWithoutE2ae(Sdp sdp) {
    return sdp.withoutSessionLines(Rewriting::e2aeLine);
  }

  static <V> V required(Map<Integer, V> anchors, int index, String what) {
    V v = anchors.get(index);
    if (v == null) {
      throw new IllegalArgumentException("no " + what + " anchor for media stream index " + index);
    }
    return v;
  }
}
