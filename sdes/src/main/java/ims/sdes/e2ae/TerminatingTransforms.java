package ims.sdes.e2ae;

import ims.sdes.SdesParseException;
import ims.sdes.attribute.CryptoAttribute;
import ims.sdes.attribute.KeyParam;
import ims.sdes.attribute.SrtpSuite;
import ims.sdes.key.KeySource;
import ims.sdes.sdp.MediaDescription;
import ims.sdes.sdp.MediaSection;
import ims.sdes.sdp.Sdp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The terminating e2ae transforms (TS 33.328 7.3.1): the core's RTP offer toward the UE (step 4) and the
 * UE's SRTP answer toward the core (steps 5-7). Pure functions, like {@link OriginatingTransforms}.
 * The caller applies them only to a UE registered with e2ae support and a policy that wants e2ae (step 3).
 */
public final class TerminatingTransforms {
  private TerminatingTransforms() {}

  /**
   * Indices of the streams of a core offer the P-CSCF protects: RTP/AVP or RTP/AVPF, not disabled, and
   * no key management of their own (a far end's SDES or MIKEY stream is end to end and passes untouched).
   *
   * @throws SdesParseException if an attribute the classification needs is malformed
   */
  public static List<Integer> streamsToAnchor(Sdp coreOffer) {
    List<StreamKind> kinds = StreamClassifier.classify(coreOffer);
    List<Integer> out = new ArrayList<>(kinds.size());
    for (int i = 0; i < kinds.size(); i++) {
      MediaDescription d = coreOffer.media(i).description();
      StreamKind k = kinds.get(i);
      if (!d.isDisabled() && Rewriting.isRtp(d.proto())
          && (k == StreamKind.PLAIN || k == StreamKind.E2AE_REQUESTED)) { // a foreign "requested" is ignored
        out.add(i);
      }
    }
    return out;
  }

  /**
   * Step 4: the offer for the UE. Per protected stream: RTP/SAVP(F), one {@code a=crypto} per policy suite
   * in policy order (tags 1, 2, ...; fresh keys K21), {@code a=3ge2ae:applied}, the access-side anchor.
   *
   * @param accessAnchors the IMS-AGW access-side address for every index {@link #streamsToAnchor} returned
   * @throws IllegalArgumentException if an anchor is missing (a caller bug, not bad input)
   */
  public static E2aeResult<TerminatingOffer> offer(
      Sdp coreOffer, CryptoPolicy policy, Map<Integer, MediaAnchor> accessAnchors, KeySource keys) {
    Objects.requireNonNull(coreOffer, "coreOffer");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(accessAnchors, "accessAnchors");
    Objects.requireNonNull(keys, "keys");
    return KeyScope.run(scope -> offer(coreOffer, policy, accessAnchors, keys, scope));
  }

  private static E2aeResult<TerminatingOffer> offer(Sdp coreOffer, CryptoPolicy policy,
      Map<Integer, MediaAnchor> accessAnchors, KeySource keys, KeyScope scope) {
    List<Integer> toProtect = streamsToAnchor(coreOffer);
    String ending = coreOffer.lineEnding();
    List<MediaSection> sections = new ArrayList<>(coreOffer.mediaSections().size());
    List<NetworkOfferedStream> protectedStreams = new ArrayList<>(2);
    for (int i = 0; i < coreOffer.mediaSections().size(); i++) {
      MediaSection s = coreOffer.media(i);
      if (!toProtect.contains(i)) {
        sections.add(Rewriting.withoutE2ae(s, ending));
        continue;
      }
      MediaDescription d = s.description();
      MediaAnchor anchor = Rewriting.required(accessAnchors, i, "access-side");
      Transport core = Rewriting.transportOf(coreOffer, i);
      List<CryptoAttribute> cryptos = new ArrayList<>(policy.allowedSuites().size());
      MediaSection.Builder b = s.toBuilder(ending).removeIf(Rewriting::negotiationLine);
      Rewriting.anchor(b, d, Rewriting.toSrtp(d.proto()), anchor);
      int tag = 1;
      for (SrtpSuite suite : policy.allowedSuites()) {
        try (KeyParam key = KeyParam.generate(suite, keys)) {
          CryptoAttribute k21 = scope.hold(CryptoAttribute.of(tag++, suite, key, List.of()));
          cryptos.add(k21);
          b.addAttribute(MediaSection.CRYPTO + ':' + k21.format());
        }
      }
      protectedStreams.add(new NetworkOfferedStream(i, d.media(), cryptos, core, anchor, d.proto()));
      b.addAttribute(Rewriting.E2AE_APPLIED);
      sections.add(b.build());
    }
    return E2aeResult.ok(new TerminatingOffer(
        Rewriting.sessionWithoutE2ae(coreOffer).withMediaSections(sections), protectedStreams));
  }

