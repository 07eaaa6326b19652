package ims.sdes.e2ae;

import ims.sdes.SdesParseException;
import ims.sdes.attribute.CryptoAttribute;
import ims.sdes.attribute.KeyParam;
import ims.sdes.attribute.SrtpSuite;
import ims.sdes.key.KeySource;
import ims.sdes.sdp.AttributeCapability;
import ims.sdes.sdp.Configuration;
import ims.sdes.sdp.MediaDescription;
import ims.sdes.sdp.MediaSection;
import ims.sdes.sdp.Sdp;
import ims.sdes.sdp.SdpLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The originating e2ae transforms (TS 33.328 7.2.1): the UE's offer toward the core (step 3) and the
 * core's answer toward the UE (steps 7-8). Pure functions: no I/O, clock or logging; fresh keys only from
 * the {@link KeySource} passed in. Streams that are not e2ae are forwarded byte for byte, except that every
 * {@code a=3ge2ae} is removed (spoof protection).
 *
 * <p>Typical use: {@link #streamsToAnchor} tells which streams need an IMS-AGW reservation; the P-CSCF
 * reserves them over Iq and passes the core-side addresses to {@link #offer}.
 */
public final class OriginatingTransforms {
  private OriginatingTransforms() {}

  /**
   * Indices of the streams of a UE offer that request e2ae and are not disabled (port 0): each needs a
   * core-side and an access-side anchor at the IMS-AGW.
   *
   * @throws SdesParseException if an attribute the classification needs is malformed
   */
  public static List<Integer> streamsToAnchor(Sdp ueOffer) {
    List<StreamKind> kinds = StreamClassifier.classify(ueOffer);
    List<Integer> out = new ArrayList<>(kinds.size());
    for (int i = 0; i < kinds.size(); i++) {
      if (kinds.get(i) == StreamKind.E2AE_REQUESTED && !ueOffer.media(i).description().isDisabled()) {
        out.add(i);
      }
    }
    return out;
  }

  /**
   * Step 3: the offer for the core. Per e2ae stream: one acceptable UE crypto line chosen by policy;
   * RTP/AVP(F) instead of SRTP; no {@code a=crypto}, {@code a=3ge2ae}, key management or RFC 5939
   * capability lines; the core-side anchor in {@code c=}, the port and {@code a=rtcp}.
   *
   * @param coreAnchors the IMS-AGW core-side address for every index {@link #streamsToAnchor} returned
   * @throws IllegalArgumentException if an anchor is missing (a caller bug, not bad input)
   */
  public static E2aeResult<OriginatingOffer> offer(
      Sdp ueOffer, CryptoPolicy policy, Map<Integer, MediaAnchor> coreAnchors) {
    Objects.requireNonNull(ueOffer, "ueOffer");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(coreAnchors, "coreAnchors");
    return KeyScope.run(keys -> offer(ueOffer, policy, coreAnchors, keys));
  }

  private static E2aeResult<OriginatingOffer> offer(
      Sdp ueOffer, CryptoPolicy policy, Map<Integer, MediaAnchor> coreAnchors, KeyScope keys) {
    List<StreamKind> kinds = StreamClassifier.classify(ueOffer);
    String ending = ueOffer.lineEnding();
    List<MediaSection> sections = new ArrayList<>(kinds.size());
    String[] ueProtos = new String[kinds.size()];
    List<UeOfferedStream> e2ae = new ArrayList<>(2);
    for (int i = 0; i < kinds.size(); i++) {
      MediaSection s = ueOffer.media(i);
      MediaDescription d = s.description();
      ueProtos[i] = d.proto();
      if (kinds.get(i) != StreamKind.E2AE_REQUESTED) {
        sections.add(Rewriting.withoutE2ae(s, ending));
        continue;
      }
      if (d.isDisabled()) { // nothing to anchor, but still no key and no SRTP toward the core
        sections.add(s.toBuilder(ending).removeIf(Rewriting::negotiationLine)
            .description(d.withProto(Rewriting.toRtp(d.proto()))).build());
        continue;
      }
      var choice = CryptoSelection.choose(ueOffer, i, policy);
      if (choice.isEmpty()) {
        return E2aeResult.rejected(new Rejection.NoAcceptableCrypto(i));
      }
      CryptoAttribute crypto = keys.hold(choice.get().crypto());
      Transport ue = Rewriting.transportOf(ueOffer, i);
      MediaAnchor anchor = Rewriting.required(coreAnchors, i, "core-side");
      e2ae.add(new UeOfferedStream(i, d.media(), crypto, ue, anchor, choice.get().srtpProto(),
          choice.get().capability()));
      MediaSection.Builder b = s.toBuilder(ending).removeIf(Rewriting::negotiationLine);
      sections.add(Rewriting.anchor(b, d, Rewriting.toRtp(d.proto()), anchor).build());
    }
    Sdp session = Rewriting.sessionWithoutE2ae(ueOffer);
    if (!e2ae.isEmpty()) {
      Set<Integer> removed = sessionCryptoCapabilities(ueOffer);
      if (!removed.isEmpty() && forwardedStreamUses(ueOffer, kinds, removed)) {
        return E2aeResult.rejected(new Rejection.SharedSessionKeys());
      }
      session = session.withoutSessionLines(OriginatingTransforms::sessionKeyLine);
    }
    // immutable lists for the record, which then keeps them as they are (List.copyOf of an immutable list)
    return E2aeResult.ok(new OriginatingOffer(session.withMediaSections(sections), kinds,
        ueProtos.length == 1 ? List.of(ueProtos[0]) : List.of(ueProtos),
        e2ae.size() == 1 ? List.of(e2ae.get(0)) : e2ae));
  }

  /** Session-level lines that can carry a UE key: a=crypto (not valid there, but never forwarded), crypto a=acap, k=. */
  private static boolean sessionKeyLine(SdpLine l) {
    if (l.type() == 'k' || l.isAttribute(MediaSection.CRYPTO)) {
      return true;
    }
    return l.isAttribute(AttributeCapability.ATTRIBUTE)
        && AttributeCapability.parse(l.attributeValue()).attributeName().equals(MediaSection.CRYPTO);
  }

  private static Set<Integer> sessionCryptoCapabilities(Sdp offer) {
    if (!offer.hasSessionAttribute(AttributeCapability.ATTRIBUTE)) {
      return Set.of(); // the usual offer: no session-level capabilities, nothing to build
    }
    Set<Integer> out = new HashSet<>();
    for (AttributeCapability cap : offer.sessionAttributeCapabilities()) {
      if (cap.attributeName().equals(MediaSection.CRYPTO)) {
        out.add(cap.number());
      }
    }
    return out;
  }

  private static boolean forwardedStreamUses(Sdp offer, List<StreamKind> kinds, Set<Integer> capabilities) {
    for (int i = 0; i < kinds.size(); i++) {
      if (kinds.get(i) == StreamKind.E2AE_REQUESTED) {
        continue;
      }
      for (Configuration c : offer.media(i).potentialConfigurations()) {
        for (List<Integer> alternative : c.attributeAlternatives()) {
          for (Integer n : alternative) {
            if (capabilities.contains(n)) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  /**
   * Steps 7-8: the answer for the UE, from the core's answer. Per e2ae stream the core accepted: SRTP
   * profile as the UE offered it, exactly one {@code a=crypto} with the chosen line's tag and suite and a
   * new key (K12), {@code a=acfg} for a capability-negotiation offer, {@code a=3ge2ae:applied}, and the
   * access-side anchor. A stream the core rejected (port 0) is rejected toward the UE too.
   *
   * @param accessAnchors the IMS-AGW access-side address for every anchored e2ae stream
   * @param keys where the new keys come from
   * @throws IllegalArgumentException if an anchor is missing (a caller bug, not bad input)
   */
  public static E2aeResult<OriginatingAnswer> answer(
      OriginatingOffer offer, Sdp coreAnswer, Map<Integer, MediaAnchor> accessAnchors, KeySource keys) {
    Objects.requireNonNull(offer, "offer");
    Objects.requireNonNull(coreAnswer, "coreAnswer");
    Objects.requireNonNull(accessAnchors, "accessAnchors");
    Objects.requireNonNull(keys, "keys");
    int count = offer.kinds().size();
    if (coreAnswer.mediaSections().size() != count) {
      return E2aeResult.rejected(new Rejection.StreamCountMismatch(count, coreAnswer.mediaSections().size()));
    }
    return KeyScope.run(scope -> answer(offer, coreAnswer, accessAnchors, keys, scope));
  }

  private static E2aeResult<OriginatingAnswer> answer(OriginatingOffer offer, Sdp coreAnswer,
      Map<Integer, MediaAnchor> accessAnchors, KeySource keys, KeyScope scope) {
    Map<Integer, UeOfferedStream> e2ae = new HashMap<>();
    offer.e2aeStreams().forEach(s -> e2ae.put(s.index(), s));
    String ending = coreAnswer.lineEnding();
    int count = offer.kinds().size();
    List<MediaSection> sections = new ArrayList<>(count);
    List<GatewayStream> gateway = new ArrayList<>(e2ae.size());
    for (int i = 0; i < count; i++) {
      MediaSection s = coreAnswer.media(i);
      MediaDescription d = s.description();
      UeOfferedStream offered = e2ae.get(i);
      if (offered == null && offer.kinds().get(i) != StreamKind.E2AE_REQUESTED) {
        sections.add(Rewriting.withoutE2ae(s, ending));
        continue;
      }
      MediaSection.Builder b = s.toBuilder(ending).removeIf(Rewriting::negotiationLine);
      if (offered == null || d.isDisabled()) { // rejected: port 0 and the profile the UE offered
        sections.add(b.description(d.withPort(0).withProto(offer.ueProto(i))).build());
        continue;
      }
      MediaAnchor anchor = Rewriting.required(accessAnchors, i, "access-side");
      Transport core = Rewriting.transportOf(coreAnswer, i);
      SrtpSuite suite = offered.ueCrypto().knownSuite().orElseThrow();
      CryptoAttribute k12;
      try (KeyParam key = KeyParam.generate(suite, keys)) {
        k12 = scope.hold(CryptoAttribute.of(offered.ueCrypto().tag(), suite, key, List.of()));
      }
      gateway.add(new GatewayStream(i, d.media(), offered.ueCrypto(), k12, offered.ue(), core, anchor,
          offered.coreAnchor()));
      Rewriting.anchor(b, d, offered.srtpProto(), anchor);
      b.addAttribute(MediaSection.CRYPTO + ':' + k12.format());
      offered.capabilityChoice().ifPresent(c -> b.addAttribute(Configuration.ACTUAL + ':' + c.acfgValue()));
      b.addAttribute(Rewriting.E2AE_APPLIED);
      sections.add(b.build());
    }
    return E2aeResult.ok(
        new OriginatingAnswer(Rewriting.sessionWithoutE2ae(coreAnswer).withMediaSections(sections), gateway));
  }
}
