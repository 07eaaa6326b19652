package ims.iq.codec;

import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.message.Message;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundTripSmokeTest {
  @Test
  void everyExampleRoundTrips() throws Exception {
    List<String> failures = new ArrayList<>();
    var all = new ArrayList<>(ExampleMessages.rfc3525());
    all.addAll(ExampleMessages.iq());
    for (var e : all) {
      try {
        Message m = IqCodec.decode(e.octets());
        for (TokenStyle style : TokenStyle.values()) {
          String text = IqCodec.encode(m, style);
          System.out.println("==== " + e.name() + " " + style + "\n" + text);
          Message again = IqCodec.decode(text);
          if (!again.equals(m)) failures.add(e.name() + " " + style + " not equal");
        }
      } catch (IqDecodeException ex) {
        failures.add(e.name() + ": " + ex.getMessage() + " near [" + e.text().substring(Math.max(0, ex.offset() - 20), Math.min(e.text().length(), ex.offset() + 20)) + "]");
      }
    }
    assertThat(failures).isEmpty();
  }
}
