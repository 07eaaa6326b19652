package ims.sdes.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import ims.sdes.SdesParseException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

class SdpProperties {

  @Property(tries = 500)
  void formatOfParseIsTheInputByteForByte(@ForAll("bodies") String body) {
    assertThat(Sdp.parse(body).format()).isEqualTo(body);
  }

  @Property(tries = 300)
  void parseOfFormatGivesAnEqualModel(@ForAll("bodies") String body) {
    Sdp sdp = Sdp.parse(body);

    assertThat(Sdp.parse(sdp.format())).isEqualTo(sdp);
  }

  @Property(tries = 1000)
  void arbitraryTextNeverThrowsAnythingButSdesParseException(@ForAll @StringLength(max = 400) String text) {
    parseAndReadEverything(text);
  }

  @Property(tries = 1000)
  void mutatedBodiesNeverThrowAnythingButSdesParseException(
      @ForAll("bodies") String body, @ForAll @IntRange(max = 10_000) int where, @ForAll char c,
      @ForAll @IntRange(max = 2) int how) {
    int at = body.isEmpty() ? 0 : where % body.length();
    String mutated = switch (how) {
      case 0 -> body.substring(0, at) + c + body.substring(at);
      case 1 -> body.isEmpty() ? body : body.substring(0, at) + body.substring(at + 1);
      default -> body.isEmpty() ? body : body.substring(0, at) + c + body.substring(at + 1);
    };
    parseAndReadEverything(mutated);
  }

  /** The attribute names a line learns when it is made ({@code TrackedAttributes}), as their constants. */
  private static final String[] TRACKED = {MediaSection.CRYPTO, E2aeIndication.ATTRIBUTE, MediaSection.KEY_MGMT,
      MediaSection.RTCP, MediaSection.RTCP_MUX, TransportCapability.ATTRIBUTE, AttributeCapability.ATTRIBUTE,
      Configuration.POTENTIAL, Configuration.ACTUAL};

  @Property(tries = 500)
  void lookUpsByTheNameConstantsAgreeWithTheTextOfEveryLine(@ForAll("attributeHeavyBodies") String body) {
    Sdp sdp = Sdp.parse(body);
    List<SdpLine> lines = new ArrayList<>(sdp.sessionLines());
    sdp.mediaSections().forEach(m -> lines.addAll(m.lines()));
    for (SdpLine line : lines) {
      SdpLine built = SdpLine.of(line.text(), line.ending()); // the public constructor's path
      for (String name : TRACKED) {
        boolean expected = line.text().equals("a=" + name) || line.text().startsWith("a=" + name + ":");
        String equalNotSame = new String(name.toCharArray()); // compared as text, not by the constant
        assertThat(line.isAttribute(name)).as("%s / %s", line, name).isEqualTo(expected);
        assertThat(line.isAttribute(equalNotSame)).as("%s / %s by text", line, name).isEqualTo(expected);
        assertThat(built.isAttribute(name)).as("%s / %s built", line, name).isEqualTo(expected);
      }
    }
    for (MediaSection m : sdp.mediaSections()) {
      MediaSection rebuilt = m.toBuilder("\r\n").removeIf(l -> false).build(); // the builder's section constructor
      for (String name : TRACKED) {
        long expected = m.lines().stream()
            .filter(l -> l.text().equals("a=" + name) || l.text().startsWith("a=" + name + ":")).count();
        assertThat(m.attributes(name)).as(name).hasSize((int) expected);
        assertThat(m.hasAttribute(name)).as(name).isEqualTo(expected > 0);
        assertThat(rebuilt.hasAttribute(new String(name.toCharArray()))).as(name).isEqualTo(expected > 0);
      }
    }
  }

  @Property(tries = 300)
  void startsWithInPlaceAgreesWithTheLineText(@ForAll("bodies") String body, @ForAll @IntRange(min = -2, max = 60) int offset,
      @ForAll @IntRange(max = 12) int length) {
    Sdp sdp = Sdp.parse(body);
    List<SdpLine> lines = new ArrayList<>(sdp.sessionLines());
    sdp.mediaSections().forEach(m -> lines.addAll(m.lines()));
    for (SdpLine line : lines) {
      String text = line.text();
      // a prefix the line has at the offset (when there is one), and one it has not
      String present = offset >= 0 && offset <= text.length() ? text.substring(offset, Math.min(text.length(), offset + length)) : "x";
      for (String prefix : List.of(present, present + "\u0000", "crypto", "AES_CM_128_HMAC_SHA1_80")) {
        boolean expected = offset >= 0 && text.startsWith(prefix, offset);
        assertThat(line.startsWith(prefix, offset)).as("%s at %d in %s", prefix, offset, line).isEqualTo(expected);
      }
    }
  }

  @Property(tries = 300)
  void mediaLineParsedInPlaceEqualsTheLineValueParsedAlone(@ForAll("bodies") String body) {
    Sdp sdp;
    try {
      sdp = Sdp.parse(body);
    } catch (ims.sdes.SdesParseException e) {
      return; // a generated m= line can be invalid (port out of range): the parse errors have their own tests
    }
    for (MediaSection m : sdp.mediaSections()) {
      MediaDescription alone = MediaDescription.parse(m.line(0).value());
      assertThat(m.description()).isEqualTo(alone);
      assertThat(m.description().formats()).containsExactlyElementsOf(alone.formats());
      assertThat(m.description().lineText()).isEqualTo(m.line(0).text());
    }
  }

