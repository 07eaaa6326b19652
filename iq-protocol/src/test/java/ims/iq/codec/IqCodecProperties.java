package ims.iq.codec;

import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.message.ActionReply;
import ims.iq.message.ActionRequest;
import ims.iq.message.Add;
import ims.iq.message.AddReply;
import ims.iq.message.Audit;
import ims.iq.message.AuditValue;
import ims.iq.message.Command;
import ims.iq.message.CommandReply;
import ims.iq.message.CommandRequest;
import ims.iq.message.ContextId;
import ims.iq.message.ContextProperties;
import ims.iq.message.ErrorCode;
import ims.iq.message.ErrorDescriptor;
import ims.iq.message.Events;
import ims.iq.message.LocalControl;
import ims.iq.message.MId;
import ims.iq.message.Media;
import ims.iq.message.Message;
import ims.iq.message.Modify;
import ims.iq.message.Notify;
import ims.iq.message.ObservedEvent;
import ims.iq.message.ObservedEvents;
import ims.iq.message.PropertyParm;
import ims.iq.message.RequestedEvent;
import ims.iq.message.SdpText;
import ims.iq.message.ServiceChange;
import ims.iq.message.ServiceChangeMethod;
import ims.iq.message.ServiceChangeParms;
import ims.iq.message.Statistics;
import ims.iq.message.StatisticsParameter;
import ims.iq.message.Stream;
import ims.iq.message.StreamMode;
import ims.iq.message.StreamParms;
import ims.iq.message.Subtract;
import ims.iq.message.SubtractReply;
import ims.iq.message.TerminationId;
import ims.iq.message.TerminationState;
import ims.iq.message.Transaction;
import ims.iq.message.TransactionPending;
import ims.iq.message.TransactionReply;
import ims.iq.message.TransactionRequest;
import ims.iq.message.TransactionResponseAck;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Invariants of the codec over random, truncated, mutated and generated input. */
class IqCodecProperties {
  private static final List<byte[]> CORPUS = corpus();
  private static final String[] VOCABULARY = {"{", "}", "{", "}", ",", "=", " ", "\n", ";c\n", "\"", "[", "]", ":",
      "-", "$", "*", "T", "P", "C", "A", "MF", "S", "N", "SC", "AV", "M", "ST", "O", "L", "R", "E", "SG", "SA", "ER",
      "TS", "MO", "IN", "OE", "AT", "SV", "MT", "RS", "PN", "K", "IA", "EM", "DM", "KA", "a/b", "1", "4711", "v=0\n",
      "\\}", "19990729T22000000", "O-", "W-", "ROOT", "ip/1/x", "#", ">", "<"};

  private static List<byte[]> corpus() {
    var list = new ArrayList<byte[]>();
    ExampleMessages.rfc3525().forEach(e -> list.add(e.octets()));
    ExampleMessages.iq().forEach(e -> list.add(e.octets()));
    for (var named : IqCallFlow.all()) {
      list.add(IqCodec.encodeToBytes(named.message(), TokenStyle.PRETTY));
      list.add(IqCodec.encodeToBytes(named.message(), TokenStyle.COMPACT));
    }
    return list;
  }

  /** Decodes; any outcome but a message or an IqDecodeException with an offset inside the input fails. */
  private static Optional<Message> decodeChecked(byte[] octets) {
    try {
      return Optional.of(IqCodec.decode(octets));
    } catch (IqDecodeException e) {
      assertThat(e.offset()).isBetween(0, octets.length);
      assertThat(e.reason()).isNotBlank();
      return Optional.empty();
    }
  }

  /** Whatever decodes re-encodes to a text that decodes to the same message, in both styles, and is a fixpoint. */
  private static void assertStable(Message m) throws IqDecodeException {
    for (TokenStyle style : TokenStyle.values()) {
      String text = IqCodec.encode(m, style);
      Message again = IqCodec.decode(text);
      assertThat(again).isEqualTo(m);
      assertThat(IqCodec.encode(again, style)).isEqualTo(text);
    }
  }

  @Property(tries = 500)
  void randomOctetsNeverThrowAnythingButIqDecodeException(@ForAll @Size(max = 512) byte[] octets) {
    decodeChecked(octets);
  }

  @Property(tries = 500)
  void randomTokenSoupNeverThrowsAnythingButIqDecodeException(@ForAll("tokenSoup") String soup) throws Exception {
    var m = decodeChecked(soup.getBytes(StandardCharsets.UTF_8));
    if (m.isPresent()) assertStable(m.get());
  }

  @Provide
  Arbitrary<String> tokenSoup() {
    Arbitrary<String> body = Arbitraries.of(VOCABULARY).list().ofMaxSize(60).map(l -> String.join("", l));
    return Combinators.combine(Arbitraries.of("!/3 <a>:1 ", "MEGACO/3 [192.0.2.1]:2944\n", ""), body)
        .as((head, rest) -> head + rest);
  }

