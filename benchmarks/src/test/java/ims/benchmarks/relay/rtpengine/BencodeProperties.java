package ims.benchmarks.relay.rtpengine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class BencodeProperties {

  @Property(tries = 500)
  void integersAreTheirDecimalFormBetweenIAndE(@ForAll long value) throws BencodeException {
    byte[] encoded = Bencode.encode(new BInteger(value));
    assertThat(new String(encoded, StandardCharsets.US_ASCII)).isEqualTo("i" + value + "e");
    assertThat(Bencode.decode(encoded)).isEqualTo(new BInteger(value));
  }

  @Property(tries = 500)
  void byteStringsAreTheirLengthColonAndTheBytes(@ForAll @Size(max = 300) byte[] bytes) throws BencodeException {
    byte[] encoded = Bencode.encode(new BString(bytes));
    String prefix = bytes.length + ":";
    assertThat(new String(encoded, 0, prefix.length(), StandardCharsets.US_ASCII)).isEqualTo(prefix);
    assertThat(Bencode.decode(encoded)).isEqualTo(new BString(bytes));
  }

  @Property(tries = 200)
  void dictionariesOfListsRoundTripWhateverTheKeyOrder(@ForAll @Size(max = 8) List<@Size(max = 6) String> keys,
      @ForAll @Size(max = 8) List<Long> numbers) throws BencodeException {
    Map<String, BValue> entries = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      List<BValue> items = new ArrayList<>();
      for (int j = 0; j <= i && j < numbers.size(); j++) {
        items.add(new BInteger(numbers.get(j)));
      }
      entries.put(keys.get(i), new BList(items));
    }
    var dict = new BDict(entries);
    BValue decoded = Bencode.decode(Bencode.encode(dict));
    assertThat(decoded).isInstanceOf(BDict.class);
    assertThat(((BDict) decoded).entries()).isEqualTo(dict.entries());
  }

  @Property(tries = 100)
  void truncatingAnEncodingNeverYieldsAValue(@ForAll @Size(min = 1, max = 5) List<Long> numbers) {
    byte[] encoded = Bencode.encode(new BList(numbers.stream().<BValue>map(BInteger::new).toList()));
    for (int cut = 0; cut < encoded.length; cut++) {
      final int end = cut;
      assertThatThrownBy(() -> Bencode.decode(encoded, 0, end))
          .isInstanceOf(BencodeException.class);
    }
  }
}
