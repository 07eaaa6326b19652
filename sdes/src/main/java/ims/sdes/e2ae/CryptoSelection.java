package ims.sdes.e2ae;

import ims.sdes.SdesParseException;
import ims.sdes.attribute.CryptoAttribute;
import ims.sdes.attribute.CryptoSuite;
import ims.sdes.attribute.SessionParam;
import ims.sdes.attribute.SrtpSuite;
import ims.sdes.sdp.AttributeCapability;
import ims.sdes.sdp.Configuration;
import ims.sdes.sdp.MediaSection;
import ims.sdes.sdp.Sdp;
import ims.sdes.sdp.SdpLine;
import ims.sdes.sdp.TransportCapability;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the UE crypto line of an e2ae stream (TS 33.328 7.2.1 step 3): among the acceptable lines whose suite
 * the policy allows, the one whose suite the policy prefers most; on a tie, the UE's first (the UE lists
 * its preferred line first, RFC 4568 section 7.1.1). Lines that do not parse, have an unknown suite or an
 * unknown mandatory session parameter are skipped, as RFC 4568 section 7.1.2 tells an answerer.
 *
 * <p>Capability negotiation (RFC 5939): when the m= line is RTP/AVP(F), the candidates are the crypto
 * attribute capabilities of the potential configurations whose transport is RTP/SAVP(F), in configuration
 * order. An attribute alternative with more than one crypto capability is skipped.
 */
final class CryptoSelection {
  private CryptoSelection() {}

  /** The chosen line, its SRTP profile toward the UE and, for capability negotiation, the configuration. */
  record Choice(CryptoAttribute crypto, String srtpProto, Optional<CapabilityChoice> capability) {}

  private record Candidate(CryptoAttribute crypto, String srtpProto, Optional<CapabilityChoice> capability) {}

  /** The choice, or empty if no line is acceptable. Every parsed line not chosen is wiped. */
  static Optional<Choice> choose(Sdp offer, int index, CryptoPolicy policy) {
    MediaSection s = offer.media(index);
    String proto = s.description().proto();
    if (Rewriting.isSrtp(proto)) {
      return chooseDirect(s.attributes(MediaSection.CRYPTO), proto, policy);
    }
    if (!Rewriting.isRtp(proto)) {
      return Optional.empty();
    }
    List<Candidate> candidates = new ArrayList<>(4);
    Set<CryptoAttribute> parsed = Collections.newSetFromMap(new IdentityHashMap<>(8));
    try {
      capabilityCandidates(offer, index, candidates, parsed);
      Candidate best = null;
      int bestRank = Integer.MAX_VALUE;
      for (Candidate c : candidates) {
        Optional<SrtpSuite> suite = c.crypto().knownSuite();
        int rank = suite.isPresent() && acceptable(c.crypto()) ? policy.rank(suite.get()) : -1;
        if (rank >= 0 && rank < bestRank) {
          best = c;
          bestRank = rank;
        }
      }
      if (best == null) {
        return Optional.empty();
      }
      parsed.remove(best.crypto());
      return Optional.of(new Choice(best.crypto(), best.srtpProto(), best.capability()));
    } finally {
      parsed.forEach(CryptoAttribute::close);
    }
  }

  /**
   * Plain RTP/SAVP(F) offer: ranks the lines by the suite name alone (cheap, no copy of the line), then
   * parses them best rank first and stops at the first usable one, so a typical offer costs one crypto parse.
   */
  private static Optional<Choice> chooseDirect(List<SdpLine> lines, String proto, CryptoPolicy policy) {
    int[] ranks = new int[lines.size()]; // -1: not allowed, or already tried
    for (int i = 0; i < ranks.length; i++) {
      ranks[i] = suiteRank(lines.get(i), policy);
    }
    while (true) {
      int best = -1; // the best rank left; on a tie the UE's first line
      for (int i = 0; i < ranks.length; i++) {
        if (ranks[i] >= 0 && (best < 0 || ranks[i] < ranks[best])) {
          best = i;
        }
      }
      if (best < 0) {
        return Optional.empty();
      }
      int rank = ranks[best];
      ranks[best] = -1;
      CryptoAttribute c;
      try {
        c = CryptoAttribute.parse(lines.get(best).attributeValue());
      } catch (SdesParseException e) {
        continue; // an offerer's line we cannot use is skipped, not an error
      }
      if (acceptable(c) && c.suite() instanceof CryptoSuite.Known known && policy.rank(known.suite()) == rank) {
        return Optional.of(new Choice(c, proto, Optional.empty()));
      }
      c.close();
    }
  }