  @Property(tries = 1000)
  void truncatedMessagesFailCleanlyOrDecodeStably(@ForAll("corpusIndex") int index,
                                                  @ForAll @IntRange(min = 0, max = 100_000) int cut) throws Exception {
    byte[] full = CORPUS.get(index);
    byte[] prefix = java.util.Arrays.copyOf(full, cut % (full.length + 1));
    var m = decodeChecked(prefix);
    if (m.isPresent()) assertStable(m.get());
  }

  @Property(tries = 2000)
  void mutatedMessagesFailCleanlyOrDecodeStably(@ForAll("corpusIndex") int index,
                                                @ForAll("edits") List<int[]> edits) throws Exception {
    byte[] octets = CORPUS.get(index);
    for (int[] edit : edits) octets = apply(octets, edit);
    var m = decodeChecked(octets);
    if (m.isPresent()) assertStable(m.get());
  }

  @Provide
  Arbitrary<Integer> corpusIndex() {
    return Arbitraries.integers().between(0, CORPUS.size() - 1);
  }

  /** {kind, position, vocabulary index or byte}: kind 0 deletes, 1 inserts a vocabulary word, 2 overwrites a byte. */
  @Provide
  Arbitrary<List<int[]>> edits() {
    Arbitrary<int[]> edit = Combinators.combine(Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(0, 100_000), Arbitraries.integers().between(0, 255))
        .as((kind, at, what) -> new int[] {kind, at, what});
    return edit.list().ofMinSize(1).ofMaxSize(4);
  }

  private static byte[] apply(byte[] octets, int[] edit) {
    if (octets.length == 0) return octets;
    int at = edit[1] % octets.length;
    var out = new java.io.ByteArrayOutputStream();
    out.write(octets, 0, at);
    switch (edit[0]) {
      case 0 -> out.write(octets, at + 1, octets.length - at - 1);
      case 1 -> {
        out.writeBytes(VOCABULARY[edit[2] % VOCABULARY.length].getBytes(StandardCharsets.UTF_8));
        out.write(octets, at, octets.length - at);
      }
      default -> {
        out.write(edit[2]);
        out.write(octets, at + 1, octets.length - at - 1);
      }
    }
    return out.toByteArray();
  }

  @Property(tries = 300)
  void generatedMessagesRoundTripInBothStyles(@ForAll("messages") Message message) throws Exception {
    for (TokenStyle style : TokenStyle.values()) {
      assertThat(IqCodec.decode(IqCodec.encode(message, style))).isEqualTo(message);
    }
  }

  // ---- generators