  /** Bodies whose attribute names are the tracked ones, near misses of them (prefixes, suffixes, case) and others. */
  @Provide
  Arbitrary<String> attributeHeavyBodies() {
    Arbitrary<String> name = Arbitraries.oneOf(
        Arbitraries.of(TRACKED),
        Arbitraries.of(TRACKED).map(n -> n.substring(0, n.length() - 1)),
        Arbitraries.of(TRACKED).map(n -> n + "x"),
        Arbitraries.of(TRACKED).map(n -> n + "-"),
        Arbitraries.of(TRACKED).map(n -> n.toUpperCase(java.util.Locale.ROOT)),
        Arbitraries.of("", "c", "3", "r", "a", "p", "t", "k", "sendrecv", "rtpmap", "acfgs", "rtcp-fb"));
    Arbitrary<String> value = Arbitraries.of("", ":", ":1", ": requested", ":x y", " x");
    Arbitrary<String> attribute = Combinators.combine(name, value).as((n, v) -> "a=" + n + v);
    Arbitrary<String> ending = Arbitraries.of("\r\n", "\n", "\r");
    return Combinators.combine(attribute.list().ofMaxSize(6), attribute.list().ofMaxSize(12),
            attribute.list().ofMaxSize(12), ending, Arbitraries.of(true, false))
        .as((session, first, second, end, twoSections) -> {
          StringBuilder sb = new StringBuilder("v=0").append(end);
          session.forEach(l -> sb.append(l).append(end));
          sb.append("m=audio 4000 RTP/SAVP 0").append(end);
          first.forEach(l -> sb.append(l).append(end));
          if (twoSections) {
            sb.append("m=video 4002 RTP/AVP 96").append(end);
            second.forEach(l -> sb.append(l).append(end));
          }
          return sb.toString();
        });
  }

  /** Parses and calls every typed accessor: the only exception allowed anywhere is SdesParseException. */
  static void parseAndReadEverything(String text) {
    try {
      Sdp sdp = Sdp.parse(text);
      assertThat(sdp.format()).isEqualTo(text);
      touch(sdp::sessionConnection);
      touch(sdp::sessionDirection);
      touch(sdp::sessionTransportCapabilities);
      touch(sdp::sessionAttributeCapabilities);
      for (MediaSection m : sdp.mediaSections()) {
        touch(m::connection);
        touch(m::rtcpPort);
        touch(m::rtcpMux);
        touch(m::direction);
        touch(m::e2aeIndications);
        touch(m::cryptoValues);
        touch(m::keyManagementValues);
        touch(m::transportCapabilities);
        touch(m::attributeCapabilities);
        touch(m::potentialConfigurations);
        touch(m::actualConfigurations);
      }
    } catch (SdesParseException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  private static void touch(java.util.function.Supplier<?> accessor) {
    try {
      accessor.get();
    } catch (SdesParseException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<String> bodies() {
    Arbitrary<String> ending = Arbitraries.of("\r\n", "\r\n", "\r\n", "\n", "\r");
    Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').withChars("éß\t").ofMaxLength(40);
    Arbitrary<String> anyLine = Combinators.combine(Arbitraries.of('o', 's', 'i', 'b', 't', 'a', 'a', 'a', 'k', 'z', 'e'), text)
        .as((type, value) -> type + "=" + value);
    Arbitrary<String> attribute = Arbitraries.of("a=rtcp-mux", "a=sendonly", "a=3ge2ae:requested", "a=3ge2ae: applied",
        "a=rtcp:5001", "a=tcap:1 RTP/SAVP RTP/SAVPF", "a=pcfg:1 t=1 a=1,[2]|3", "a=acap:1 crypto:1 X inline:abc",
        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz", "a=key-mgmt:mikey AQE");
    Arbitrary<String> connection = Arbitraries.of("c=IN IP4 192.0.2.1", "c=IN IP6 2001:db8::1", "c=IN IP4 224.2.1.1/127/3");
    Arbitrary<String> media = Combinators.combine(Arbitraries.of("audio", "video", "message", "application"),
            Arbitraries.integers().between(0, 65535), Arbitraries.of("RTP/AVP", "RTP/SAVP", "TCP/MSRP", "udptl"),
            Arbitraries.of("0", "8 0 101", "*", "t38"))
        .as((m, port, proto, fmt) -> "m=" + m + " " + port + " " + proto + " " + fmt);
    Arbitrary<String> sessionLine = Arbitraries.oneOf(anyLine, attribute, connection);
    Arbitrary<List<String>> section = Combinators.combine(media, Arbitraries.oneOf(anyLine, attribute, connection).list().ofMaxSize(8))
        .as((m, rest) -> {
          List<String> lines = new ArrayList<>();
          lines.add(m);
          lines.addAll(rest);
          return lines;
        });
    return Combinators.combine(sessionLine.list().ofMaxSize(8), section.list().ofMaxSize(4),
            ending.list().ofSize(64), Arbitraries.of("", "", "\r\n", "\r\n\r\n"), Arbitraries.of(true, true, false))
        .as((session, sections, endings, trailer, finalEnding) -> {
          List<String> lines = new ArrayList<>();
          lines.add("v=0");
          lines.addAll(session);
          sections.forEach(lines::addAll);
          StringBuilder sb = new StringBuilder();
          for (int i = 0; i < lines.size(); i++) {
            sb.append(lines.get(i));
            boolean last = i == lines.size() - 1;
            if (!last || finalEnding) {
              sb.append(endings.get(i % endings.size()));
            }
          }
          if (finalEnding) {
            sb.append(trailer);
          }
          return sb.toString();
        });
  }
}