  /**
   * Usable (RFC 4568 section 7.1.2) and not weakening the protection e2ae exists for: a line with
   * UNENCRYPTED_SRTP, UNENCRYPTED_SRTCP or UNAUTHENTICATED_SRTP is not accepted (those flags apply to both
   * directions, and the P-CSCF's answer line never carries them).
   */
  static boolean acceptable(CryptoAttribute c) {
    if (!c.usable()) {
      return false;
    }
    for (SessionParam p : c.sessionParams()) {
      if (p instanceof SessionParam.Flag) {
        return false;
      }
    }
    return true;
  }

  /**
   * The policy's rank of the suite an {@code a=crypto} line names (the token after the tag and its
   * whitespace), or -1 if the policy does not allow it or the line names none. Reads the line in place.
   */
  static int suiteRank(SdpLine cryptoLine, CryptoPolicy policy) {
    int n = cryptoLine.length();
    int i = 2;
    while (i < n && cryptoLine.charAt(i) != ':') {
      i++;
    }
    if (i == n) {
      return -1;
    }
    i++;
    while (i < n && !isWsp(cryptoLine.charAt(i))) {
      i++;
    }
    while (i < n && isWsp(cryptoLine.charAt(i))) {
      i++;
    }
    for (SrtpSuite suite : SUITES) { // the suite token is the name if the line has it here, then WSP or its end
      String name = suite.sdpName();
      int after = i + name.length();
      if (cryptoLine.startsWith(name, i) && (after == n || isWsp(cryptoLine.charAt(after)))) {
        return policy.rank(suite);
      }
    }
    return -1;
  }

  private static final SrtpSuite[] SUITES = SrtpSuite.values();

  private static boolean isWsp(char c) {
    return c == ' ' || c == '\t';
  }

  private static Optional<CryptoAttribute> parse(String value, Set<CryptoAttribute> parsed) {
    try {
      CryptoAttribute c = CryptoAttribute.parse(value);
      parsed.add(c);
      return Optional.of(c);
    } catch (SdesParseException e) {
      return Optional.empty(); // an offerer's line we cannot use is skipped, not an error
    }
  }

  private static void capabilityCandidates(
      Sdp offer, int index, List<Candidate> out, Set<CryptoAttribute> parsed) {
    MediaSection s = offer.media(index);
    List<Configuration> configurations = new ArrayList<>(s.potentialConfigurations());
    if (configurations.isEmpty()) {
      return;
    }
    configurations.sort((a, b) -> Integer.compare(a.number(), b.number())); // RFC 5939 3.5.1: lower = preferred
    Map<Integer, String> transports = new HashMap<>();
    for (TransportCapability t : offer.sessionTransportCapabilities()) {
      transports.put(t.number(), t.protocol());
    }
    for (TransportCapability t : s.transportCapabilities()) {
      transports.put(t.number(), t.protocol());
    }
    Map<Integer, AttributeCapability> attributes = StreamClassifier.capabilitiesUsedBy(offer, index);
    Map<Integer, Optional<CryptoAttribute>> cryptoByNumber = new HashMap<>();
    for (Configuration c : configurations) {
      for (Integer t : c.transports()) {
        String proto = transports.get(t);
        if (proto == null || !Rewriting.isSrtp(proto)) {
          continue;
        }
        for (List<Integer> alternative : c.attributeAlternatives()) {
          Integer cryptoNumber = null;
          int cryptoCount = 0;
          for (Integer n : alternative) {
            AttributeCapability cap = attributes.get(n);
            if (cap != null && cap.attributeName().equals(MediaSection.CRYPTO)) {
              cryptoNumber = n;
              cryptoCount++;
            }
          }
          if (cryptoCount != 1) {
            continue;
          }
          Optional<CryptoAttribute> crypto = cryptoByNumber.computeIfAbsent(
              cryptoNumber, n -> parse(attributes.get(n).attributeValue(), parsed));
          if (crypto.isPresent()) {
            out.add(new Candidate(crypto.get(), proto,
                Optional.of(new CapabilityChoice(c.number(), t, cryptoNumber))));
          }
        }
      }
    }
  }
}
