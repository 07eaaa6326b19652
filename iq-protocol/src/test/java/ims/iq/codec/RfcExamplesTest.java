package ims.iq.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ims.iq.message.ActionRequest;
import ims.iq.message.Add;
import ims.iq.message.AddReply;
import ims.iq.message.Audit;
import ims.iq.message.AuditValue;
import ims.iq.message.AuditValueReply;
import ims.iq.message.ContextId;
import ims.iq.message.EventParameter;
import ims.iq.message.Events;
import ims.iq.message.MId;
import ims.iq.message.Message;
import ims.iq.message.Modify;
import ims.iq.message.Notify;
import ims.iq.message.PropertyParm;
import ims.iq.message.ServiceChange;
import ims.iq.message.ServiceChangeAddress;
import ims.iq.message.ServiceChangeMethod;
import ims.iq.message.ServiceChangeProfile;
import ims.iq.message.Signals;
import ims.iq.message.StreamMode;
import ims.iq.message.SubtractReply;
import ims.iq.message.TerminationId;
import ims.iq.message.TimeStamp;
import ims.iq.message.TransactionReply;
import ims.iq.message.TransactionRequest;
import ims.iq.message.Value;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Known answers from the RFC 3525 Appendix I call flow (the expected values are read off the RFC text). */
class RfcExamplesTest {
  static Stream<ExampleMessages.Example> examples() {
    return Stream.concat(ExampleMessages.rfc3525().stream(), ExampleMessages.iq().stream());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyExampleDecodesAndRoundTripsInBothTokenStyles(ExampleMessages.Example example) throws Exception {
    Message message = IqCodec.decode(example.octets());
    for (TokenStyle style : TokenStyle.values()) {
      String text = IqCodec.encode(message, style);
      Message again = IqCodec.decode(text);
      assertThat(again).as(style.name()).isEqualTo(message);
      assertThat(IqCodec.encode(again, style)).as("encoding is a fixpoint").isEqualTo(text);
    }
  }

  private static Message decode(String prefix) throws IqDecodeException {
    return IqCodec.decode(ExampleMessages.rfc3525(prefix).octets());
  }

  private static ActionRequest onlyAction(Message m) {
    return ((TransactionRequest) m.transactions().get(0)).actions().get(0);
  }

  @Test
  void message1_serviceChangeRestartWithAddressAndProfile() throws Exception {
    Message m = decode("01-");
    assertThat(m.version()).isEqualTo(1);
    assertThat(m.mId()).isEqualTo(new MId.Ip4("124.124.124.222", OptionalInt.empty()));
    var request = (TransactionRequest) m.transactions().get(0);
    assertThat(request.id()).isEqualTo(9998);
    assertThat(request.actions().get(0).contextId()).isEqualTo(ContextId.NULL);
    var sc = (ServiceChange) request.actions().get(0).commands().get(0).command();
    assertThat(sc.terminationId()).isEqualTo(TerminationId.ROOT);
    assertThat(sc.parms().method()).isEqualTo(ServiceChangeMethod.RESTART);
    assertThat(sc.parms().address()).contains(new ServiceChangeAddress.Port(55555));
    assertThat(sc.parms().profile()).contains(new ServiceChangeProfile("ResGW", 1));
    assertThat(sc.parms().reason()).isEmpty();
  }

  @Test
  void message3_modifyWithLocalControlPropertiesSdpWithSemicolonTextAndEvents() throws Exception {
    Message m = decode("03-");
    assertThat(m.mId()).isEqualTo(MId.ip4("123.123.123.4", 55555));
    var modify = (Modify) onlyAction(m).commands().get(0).command();
    assertThat(modify.terminationId().name()).isEqualTo("A4444");
    var stream = modify.media().orElseThrow().stream(1).orElseThrow();
    var control = stream.localControl().orElseThrow();
    assertThat(control.mode()).contains(StreamMode.SEND_RECEIVE);
    assertThat(control.properties()).containsExactly(PropertyParm.of("tdmc/gain", 2), PropertyParm.of("tdmc/ec", "G165"));
    String sdp = stream.local().orElseThrow().text();
    assertThat(sdp).startsWith("v=0\nc=IN IP4 $\nm=audio $ RTP/AVP 0\n")
        .contains("a=fmtp:PCMU VAD=X-NNVAD ; special voice activity\n").endsWith("; detection algorithm\n");
    assertThat(modify.events()).contains(Events.of(2222, ims.iq.message.RequestedEvent.of("al/of")));
  }

  @Test
  void message9_eventsWithDigitMapParameterSignalsAndNamedDigitMap() throws Exception {
    var modify = (Modify) onlyAction(decode("09-")).commands().get(0).command();
    var events = modify.events().orElseThrow();
    assertThat(events.requestId()).hasValue(2223);
    assertThat(events.events().get(1).name()).isEqualTo("dd/ce");
    var dm = (EventParameter.DigitMapRef) events.events().get(1).parameters().get(0);
    assertThat(dm.digitMap().name()).contains("Dialplan0");
    assertThat(modify.signals().orElseThrow().signals().get(0).name()).isEqualTo("cg/dt");
    var digitMap = modify.descriptors().stream().filter(d -> d instanceof ims.iq.message.DigitMap)
        .map(ims.iq.message.DigitMap.class::cast).findFirst().orElseThrow();
    assertThat(digitMap.name()).contains("Dialplan0");
    assertThat(digitMap.value()).contains("(0S| 00S|[1-7]xLxx|8Lxxxxxxx|#xxxxxxx|*xx|9L1xxxxxxxxxx|9L011x.S)");
  }

  @Test
  void message11_observedEventWithTimeStampAndQuotedParameter() throws Exception {
    var notify = (Notify) onlyAction(decode("11-")).commands().get(0).command();
    var event = notify.observedEvents().events().get(0);
    assertThat(notify.observedEvents().requestId()).isEqualTo(2223);
    assertThat(event.timeStamp()).contains(new TimeStamp("19990729", "22010001"));
    assertThat(event.name()).isEqualTo("dd/ce");
    assertThat(event.parameters()).containsExactly(PropertyParm.quoted("ds", "916135551212"));
  }

  @Test
  void message13_chooseContextWithPlainAddAndAddOfChooseTermination() throws Exception {
    var action = onlyAction(decode("13-"));
    assertThat(action.contextId()).isEqualTo(ContextId.CHOOSE);
    var first = (Add) action.commands().get(0).command();
    assertThat(first.terminationId().name()).isEqualTo("A4444");
    assertThat(first.descriptors()).isEmpty();
    var second = (Add) action.commands().get(1).command();
    assertThat(second.terminationId()).isEqualTo(TerminationId.CHOOSE);
    var stream = second.media().orElseThrow().stream(1).orElseThrow();
    assertThat(stream.localControl().orElseThrow().mode()).contains(StreamMode.RECEIVE_ONLY);
    assertThat(stream.localControl().orElseThrow().properties()).containsExactly(PropertyParm.of("nt/jit", 40));
    assertThat(stream.local().orElseThrow().text())
        .isEqualTo("v=0\nc=IN IP4 $\nm=audio $ RTP/AVP 4\na=ptime:30\nv=0\nc=IN IP4 $\nm=audio $ RTP/AVP 0\n");
  }

  @Test
  void message13_asPrintedInTheRfcWithACommaBeforeTheBrace_isRejected() {
    String text = ExampleMessages.rfc3525("13-").text().replace("nt/jit=40 ; in ms", "nt/jit=40, ; in ms");
    assertThatThrownBy(() -> IqCodec.decode(text)).isInstanceOf(IqDecodeException.class)
        .hasMessageContaining("expected");
  }

  @Test
  void message14_replyFillsInLocalOfTheChosenTermination() throws Exception {
    var reply = (TransactionReply) decode("14-").transactions().get(0);
    assertThat(reply.id()).isEqualTo(10003);
    var action = reply.actions().get(0);
    assertThat(action.contextId()).isEqualTo(ContextId.of(2000));
    assertThat(action.replies()).hasSize(2);
    var second = (AddReply) action.replies().get(1);
    assertThat(second.terminationId().name()).isEqualTo("A4445");
    assertThat(second.media().orElseThrow().stream(1).orElseThrow().local().orElseThrow().text())
        .isEqualTo("v=0\nc=IN IP4 124.124.124.222\nm=audio 2222 RTP/AVP 4\na=ptime:30\na=recvonly\n");
  }

  @Test
  void message18c_emptySignalsTurnsRingingOff() throws Exception {
    var modify = (Modify) onlyAction(decode("18c-")).commands().get(0).command();
    assertThat(modify.signals()).contains(Signals.NONE);
  }

  @Test
  void message20_auditValueListsTheRequestedItems() throws Exception {
    var audit = (AuditValue) onlyAction(decode("20-")).commands().get(0).command();
    assertThat(audit.audit().items()).containsExactly(Audit.AuditItem.MEDIA, Audit.AuditItem.DIGIT_MAP,
        Audit.AuditItem.EVENTS, Audit.AuditItem.SIGNALS, Audit.AuditItem.PACKAGES, Audit.AuditItem.STATISTICS);
  }

  @Test
  void message21_auditReplyWithMediaPackagesAndStatistics() throws Exception {
    var reply = (TransactionReply) decode("21-").transactions().get(0);
    var audit = (AuditValueReply) reply.actions().get(0).replies().get(0);
    assertThat(audit.packages().orElseThrow().packages()).extracting(p -> p.name() + "-" + p.version())
        .containsExactly("nt-1", "rtp-1");
    var stats = audit.statistics().orElseThrow();
    assertThat(stats.counter("rtp/ps")).hasValue(1200);
    assertThat(stats.parameter("rtp/pl").orElseThrow().values()).containsExactly(Value.of("0.2"));
    assertThat(stats.counter("rtp/delay")).hasValue(40);
    assertThat(audit.media().orElseThrow().stream(1).orElseThrow().remote().orElseThrow().text())
        .contains("m=audio 2222 RTP/AVP  4");
  }

  @Test
  void message23b_subtractRepliesCarryTheirStatistics() throws Exception {
    var reply = (TransactionReply) decode("23b-").transactions().get(0);
    var first = (SubtractReply) reply.actions().get(0).replies().get(0);
    var second = (SubtractReply) reply.actions().get(0).replies().get(1);
    assertThat(first.statistics().orElseThrow().counter("nt/dur")).hasValue(40);
    assertThat(second.statistics().orElseThrow().counter("nt/or")).hasValue(45123);
    assertThat(second.statistics().orElseThrow().parameters()).hasSize(7);
  }
}
