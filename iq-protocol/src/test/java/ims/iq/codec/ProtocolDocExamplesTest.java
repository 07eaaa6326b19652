package ims.iq.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every H.248 message shown in PROTOCOL.md decodes, and is exactly what our encoder writes for it. */
class ProtocolDocExamplesTest {
  private static final Pattern FENCE = Pattern.compile("```\\n(.*?)```", Pattern.DOTALL);

  record DocExample(int index, String text) {
    @Override
    public String toString() {
      return "example " + index + ": " + text.lines().skip(1).findFirst().orElse("");
    }
  }

  static Stream<DocExample> examples() throws Exception {
    String doc = Files.readString(Path.of("PROTOCOL.md"));
    List<DocExample> list = new ArrayList<>();
    var m = FENCE.matcher(doc);
    while (m.find()) {
      String block = m.group(1);
      if (block.startsWith("MEGACO/") || block.startsWith("!/")) list.add(new DocExample(list.size() + 1, block));
    }
    assertThat(list).hasSizeGreaterThan(10);
    return list.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void decodesAndIsOurEncoding(DocExample example) throws Exception {
    var message = IqCodec.decode(example.text());
    TokenStyle style = example.text().startsWith("!/") ? TokenStyle.COMPACT : TokenStyle.PRETTY;
    assertThat(IqCodec.encode(message, style).strip()).isEqualTo(example.text().strip());
  }
}
