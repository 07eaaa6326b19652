package ims.iq.codec;

import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.message.Message;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The short-token form of the RFC 3525 Appendix I messages, as written by an independent encoder (Erlang/OTP megaco,
 * stored under rfc3525-erlang-compact), decodes to the same message as the RFC's long form, up to the case of names
 * the quoting of values and SDP line endings (Erlang lowercases names, quotes only where it must and writes SDP lines
 * with CRLF, where the RFC text has LF).
 */
class RfcExamplesShortFormTest {
  static Stream<ExampleMessages.Example> shortForms() {
    return ExampleMessages.rfc3525ErlangCompact().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shortForms")
  void shortFormDecodesToTheLongFormsMessage(ExampleMessages.Example shortForm) throws Exception {
    Message fromShort = IqCodec.decode(shortForm.octets());
    Message fromLong = IqCodec.decode(ExampleMessages.rfc3525(shortForm.name()).octets());
    assertThat(normalized(fromShort)).isEqualTo(normalized(fromLong));
    assertThat(IqCodec.decode(IqCodec.encode(fromShort, TokenStyle.COMPACT))).isEqualTo(fromShort);
  }

  /** Our compact encoding, lower-cased, without quotes. */
  private static String normalized(Message m) {
    return IqCodec.encode(m, TokenStyle.COMPACT).toLowerCase(Locale.ROOT).replace("\"", "").replace("\r\n", "\n");
  }
}
