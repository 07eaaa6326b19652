package ims.sdes.e2ae;

import static org.assertj.core.api.Assertions.assertThat;

import ims.sdes.sdp.MediaSection;
import ims.sdes.sdp.Sdp;
import ims.sdes.sdp.SdpLine;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the transforms over random offers and answers. */
class E2aeProperties {

  /** One random stream of a UE offer; {@code key} is the raw key||salt of its crypto line, if any. */
  record Stream(String kind, byte[] key, boolean spoof, String extra, String ending) {
    String text() {
      String b64 = Base64.getEncoder().encodeToString(key);
      String e = ending;
      String crypto = "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + b64 + "|2^20" + e;
      String spoofLine = spoof ? "a=3ge2ae:applied" + e : "";
      return switch (kind) {
        case "e2ae" -> "m=audio 4000 RTP/SAVP 0 8" + e + "a=rtpmap:0 PCMU/8000" + e + crypto + spoofLine
            + "a=3ge2ae: requested" + e + extra + e;
        case "e2ae-capneg" -> "m=audio 4000 RTP/AVP 0" + e + "a=tcap:1 RTP/SAVP" + e
            + "a=acap:1 crypto:1 AES_CM_128_HMAC_SHA1_32 inline:" + b64 + e + "a=pcfg:1 t=1 a=1" + e
            + "a=3ge2ae:requested" + e + extra + e;
        case "e2ae-disabled" -> "m=video 0 RTP/SAVP 31" + e + crypto + "a=3ge2ae:requested" + e;
        case "e2e" -> "m=audio 4002 RTP/SAVP 0" + e + extra + e + crypto + spoofLine;
        case "kms" -> "m=audio 4004 RTP/AVP 0" + e + "a=key-mgmt:mikey " + b64 + e + spoofLine + extra + e;
        default -> "m=message 4006 TCP/MSRP *" + e + spoofLine + extra + e;
      };
    }

    boolean e2ae() {
      return kind.startsWith("e2ae");
    }
  }

  @Provide
  Arbitrary<List<Stream>> offers() {
    Arbitrary<Stream> stream = Combinators.combine(
            Arbitraries.of("e2ae", "e2ae-capneg", "e2ae-disabled", "e2e", "kms", "plain"),
            Arbitraries.bytes().array(byte[].class).ofSize(30),
            Arbitraries.of(true, false),
            Arbitraries.of("a=sendrecv", "a=x-unknown:  odd  spacing ", "a=rtcp-mux", "a=rtcp:4999", "b=AS:64", "i=info"),
            Arbitraries.of("\r\n", "\r\n", "\n"))
        .as(Stream::new);
    return stream.list().ofMinSize(1).ofMaxSize(5);
  }

  static String body(List<Stream> streams) {
    return "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\na=3ge2ae:requested\r\n"
        + streams.stream().map(Stream::text).collect(Collectors.joining());
  }

  static Map<Integer, MediaAnchor> anchors(int count, int base) {
    Map<Integer, MediaAnchor> m = new HashMap<>();
    for (int i = 0; i < count; i++) {
      m.put(i, MediaAnchor.of("192.0.2.10", base + 2 * i));
    }
    return m;
  }

