package ims.iq.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Broken or unsupported input gives an IqDecodeException with a reason and an offset, never quoting the input. */
class DecodeErrorsTest {
  private static IqDecodeException failure(String text) {
    return catchThrowableOfType(IqDecodeException.class, () -> IqCodec.decode(text));
  }

  @Test
  void givenEmptyOrBlankInput_thenErrorAtTheEnd() {
    assertThat(failure("").offset()).isZero();
    assertThat(failure("  ; just a comment\n").reason()).contains("unexpected end of message");
  }

  @Test
  void givenWrongHeader_thenErrorAtOffsetZero() {
    var e = failure("SIP/2.0 200 OK\r\n");
    assertThat(e.reason()).isEqualTo("expected MEGACO/ or !/");
    assertThat(e.offset()).isZero();
  }

  @Test
  void givenMessageWithoutTransactions_thenRejected() {
    assertThat(failure("!/3 <a>:1").reason()).isEqualTo("no transaction in message");
  }

  @Test
  void givenUnknownCommand_thenErrorPointsAtIt() {
    String text = "!/3 <a>:1 T=1{C=1{Frobnicate=t1}}";
    var e = failure(text);
    assertThat(e.reason()).isEqualTo("expected a command");
    assertThat(e.offset()).isEqualTo(text.indexOf("Frobnicate"));
  }

  @Test
  void givenMissingClosingBrace_thenUnexpectedEnd() {
    String text = "!/3 <a>:1 T=1{C=1{MF=t1{M{ST=1{O{MO=IN}}}}}";
    var e = failure(text);
    assertThat(e.reason()).contains("unexpected end of message");
    assertThat(e.offset()).isEqualTo(text.length());
  }

  @Test
  void givenUnterminatedSdp_thenErrorAtTheStartOfTheSdp() {
    String text = "!/3 <a>:1 T=1{C=1{MF=t1{M{L{\nv=0\n";
    var e = failure(text);
    assertThat(e.reason()).isEqualTo("unterminated Local or Remote descriptor");
    assertThat(e.offset()).isEqualTo(text.indexOf("v=0"));
  }

  @Test
  void givenSdpThatIsNotUtf8_thenRejected() {
    byte[] head = "!/3 <a>:1 T=1{C=1{MF=t1{M{L{\nv=0\ns=".getBytes(StandardCharsets.US_ASCII);
    byte[] tail = "\n}}}}}".getBytes(StandardCharsets.US_ASCII);
    byte[] octets = new byte[head.length + 2 + tail.length];
    System.arraycopy(head, 0, octets, 0, head.length);
    octets[head.length] = (byte) 0xC3;
    octets[head.length + 1] = (byte) 0x28;
    System.arraycopy(tail, 0, octets, head.length + 2, tail.length);
    assertThatThrownBy(() -> IqCodec.decode(octets)).isInstanceOf(IqDecodeException.class)
        .hasMessageContaining("SDP is not UTF-8");
  }

  @Test
  void givenConstructsOutsideTheSubset_thenNamedAsNotSupported() {
    assertThat(failure("!/3 <a>:1 T=1{C=1{TP{t1,t2,isolate},MF=t1}}").reason())
        .isEqualTo("not supported: Topology descriptor");
    assertThat(failure("!/3 <a>:1 T=1{C=1{MF=t1{MX=H221{t2}}}}").reason()).isEqualTo("not supported: Mux descriptor");
    assertThat(failure("!/3 <a>:1 T=1{C=1{MF=[t1,t2]}}").reason()).isEqualTo("not supported: termination id list");
    assertThat(failure("!/3 <a>:1 P=1/2{C=1{MF=t1}}").reason()).isEqualTo("not supported: message segmentation");
    assertThat(failure("!/3 <a>:1 T=1{C=1{MF=t1{SG{SL=1{a/b}}}}}").reason()).isEqualTo("not supported: signal list");
    assertThat(failure("AU=1:2:3 !/3 <a>:1 T=1{C=1{MF=t1}}").reason()).isEqualTo("not supported: authentication header");
  }

  @Test
  void givenValuesOutOfRange_thenRejected() {
    assertThat(failure("!/3 <a>:1 T=4294967296{C=1{MF=t1}}").reason()).isEqualTo("transaction id out of range");
    assertThat(failure("!/3 <a>:1 T=1{C=0{MF=t1}}").reason()).isEqualTo("context id 0");
    assertThat(failure("!/3 <a>:65536 T=1{C=1{MF=t1}}").reason()).isEqualTo("port out of range");
    assertThat(failure("!/0 <a>:1 T=1{C=1{MF=t1}}").reason()).isEqualTo("version 0");
    assertThat(failure("!/3 <a>:1 T=1{C=1{MF=t1{M{ST=70000{O{MO=IN}}}}}}").reason()).isEqualTo("stream id out of range");
  }

  @Test
  void givenNestingDeeperThanTheLimit_thenRejected() {
    var limits = new DecodeLimits(65_535, 8, 256);
    String text = "!/3 <a>:1 T=1{C=1{MF=t1{E=1{a/b{EM{E=2{c/d{EM{E=3{e/f}}}}}}}}}}";
    assertThatThrownBy(() -> IqCodec.decode(text.getBytes(StandardCharsets.US_ASCII), limits))
        .isInstanceOf(IqDecodeException.class).hasMessageContaining("nesting deeper than 8");
  }

  @Test
  void givenMoreItemsThanTheLimit_thenRejected() {
    var limits = new DecodeLimits(65_535, 24, 3);
    String text = "!/3 <a>:1 T=1{C=1{MF=t1{M{O{a/a=1,a/b=2,a/c=3,a/d=4}}}}}";
    assertThatThrownBy(() -> IqCodec.decode(text.getBytes(StandardCharsets.US_ASCII), limits))
        .isInstanceOf(IqDecodeException.class).hasMessageContaining("more than 3 items");
  }

  @Test
  void givenMessageLongerThanTheLimit_thenRejectedBeforeParsing() {
    var limits = new DecodeLimits(64, 24, 256);
    byte[] octets = ("!/3 <a>:1 T=1{C=1{MF=t1}}" + " ".repeat(100)).getBytes(StandardCharsets.US_ASCII);
    var e = catchThrowableOfType(IqDecodeException.class, () -> IqCodec.decode(octets, limits));
    assertThat(e.reason()).isEqualTo("message longer than 64 octets");
  }

  @Test
  void givenKeyMaterialInAWrongPlace_thenTheErrorDoesNotQuoteIt() {
    String key = "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";
    var e = failure("!/3 <a>:1 T=1{C=1{MF=t1{M{ST=1{O{MO=inline:" + key + "}}}}}}");
    assertThat(e.getMessage()).doesNotContain(key).doesNotContain("inline");
  }

  @Test
  void givenTrailingGarbage_thenRejected() {
    assertThat(failure("!/3 <a>:1 T=1{C=1{MF=t1}} }").reason()).isEqualTo("expected Transaction, Reply, Pending or TransactionResponseAck");
  }
}
