package ims.benchmarks.relay.rtpengine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Examples from BitTorrent BEP 3 ("bencoding") and from rtpengine's documentation of the ng protocol. */
class BencodeTest {

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static BValue decode(String s) throws BencodeException {
    return Bencode.decode(ascii(s));
  }

  private static String encode(BValue v) {
    return new String(Bencode.encode(v), StandardCharsets.ISO_8859_1);
  }

  private static Map<String, BValue> ordered(Object... keyValues) {
    var m = new LinkedHashMap<String, BValue>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], (BValue) keyValues[i + 1]);
    }
    return m;
  }

  @Test
  void decodesBep3Examples() throws Exception {
    assertThat(decode("4:spam")).isEqualTo(BString.of("spam"));
    assertThat(decode("i3e")).isEqualTo(new BInteger(3));
    assertThat(decode("i-3e")).isEqualTo(new BInteger(-3));
    assertThat(decode("i0e")).isEqualTo(new BInteger(0));
    assertThat(decode("l4:spam4:eggse")).isEqualTo(BList.ofStrings("spam", "eggs"));
    assertThat(decode("d3:cow3:moo4:spam4:eggse"))
        .isEqualTo(new BDict(ordered("cow", BString.of("moo"), "spam", BString.of("eggs"))));
    assertThat(decode("d4:spaml1:a1:bee")).isEqualTo(new BDict(ordered("spam", BList.ofStrings("a", "b"))));
  }

  @Test
  void encodesBep3Examples() {
    assertThat(encode(BString.of("spam"))).isEqualTo("4:spam");
    assertThat(encode(new BInteger(3))).isEqualTo("i3e");
    assertThat(encode(new BInteger(-3))).isEqualTo("i-3e");
    assertThat(encode(new BInteger(0))).isEqualTo("i0e");
    assertThat(encode(BList.ofStrings("spam", "eggs"))).isEqualTo("l4:spam4:eggse");
    assertThat(encode(new BDict(ordered("spam", BList.ofStrings("a", "b"))))).isEqualTo("d4:spaml1:a1:bee");
  }

  @Test
  void encodesDictionaryKeysSortedAsRawStrings() {
    var unsorted = new BDict(ordered("spam", BString.of("eggs"), "cow", BString.of("moo")));
    assertThat(encode(unsorted)).isEqualTo("d3:cow3:moo4:spam4:eggse");
    // "Z" (0x5a) sorts before "a" (0x61) as raw bytes, and a prefix before its extensions
    var mixed = new BDict(ordered("a", new BInteger(1), "Z", new BInteger(2), "ab", new BInteger(3)));
    assertThat(encode(mixed)).isEqualTo("d1:Zi2e1:ai1e2:abi3ee");
  }

  @Test
  void encodesAndDecodesTheDocumentedPingAndPong() throws Exception {
    assertThat(encode(BDict.builder().put("command", "ping").build())).isEqualTo("d7:command4:pinge");
    assertThat(decode("d6:result4:ponge")).isEqualTo(BDict.builder().put("result", "pong").build());
  }

  @Test
  void acceptsUnsortedKeysAsRtpengineSendsThem() throws Exception {
    // rtpengine's documentation: "dictionary keys must be present in lexicographical order is not currently honoured"
    BValue v = decode("d3:sdp3:v=06:result2:oke");
    assertThat(v).isInstanceOf(BDict.class);
    assertThat(((BDict) v).entries().keySet()).containsExactly("sdp", "result");
    assertThat(((BDict) v).text("result")).contains("ok");
  }

  @Test
  void keepsArbitraryBytesOfByteStrings() throws Exception {
    byte[] raw = {0, (byte) 0xff, (byte) 0x80, ':', 'e'};
    byte[] encoded = Bencode.encode(new BString(raw));
    assertThat(encoded).containsExactly('5', ':', 0, 0xff, 0x80, ':', 'e');
    assertThat(((BString) Bencode.decode(encoded)).bytes()).containsExactly(raw);
  }

  @Test
  void decodesTheExtremesOfLong() throws Exception {
    assertThat(decode("i9223372036854775807e")).isEqualTo(new BInteger(Long.MAX_VALUE));
    assertThat(decode("i-9223372036854775808e")).isEqualTo(new BInteger(Long.MIN_VALUE));
    assertThat(encode(new BInteger(Long.MIN_VALUE))).isEqualTo("i-9223372036854775808e");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "i-0e", "i03e", "i00e", "ie", "i-e", "i12", "i1x2e", "i+1e", "i 1e",         // integers (the first two: BEP 3)
      "i9223372036854775808e", "i-9223372036854775809e", "i99999999999999999999e",  // beyond long
      "4:spa", "04:spam", "-1:a", "4spam", "99999999999:a",                        // byte strings
      "l4:spam", "d3:cow", "d3:cowe", "l", "d", "",                               // truncated
      "di1ei2ee", "dl1:aei1ee",                                                   // keys that are not strings
      "d1:ai1e1:ai2ee",                                                           // duplicate key
      "i1ei2e", "4:spamx", "lee",                                                 // trailing bytes
      "x", "e", "ll"})
  void rejectsMalformedInput(String input) {
    assertThatThrownBy(() -> decode(input)).isInstanceOf(BencodeException.class);
  }

  @Test
  void saysWhereTheInputWentWrong() {
    assertThatThrownBy(() -> decode("l4:spami03ee"))
        .isInstanceOfSatisfying(BencodeException.class, e -> assertThat(e.offset()).isEqualTo(8))
        .hasMessageContaining("leading zero");
  }

  @Test
  void rejectsKeysThatAreNotUtf8() {
    byte[] input = {'d', '1', ':', (byte) 0xff, 'i', '1', 'e', 'e'};
    assertThatThrownBy(() -> Bencode.decode(input)).isInstanceOf(BencodeException.class)
        .hasMessageContaining("UTF-8");
  }

  @Test
  void boundsNesting() throws Exception {
    String deepest = "l".repeat(Bencode.MAX_DEPTH) + "e".repeat(Bencode.MAX_DEPTH);
    assertThat(decode(deepest)).isInstanceOf(BList.class);
    String tooDeep = "l".repeat(Bencode.MAX_DEPTH + 1) + "e".repeat(Bencode.MAX_DEPTH + 1);
    assertThatThrownBy(() -> decode(tooDeep)).isInstanceOf(BencodeException.class).hasMessageContaining("nesting");
  }

  @Test
  void boundsInputSize() {
    byte[] big = new byte[Bencode.MAX_INPUT_BYTES + 1];
    assertThatThrownBy(() -> Bencode.decode(big)).isInstanceOf(BencodeException.class);
  }

  @Test
  void decodesOnlyTheGivenRange() throws Exception {
    byte[] datagram = ascii("5323_1 d7:command4:pinge");
    assertThat(Bencode.decode(datagram, 7, datagram.length)).isEqualTo(BDict.builder().put("command", "ping").build());
  }

  @Test
  void copiesByteStringsInAndOut() {
    byte[] raw = ascii("key");
    var s = new BString(raw);
    raw[0] = 'X';
    s.bytes()[1] = 'X';
    assertThat(s.text()).isEqualTo("key");
    assertThat(s.toString()).doesNotContain("key");
  }

  @Test
  void roundTripsNestedValues() throws Exception {
    var value = new BDict(ordered("a", new BList(List.of(new BInteger(-7), BString.of(""),
        new BDict(ordered("x", BList.of())))), "b", new BInteger(42)));
    assertThat(encode(value)).isEqualTo("d1:ali-7e0:d1:xleee1:bi42ee");
    assertThat(Bencode.decode(Bencode.encode(value))).isEqualTo(value);
  }
}