  static List<String> forms(byte[] key) {
    return List.of(Base64.getEncoder().encodeToString(key), Base64.getEncoder().withoutPadding().encodeToString(key),
        HexFormat.of().formatHex(key), new String(key, java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  @Property(tries = 300)
  void coreOfferNeverCarriesAnE2aeUeKeyNorAnyE2aeIndication(@ForAll("offers") List<Stream> streams) {
    var r = OriginatingTransforms.offer(Sdp.parse(body(streams)), CryptoPolicy.DEFAULT, anchors(streams.size(), 30000));

    assertThat(r).isInstanceOf(E2aeResult.Ok.class);
    try (OriginatingOffer offer = ((E2aeResult.Ok<OriginatingOffer>) r).value()) {
      String core = offer.coreOffer().format();
      assertThat(core).doesNotContain("3ge2ae");
      for (Stream s : streams) {
        if (s.e2ae()) {
          for (String form : forms(s.key())) {
            assertThat(core).doesNotContain(form);
          }
        }
      }
    }
  }

  @Property(tries = 300)
  void streamsThatAreNotE2aeComeBackByteIdenticalExceptForeignIndications(@ForAll("offers") List<Stream> streams) {
    Sdp ue = Sdp.parse(body(streams));
    var r = OriginatingTransforms.offer(ue, CryptoPolicy.DEFAULT, anchors(streams.size(), 30000));

    try (OriginatingOffer offer = ((E2aeResult.Ok<OriginatingOffer>) r).value()) {
      for (int i = 0; i < streams.size(); i++) {
        if (streams.get(i).e2ae()) {
          continue;
        }
        List<SdpLine> expected = new ArrayList<>(ue.media(i).lines());
        expected.removeIf(l -> l.isAttribute("3ge2ae"));
        assertThat(offer.coreOffer().media(i).lines()).isEqualTo(expected);
        if (!streams.get(i).spoof()) {
          assertThat(offer.coreOffer().media(i)).isEqualTo(ue.media(i));
        }
      }
    }
  }

  @Property(tries = 200)
  void ueAnswerCarriesExactlyOneCryptoWithTheChosenTagAndSuitePerAnchoredStream(
      @ForAll("offers") List<Stream> streams, @ForAll @IntRange(min = 0, max = 255) int seed) {
    var r = OriginatingTransforms.offer(Sdp.parse(body(streams)), CryptoPolicy.DEFAULT, anchors(streams.size(), 30000));
    try (OriginatingOffer offer = ((E2aeResult.Ok<OriginatingOffer>) r).value()) {
      // The core answers with its own body: every stream accepted on the same port and profile it was offered.
      Sdp core = offer.coreOffer();
      var a = OriginatingTransforms.answer(offer, core, anchors(streams.size(), 20000), out -> java.util.Arrays.fill(out, (byte) seed));
      try (OriginatingAnswer answer = ((E2aeResult.Ok<OriginatingAnswer>) a).value()) {
        for (GatewayStream g : answer.gatewayStreams()) {
          MediaSection m = answer.ueAnswer().media(g.index());
          assertThat(m.cryptoValues()).containsExactly(g.encryptToUe().format());
          assertThat(g.encryptToUe().tag()).isEqualTo(g.decryptFromUe().tag());
          assertThat(g.encryptToUe().suite().name()).isEqualTo(g.decryptFromUe().suite().name());
          assertThat(m.e2aeIndications()).containsExactly(ims.sdes.sdp.E2aeIndication.APPLIED);
          assertThat(m.description().proto()).startsWith("RTP/SAVP");
        }
        long anchored = streams.stream().filter(s -> s.kind().equals("e2ae") || s.kind().equals("e2ae-capneg")).count();
        assertThat(answer.gatewayStreams()).hasSize((int) anchored);
      }
    }
  }

  @Property(tries = 200)
  void coreAnswerNeverCarriesTheUesKeyNorTheOfferedKeys(
      @ForAll("offers") List<Stream> streams, @ForAll("keys") byte[] ueKey) {
    // Terminating side: the core offer is the UE offer of this property with the keys turned into plain RTP.
    Sdp coreOffer = Sdp.parse(body(streams.stream().map(s -> new Stream("plain-" + s.kind(), s.key(), s.spoof(), s.extra(), s.ending())).toList())
        .replace("m=message 4006 TCP/MSRP *", "m=audio 4006 RTP/AVP 0"));
    List<byte[]> offeredKeys = new ArrayList<>();
    var r = TerminatingTransforms.offer(coreOffer, CryptoPolicy.DEFAULT, anchors(streams.size(), 20000), out -> {
      new java.util.Random(out.length + offeredKeys.size()).nextBytes(out);
      offeredKeys.add(out.clone());
    });
    try (TerminatingOffer offer = ((E2aeResult.Ok<TerminatingOffer>) r).value()) {
      StringBuilder ue = new StringBuilder("v=0\r\nc=IN IP4 10.9.9.9\r\n");
      for (int i = 0; i < offer.ueOffer().mediaSections().size(); i++) {
        ue.append("m=audio ").append(5000 + 2 * i).append(" RTP/SAVP 0\r\n")
            .append("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:").append(Base64.getEncoder().encodeToString(ueKey)).append("\r\n");
      }
      var a = TerminatingTransforms.answer(offer, Sdp.parse(ue.toString()), anchors(streams.size(), 30000));
      assertThat(a).isInstanceOf(E2aeResult.Ok.class);
      try (TerminatingAnswer answer = ((E2aeResult.Ok<TerminatingAnswer>) a).value()) {
        String core = answer.coreAnswer().format();
        assertThat(core).doesNotContain("crypto", "3ge2ae");
        for (byte[] k : offeredKeys) {
          forms(k).forEach(f -> assertThat(core).doesNotContain(f));
        }
        forms(ueKey).forEach(f -> assertThat(core).doesNotContain(f));
      }
    }
  }

  @Property(tries = 1000)
  void transformsOfMutatedOffersReturnResultsAndNeverThrow(
      @ForAll("offers") List<Stream> streams, @ForAll @IntRange(max = 100_000) int where, @ForAll char c) {
    String body = body(streams);
    int at = where % body.length();
    String mutated = body.substring(0, at) + c + body.substring(at + 1);
    Sdp sdp;
    try {
      sdp = Sdp.parse(mutated);
    } catch (ims.sdes.SdesParseException e) {
      return; // the one error type for bad input
    }
    Map<Integer, MediaAnchor> all = anchors(sdp.mediaSections().size(), 30000);
    var offer = OriginatingTransforms.offer(sdp, CryptoPolicy.DEFAULT, all);
    if (offer instanceof E2aeResult.Ok<OriginatingOffer> ok) {
      try (OriginatingOffer o = ok.value()) {
        assertThat(OriginatingTransforms.answer(o, o.coreOffer(), all, out -> { })).isNotNull();
      }
    }
    var term = TerminatingTransforms.offer(sdp, CryptoPolicy.DEFAULT, all, out -> { });
    if (term instanceof E2aeResult.Ok<TerminatingOffer> ok) {
      try (TerminatingOffer t = ok.value()) {
        assertThat(TerminatingTransforms.answer(t, t.ueOffer(), all)).isNotNull();
      }
    }
  }

  @Provide
  Arbitrary<byte[]> keys() {
    return Arbitraries.bytes().array(byte[].class).ofSize(30);
  }
}