  /**
   * Steps 5-7: the answer for the core. Per protected stream the UE accepted: exactly one {@code a=crypto}
   * whose tag was offered, with the offered suite and a valid key (K22); the answer gets the core's RTP
   * profile, no key lines, no {@code a=3ge2ae}, and the core-side anchor. A stream the UE rejected (port 0)
   * is rejected toward the core too.
   *
   * @param coreAnchors the IMS-AGW core-side address for every protected stream
   * @throws IllegalArgumentException if an anchor is missing (a caller bug, not bad input)
   */
  public static E2aeResult<TerminatingAnswer> answer(
      TerminatingOffer offer, Sdp ueAnswer, Map<Integer, MediaAnchor> coreAnchors) {
    Objects.requireNonNull(offer, "offer");
    Objects.requireNonNull(ueAnswer, "ueAnswer");
    Objects.requireNonNull(coreAnchors, "coreAnchors");
    int count = offer.ueOffer().mediaSections().size();
    if (ueAnswer.mediaSections().size() != count) {
      return E2aeResult.rejected(new Rejection.StreamCountMismatch(count, ueAnswer.mediaSections().size()));
    }
    return KeyScope.run(scope -> answer(offer, ueAnswer, coreAnchors, scope));
  }

  private static E2aeResult<TerminatingAnswer> answer(
      TerminatingOffer offer, Sdp ueAnswer, Map<Integer, MediaAnchor> coreAnchors, KeyScope scope) {
    Map<Integer, NetworkOfferedStream> protectedStreams = new HashMap<>();
    offer.protectedStreams().forEach(s -> protectedStreams.put(s.index(), s));
    String ending = ueAnswer.lineEnding();
    int count = ueAnswer.mediaSections().size();
    List<MediaSection> sections = new ArrayList<>(count);
    List<GatewayStream> gateway = new ArrayList<>(protectedStreams.size());
    for (int i = 0; i < count; i++) {
      MediaSection s = ueAnswer.media(i);
      MediaDescription d = s.description();
      NetworkOfferedStream offered = protectedStreams.get(i);
      if (offered == null) {
        sections.add(Rewriting.withoutE2ae(s, ending));
        continue;
      }
      MediaSection.Builder b = s.toBuilder(ending).removeIf(Rewriting::negotiationLine);
      if (d.isDisabled()) {
        sections.add(b.description(d.withProto(offered.rtpProto())).build());
        continue;
      }
      if (!Rewriting.isSrtp(d.proto())) {
        return E2aeResult.rejected(new Rejection.AnswerNotSrtp(i, d.proto()));
      }
      List<String> values = s.cryptoValues();
      if (values.size() != 1) {
        return E2aeResult.rejected(new Rejection.AnswerCryptoCount(i, values.size()));
      }
      CryptoAttribute answered;
      try {
        answered = scope.hold(CryptoAttribute.parse(values.get(0)));
      } catch (SdesParseException e) {
        return E2aeResult.rejected(new Rejection.AnswerCryptoInvalid(i, e.getMessage()));
      }
      CryptoAttribute matched = null;
      for (CryptoAttribute c : offered.offeredCryptos()) {
        if (c.tag() == answered.tag()) {
          matched = c;
        }
      }
      if (matched == null) {
        return E2aeResult.rejected(new Rejection.AnswerTagMismatch(i, answered.tag()));
      }
      if (!matched.suite().name().equals(answered.suite().name())) {
        return E2aeResult.rejected(
            new Rejection.AnswerSuiteMismatch(i, matched.suite().name(), answered.suite().name()));
      }
      if (!answered.usable()) {
        return E2aeResult.rejected(new Rejection.AnswerCryptoInvalid(i, "unknown mandatory session parameter"));
      }
      if (!CryptoSelection.acceptable(answered)) {
        return E2aeResult.rejected(new Rejection.AnswerCryptoInvalid(i, "session parameter turns protection off"));
      }
      MediaAnchor anchor = Rewriting.required(coreAnchors, i, "core-side");
      Transport ue = Rewriting.transportOf(ueAnswer, i);
      gateway.add(new GatewayStream(i, d.media(), answered, matched, ue, offered.core(), offered.accessAnchor(),
          anchor));
      sections.add(Rewriting.anchor(b, d, offered.rtpProto(), anchor).build());
    }
    return E2aeResult.ok(new TerminatingAnswer(
        Rewriting.sessionWithoutE2ae(ueAnswer).withMediaSections(sections), gateway));
  }
}