  @Provide
  Arbitrary<Message> messages() {
    Arbitrary<MId> mId = Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12).map(n -> MId.domain(n + ".example", 2944)),
        Arbitraries.integers().between(0, 255).map(b -> MId.ip4("192.0.2." + b, 2944)),
        Arbitraries.just(MId.ip6("2001:db8::1", 2944)));
    return Combinators.combine(Arbitraries.integers().between(1, 3), mId, transaction().list().ofMinSize(1).ofMaxSize(3))
        .as((version, id, transactions) -> new Message(version, id,
            new ims.iq.message.MessageBody.TransactionList(transactions)));
  }

  private Arbitrary<Long> ids() {
    return Arbitraries.longs().between(0, Transaction.MAX_ID);
  }

  private Arbitrary<Transaction> transaction() {
    Arbitrary<Transaction> request = Combinators.combine(ids(), actionRequest().list().ofMinSize(1).ofMaxSize(2))
        .as(TransactionRequest::new);
    Arbitrary<Transaction> reply = Combinators.combine(ids(), Arbitraries.of(true, false),
            actionReply().list().ofMinSize(1).ofMaxSize(2))
        .as((id, ack, actions) -> new TransactionReply(id, ack, Optional.empty(), actions));
    Arbitrary<Transaction> errorReply = Combinators.combine(ids(), error())
        .as((id, e) -> TransactionReply.error(id, e));
    Arbitrary<Transaction> pending = ids().map(TransactionPending::new);
    Arbitrary<Transaction> ack = ids().map(id -> TransactionResponseAck.of(id));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, request), net.jqwik.api.Tuple.of(3, reply), net.jqwik.api.Tuple.of(1, errorReply),
        net.jqwik.api.Tuple.of(1, pending), net.jqwik.api.Tuple.of(1, ack));
  }

  private Arbitrary<ContextId> contextId() {
    return Arbitraries.oneOf(Arbitraries.of(ContextId.NULL, ContextId.CHOOSE, ContextId.ALL),
        Arbitraries.longs().between(1, ContextId.Numbered.MAX).map(ContextId::of));
  }

  private Arbitrary<TerminationId> terminationId() {
    return Arbitraries.oneOf(Arbitraries.of(TerminationId.ROOT, TerminationId.CHOOSE, TerminationId.ALL),
        Arbitraries.integers().between(0, 99_999).map(n -> TerminationId.of("ip/1/access/" + n)));
  }

  private Arbitrary<ActionRequest> actionRequest() {
    return Combinators.combine(contextId(), command().map(CommandRequest::of).list().ofMinSize(1).ofMaxSize(3))
        .as((c, commands) -> new ActionRequest(c, ContextProperties.NONE, commands));
  }

  private Arbitrary<ActionReply> actionReply() {
    Arbitrary<CommandReply> reply = Combinators.combine(terminationId(), media().optional(), statistics().optional(),
            Arbitraries.of(true, false))
        .as((t, media, stats, add) -> {
          var descriptors = new ArrayList<ims.iq.message.Descriptor>();
          media.ifPresent(descriptors::add);
          stats.ifPresent(descriptors::add);
          return add ? new AddReply(t, descriptors) : new SubtractReply(t, descriptors);
        });
    return Combinators.combine(contextId(), reply.list().ofMinSize(1).ofMaxSize(3))
        .as((c, replies) -> new ActionReply(c, ContextProperties.NONE, replies, Optional.empty()));
  }

  private Arbitrary<Command> command() {
    Arbitrary<Command> add = Combinators.combine(terminationId(), media(), events().optional())
        .as((t, m, e) -> e.isPresent() ? Add.of(t, m, e.get()) : Add.of(t, m));
    Arbitrary<Command> modify = Combinators.combine(terminationId(), media()).as((t, m) -> Modify.of(t, m));
    Arbitrary<Command> subtract = terminationId().map(t -> new Subtract(t, Optional.of(Audit.EMPTY)));
    Arbitrary<Command> audit = Arbitraries.just(AuditValue.rootHeartbeat());
    Arbitrary<Command> notify = Combinators.combine(terminationId(), ids())
        .as((t, id) -> Notify.of(t, ObservedEvents.of(id, ObservedEvent.of("hangterm/thb"))));
    Arbitrary<Command> serviceChange = Arbitraries.of(ServiceChangeMethod.values())
        .map(m -> new ServiceChange(TerminationId.ROOT, ServiceChangeParms.of(m, "900 Service Restored").withVersion(3)));
    return Arbitraries.oneOf(add, modify, subtract, audit, notify, serviceChange);
  }

  private Arbitrary<Media> media() {
    Arbitrary<TerminationState> state = Arbitraries.of("access", "core", "mars")
        .map(r -> TerminationState.of(PropertyParm.quoted("ipdc/realm", r)));
    Arbitrary<LocalControl> control = Combinators.combine(Arbitraries.of(StreamMode.values()),
            Arbitraries.integers().between(0, 63))
        .as((mode, dscp) -> LocalControl.of(mode, PropertyParm.of("ds/dscp", dscp), PropertyParm.of("gm/saf", "ON")));
    Arbitrary<StreamParms> parms = Combinators.combine(control.optional(), sdp().optional(), sdp().optional())
        .as((c, l, r) -> c.isEmpty() && l.isEmpty() && r.isEmpty()
            ? StreamParms.of(LocalControl.of(StreamMode.INACTIVE))
            : new StreamParms(c, l, r, Optional.empty()));
    return Combinators.combine(state.optional(), parms, Arbitraries.integers().between(1, 4))
        .as((s, p, id) -> new Media(s, Optional.empty(), List.of(new Stream(id, p))));
  }

  /** SDP-like text with braces and backslashes inside lines; starts and ends with a non-blank line. */
  private Arbitrary<SdpText> sdp() {
    Arbitrary<String> line = Arbitraries.strings().withChars("abc=:/ {}\\0123$;\"").ofMinLength(1).ofMaxLength(30)
        .map(s -> "a=" + s);
    return line.list().ofMinSize(1).ofMaxSize(6)
        .map(lines -> SdpText.of("v=0\r\n" + String.join("\r\n", lines) + "\r\n"));
  }

  private Arbitrary<Events> events() {
    return Combinators.combine(ids(), Arbitraries.integers().between(1, 3600))
        .as((id, t) -> Events.of(id, RequestedEvent.of("hangterm/thb", PropertyParm.of("timerx", t))));
  }

  private Arbitrary<Statistics> statistics() {
    return Arbitraries.longs().between(0, Long.MAX_VALUE)
        .map(n -> Statistics.of(StatisticsParameter.of("nt/os", n), StatisticsParameter.of("rtp/pl", n % 100)));
  }

  private Arbitrary<ErrorDescriptor> error() {
    return Arbitraries.integers().between(0, 9999).map(c -> ErrorDescriptor.of(ErrorCode.of(c)));
  }
}
