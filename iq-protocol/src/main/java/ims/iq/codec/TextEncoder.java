package ims.iq.codec;

import ims.iq.message.ActionReply;
import ims.iq.message.ActionRequest;
import ims.iq.message.Add;
import ims.iq.message.AddReply;
import ims.iq.message.AmmCommand;
import ims.iq.message.Audit;
import ims.iq.message.AuditCapabilities;
import ims.iq.message.AuditCapabilitiesReply;
import ims.iq.message.AuditReturn;
import ims.iq.message.AuditValue;
import ims.iq.message.AuditValueReply;
import ims.iq.message.Command;
import ims.iq.message.CommandReply;
import ims.iq.message.CommandRequest;
import ims.iq.message.ContextId;
import ims.iq.message.ContextProperties;
import ims.iq.message.Descriptor;
import ims.iq.message.DigitMap;
import ims.iq.message.ErrorDescriptor;
import ims.iq.message.EventParameter;
import ims.iq.message.Events;
import ims.iq.message.LocalControl;
import ims.iq.message.MId;
import ims.iq.message.Media;
import ims.iq.message.Message;
import ims.iq.message.MessageBody;
import ims.iq.message.Modify;
import ims.iq.message.ModifyReply;
import ims.iq.message.Move;
import ims.iq.message.MoveReply;
import ims.iq.message.Notify;
import ims.iq.message.NotifyReply;
import ims.iq.message.ObservedEvent;
import ims.iq.message.ObservedEvents;
import ims.iq.message.Packages;
import ims.iq.message.PropertyParm;
import ims.iq.message.PropertyValue;
import ims.iq.message.Relation;
import ims.iq.message.RequestedEvent;
import ims.iq.message.SdpText;
import ims.iq.message.ServiceChange;
import ims.iq.message.ServiceChangeAddress;
import ims.iq.message.ServiceChangeMethod;
import ims.iq.message.ServiceChangeParms;
import ims.iq.message.ServiceChangeProfile;
import ims.iq.message.ServiceChangeReply;
import ims.iq.message.ServiceChangeResult;
import ims.iq.message.SignalParameter;
import ims.iq.message.SignalRequest;
import ims.iq.message.Signals;
import ims.iq.message.Statistics;
import ims.iq.message.StatisticsParameter;
import ims.iq.message.Stream;
import ims.iq.message.StreamMode;
import ims.iq.message.StreamParms;
import ims.iq.message.Subtract;
import ims.iq.message.SubtractReply;
import ims.iq.message.TerminationState;
import ims.iq.message.TimeStamp;
import ims.iq.message.Transaction;
import ims.iq.message.TransactionPending;
import ims.iq.message.TransactionReply;
import ims.iq.message.TransactionRequest;
import ims.iq.message.TransactionResponseAck;
import ims.iq.message.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the text form of one message. PRETTY: long tokens, one item per line, two-space indentation; COMPACT: short
 * tokens, no optional white space. SDP blocks are written verbatim (with {@code }} escaped as {@code \}}) and end right
 * before the closing brace, which keeps Wireshark's SDP dissector happy. One instance per message.
 */
final class TextEncoder {
  private final TokenStyle style;
  private final boolean pretty;
  private final StringBuilder out = new StringBuilder(512);
  private int depth;

  TextEncoder(TokenStyle style) {
    this.style = style;
    this.pretty = style == TokenStyle.PRETTY;
  }

  /** One item of a brace block: writes itself at the current position. */
  private interface Item {
    void write();
  }

  String message(Message message) {
    out.append(tok(Token.MEGACOP)).append('/').append(message.version()).append(' ');
    mId(message.mId());
    out.append('\n');
    switch (message.body()) {
      case MessageBody.MessageError e -> error(e.error());
      case MessageBody.TransactionList list -> {
        boolean first = true;
        for (Transaction t : list.transactions()) {
          if (!first) out.append('\n');
          first = false;
          transaction(t);
        }
      }
    }
    if (pretty) out.append('\n');
    return out.toString();
  }

  // ---- header

  private void mId(MId mId) {
    switch (mId) {
      case MId.Domain d -> {
        out.append('<').append(d.name()).append('>');
        d.port().ifPresent(p -> out.append(':').append(p));
      }
      case MId.Ip4 a -> {
        out.append('[').append(a.address()).append(']');
        a.port().ifPresent(p -> out.append(':').append(p));
      }
      case MId.Ip6 a -> {
        out.append('[').append(a.address()).append(']');
        a.port().ifPresent(p -> out.append(':').append(p));
      }
      case MId.Mtp m -> out.append(tok(Token.MTP)).append('{').append(m.hex()).append('}');
      case MId.Device d -> out.append(d.name());
    }
  }

  // ---- transactions

  private void transaction(Transaction transaction) {
    switch (transaction) {
      case TransactionRequest r -> {
        var items = new ArrayList<Item>();
        for (ActionRequest a : r.actions()) items.add(() -> actionRequest(a));
        block(tok(Token.TRANSACTION) + eq() + r.id(), items);
      }
      case TransactionReply r -> {
        var items = new ArrayList<Item>();
        if (r.immAckRequired()) items.add(() -> out.append(tok(Token.IMM_ACK_REQUIRED)));
        r.error().ifPresent(e -> items.add(() -> error(e)));
        for (ActionReply a : r.actions()) items.add(() -> actionReply(a));
        block(tok(Token.REPLY) + eq() + r.id(), items);
      }
      case TransactionPending p -> block(tok(Token.PENDING) + eq() + p.id(), List.of());
      case TransactionResponseAck k -> {
        var items = new ArrayList<Item>();
        for (TransactionResponseAck.AckRange range : k.ranges()) {
          items.add(() -> {
            out.append(range.first());
            if (range.last() != range.first()) out.append('-').append(range.last());
          });
        }
        block(tok(Token.RESPONSE_ACK), items);
      }
    }
  }

  private void actionRequest(ActionRequest action) {
    var items = new ArrayList<Item>();
    contextProperties(action.properties(), items);
    for (CommandRequest c : action.commands()) items.add(() -> commandRequest(c));
    block(tok(Token.CONTEXT) + eq() + contextId(action.contextId()), items);
  }

  private void actionReply(ActionReply action) {
    var items = new ArrayList<Item>();
    contextProperties(action.properties(), items);
    for (CommandReply c : action.replies()) items.add(() -> commandReply(c));
    action.error().ifPresent(e -> items.add(() -> error(e)));
    block(tok(Token.CONTEXT) + eq() + contextId(action.contextId()), items);
  }

  private static String contextId(ContextId id) {
    return switch (id) {
      case ContextId.Special s -> s.symbol();
      case ContextId.Numbered n -> Long.toString(n.value());
    };
  }

  private void contextProperties(ContextProperties properties, List<Item> items) {
    properties.priority().ifPresent(p -> items.add(() -> out.append(tok(Token.PRIORITY)).append(eq()).append(p)));
    properties.emergency().ifPresent(
        e -> items.add(() -> out.append(tok(e ? Token.EMERGENCY : Token.EMERGENCY_OFF))));
    properties.ieps().ifPresent(
        i -> items.add(() -> out.append(tok(Token.IEPS)).append(eq()).append(tok(i ? Token.ON : Token.OFF))));
  }

  // ---- commands

  private void commandRequest(CommandRequest request) {
    if (request.optional()) out.append("O-");
    if (request.wildcardReturn()) out.append("W-");
    Command command = request.command();
    String head = switch (command) {
      case Add a -> tok(Token.ADD);
      case Modify m -> tok(Token.MODIFY);
      case Move m -> tok(Token.MOVE);
      case Subtract s -> tok(Token.SUBTRACT);
      case AuditValue a -> tok(Token.AUDIT_VALUE);
      case AuditCapabilities a -> tok(Token.AUDIT_CAP);
      case Notify n -> tok(Token.NOTIFY);
      case ServiceChange s -> tok(Token.SERVICE_CHANGE);
    } + eq() + command.terminationId().name();
    var items = new ArrayList<Item>();
    switch (command) {
      case AmmCommand amm -> descriptors(amm.descriptors(), items);
      case Subtract s -> s.audit().ifPresent(a -> items.add(() -> audit(a)));
      case AuditValue a -> items.add(() -> audit(a.audit()));
      case AuditCapabilities a -> items.add(() -> audit(a.audit()));
      case Notify n -> {
        items.add(() -> observedEvents(n.observedEvents()));
        n.error().ifPresent(e -> items.add(() -> error(e)));
      }
      case ServiceChange s -> items.add(() -> serviceChangeParms(s.parms()));
    }
    optionalBlock(head, items);
  }

  private void commandReply(CommandReply reply) {
    String head = switch (reply) {
      case AddReply a -> tok(Token.ADD);
      case ModifyReply m -> tok(Token.MODIFY);
      case MoveReply m -> tok(Token.MOVE);
      case SubtractReply s -> tok(Token.SUBTRACT);
      case AuditValueReply a -> tok(Token.AUDIT_VALUE);
      case AuditCapabilitiesReply a -> tok(Token.AUDIT_CAP);
      case NotifyReply n -> tok(Token.NOTIFY);
      case ServiceChangeReply s -> tok(Token.SERVICE_CHANGE);
    } + eq() + reply.terminationId().name();
    var items = new ArrayList<Item>();
    switch (reply) {
      case AuditReturn r -> descriptors(r.descriptors(), items);
      case NotifyReply n -> n.error().ifPresent(e -> items.add(() -> error(e)));
      case ServiceChangeReply s -> {
        s.error().ifPresent(e -> items.add(() -> error(e)));
        s.result().ifPresent(r -> items.add(() -> serviceChangeResult(r)));
      }
    }
    optionalBlock(head, items);
  }

  private void serviceChangeParms(ServiceChangeParms parms) {
    var items = new ArrayList<Item>();
    items.add(() -> out.append(tok(Token.METHOD)).append(eq()).append(tok(method(parms.method()))));
    parms.reason().ifPresent(r -> items.add(() -> {
      out.append(tok(Token.REASON)).append(eq());
      value(Value.quoted(r));
    }));
    parms.delay().ifPresent(d -> items.add(() -> out.append(tok(Token.DELAY)).append(eq()).append(d)));
    parms.address().ifPresent(a -> items.add(() -> serviceChangeAddress(a)));
    parms.profile().ifPresent(p -> items.add(() -> profile(p)));
    parms.version().ifPresent(v -> items.add(() -> out.append(tok(Token.VERSION)).append(eq()).append(v)));
    parms.mgcIdToTry().ifPresent(m -> items.add(() -> {
      out.append(tok(Token.MGC_ID)).append(eq());
      mId(m);
    }));
    parms.timeStamp().ifPresent(t -> items.add(() -> timeStamp(t)));
    if (parms.incomplete()) items.add(() -> out.append(tok(Token.SERVICE_CHANGE_INCOMPLETE)));
    block(tok(Token.SERVICES), items);
  }

  private void serviceChangeResult(ServiceChangeResult result) {
    var items = new ArrayList<Item>();
    result.address().ifPresent(a -> items.add(() -> serviceChangeAddress(a)));
    result.mgcIdToTry().ifPresent(m -> items.add(() -> {
      out.append(tok(Token.MGC_ID)).append(eq());
      mId(m);
    }));
    result.profile().ifPresent(p -> items.add(() -> profile(p)));
    result.version().ifPresent(v -> items.add(() -> out.append(tok(Token.VERSION)).append(eq()).append(v)));
    result.timeStamp().ifPresent(t -> items.add(() -> timeStamp(t)));
    block(tok(Token.SERVICES), items);
  }

  private void serviceChangeAddress(ServiceChangeAddress address) {
    out.append(tok(Token.SERVICE_CHANGE_ADDRESS)).append(eq());
    switch (address) {
      case ServiceChangeAddress.Port p -> out.append(p.port());
      case ServiceChangeAddress.Address a -> mId(a.mId());
    }
  }

  private void profile(ServiceChangeProfile profile) {
    out.append(tok(Token.PROFILE)).append(eq()).append(profile.name()).append('/').append(profile.version());
  }

  private static Token method(ServiceChangeMethod method) {
    return switch (method) {
      case FAILOVER -> Token.FAILOVER;
      case FORCED -> Token.FORCED;
      case GRACEFUL -> Token.GRACEFUL;
      case RESTART -> Token.RESTART;
      case DISCONNECTED -> Token.DISCONNECTED;
      case HANDOFF -> Token.HAND_OFF;
    };
  }

  private void timeStamp(TimeStamp timeStamp) {
    out.append(timeStamp.date()).append('T').append(timeStamp.time());
  }

  // ---- descriptors

  private void descriptors(List<Descriptor> descriptors, List<Item> items) {
    for (Descriptor d : descriptors) items.add(() -> descriptor(d));
  }

  private void descriptor(Descriptor descriptor) {
    switch (descriptor) {
      case Media m -> media(m);
      case Events e -> events(e, Token.EVENTS);
      case Signals s -> signals(s);
      case DigitMap d -> digitMap(d);
      case Audit a -> audit(a);
      case Statistics s -> statistics(s);
      case ObservedEvents o -> observedEvents(o);
      case ErrorDescriptor e -> error(e);
      case Packages p -> packages(p);
    }
  }

  private void media(Media media) {
    var items = new ArrayList<Item>();
    media.terminationState().ifPresent(ts -> items.add(() -> terminationState(ts)));
    media.defaultStream().ifPresent(parms -> streamParms(parms, items));
    for (Stream s : media.streams()) {
      items.add(() -> {
        var streamItems = new ArrayList<Item>();
        streamParms(s.parms(), streamItems);
        block(tok(Token.STREAM) + eq() + s.id(), streamItems);
      });
    }
    block(tok(Token.MEDIA), items);
  }

  private void terminationState(TerminationState state) {
    var items = new ArrayList<Item>();
    state.serviceState().ifPresent(s -> items.add(() -> out.append(tok(Token.SERVICE_STATES)).append(eq())
        .append(tok(switch (s) {
          case TEST -> Token.TEST;
          case OUT_OF_SERVICE -> Token.OUT_OF_SERVICE;
          case IN_SERVICE -> Token.IN_SERVICE;
        }))));
    state.eventBufferControl().ifPresent(b -> items.add(() -> out.append(tok(Token.BUFFER)).append(eq())
        .append(tok(b == TerminationState.EventBufferControl.OFF ? Token.OFF : Token.LOCK_STEP))));
    for (PropertyParm p : state.properties()) items.add(() -> propertyParm(p));
    block(tok(Token.TERMINATION_STATE), items);
  }

  private void streamParms(StreamParms parms, List<Item> items) {
    parms.localControl().ifPresent(lc -> items.add(() -> localControl(lc)));
    parms.local().ifPresent(sdp -> items.add(() -> sdp(Token.LOCAL, sdp)));
    parms.remote().ifPresent(sdp -> items.add(() -> sdp(Token.REMOTE, sdp)));
    parms.statistics().ifPresent(st -> items.add(() -> statistics(st)));
  }

  private void localControl(LocalControl localControl) {
    var items = new ArrayList<Item>();
    localControl.mode().ifPresent(m -> items.add(() -> out.append(tok(Token.MODE)).append(eq()).append(tok(mode(m)))));
    localControl.reserveValue().ifPresent(
        v -> items.add(() -> out.append(tok(Token.RESERVED_VALUE)).append(eq()).append(tok(v ? Token.ON : Token.OFF))));
    localControl.reserveGroup().ifPresent(
        v -> items.add(() -> out.append(tok(Token.RESERVED_GROUP)).append(eq()).append(tok(v ? Token.ON : Token.OFF))));
    for (PropertyParm p : localControl.properties()) items.add(() -> propertyParm(p));
    block(tok(Token.LOCAL_CONTROL), items);
  }

  private static Token mode(StreamMode mode) {
    return switch (mode) {
      case SEND_ONLY -> Token.SEND_ONLY;
      case RECEIVE_ONLY -> Token.RECV_ONLY;
      case SEND_RECEIVE -> Token.SEND_RECEIVE;
      case INACTIVE -> Token.INACTIVE;
      case LOOPBACK -> Token.LOOPBACK;
    };
  }

  /** {@code Local {<sdp>}}: the SDP verbatim after a line break, '}' escaped, the brace right after the SDP. */
  private void sdp(Token token, SdpText sdp) {
    out.append(tok(token)).append(pretty ? " {" : "{").append('\n');
    char[] chars = sdp.copyChars();
    try {
      for (char c : chars) {
        if (c == '}') out.append('\\');
        out.append(c);
      }
    } finally {
      java.util.Arrays.fill(chars, '\0');
    }
    out.append('}');
  }

  private void statistics(Statistics statistics) {
    var items = new ArrayList<Item>();
    for (StatisticsParameter p : statistics.parameters()) {
      items.add(() -> {
        out.append(p.name());
        if (p.values().size() == 1) {
          out.append(eq());
          value(p.values().get(0));
        } else if (p.values().size() > 1) {
          out.append(eq()).append('[');
          valueList(p.values());
          out.append(']');
        }
      });
    }
    block(tok(Token.STATISTICS), items);
  }

  private void events(Events events, Token token) {
    if (events.requestId().isEmpty()) {
      out.append(tok(token));
      return;
    }
    var items = new ArrayList<Item>();
    for (RequestedEvent e : events.events()) {
      items.add(() -> {
        var parms = new ArrayList<Item>();
        for (EventParameter p : e.parameters()) parms.add(() -> eventParameter(p));
        optionalBlock(e.name(), parms);
      });
    }
    block(tok(token) + eq() + events.requestId().getAsLong(), items);
  }

  private void eventParameter(EventParameter parameter) {
    switch (parameter) {
      case PropertyParm p -> propertyParm(p);
      case EventParameter.StreamId s -> out.append(tok(Token.STREAM)).append(eq()).append(s.id());
      case EventParameter.KeepActive k -> out.append(tok(Token.KEEP_ACTIVE));
      case EventParameter.ResetEvents r -> out.append(tok(Token.RESET_EVENTS));
      case EventParameter.DigitMapRef d -> {
        if (d.digitMap().value().isPresent()) {
          block(tok(Token.DIGIT_MAP), List.of(() -> out.append(d.digitMap().value().get())));
        } else {
          out.append(tok(Token.DIGIT_MAP)).append(eq()).append(d.digitMap().name().orElseThrow());
        }
      }
      case EventParameter.Embed e -> {
        var items = new ArrayList<Item>();
        e.signals().ifPresent(s -> items.add(() -> signals(s)));
        e.events().ifPresent(ev -> items.add(() -> events(ev, Token.EVENTS)));
        block(tok(Token.EMBED), items);
      }
    }
  }

  /** An empty Signals descriptor is the bare token: H.248.1 v2+ has no {@code Signals { }} (Erlang/OTP rejects it). */
  private void signals(Signals signals) {
    if (signals.signals().isEmpty()) {
      out.append(tok(Token.SIGNALS));
      return;
    }
    var items = new ArrayList<Item>();
    for (SignalRequest s : signals.signals()) {
      items.add(() -> {
        var parms = new ArrayList<Item>();
        for (SignalParameter p : s.parameters()) parms.add(() -> signalParameter(p));
        optionalBlock(s.name(), parms);
      });
    }
    block(tok(Token.SIGNALS), items);
  }

  private void signalParameter(SignalParameter parameter) {
    switch (parameter) {
      case PropertyParm p -> propertyParm(p);
      case SignalParameter.StreamId s -> out.append(tok(Token.STREAM)).append(eq()).append(s.id());
      case SignalParameter.KeepActive k -> out.append(tok(Token.KEEP_ACTIVE));
      case SignalParameter.Duration d -> out.append(tok(Token.DURATION)).append(eq()).append(d.value());
      case SignalParameter.Type t -> out.append(tok(Token.SIGNAL_TYPE)).append(eq()).append(tok(switch (t.type()) {
        case ON_OFF -> Token.ON_OFF;
        case TIME_OUT -> Token.TIME_OUT;
        case BRIEF -> Token.BRIEF;
      }));
      case SignalParameter.NotifyCompletion n -> {
        var items = new ArrayList<Item>();
        for (SignalParameter.NotifyReason r : n.reasons()) {
          items.add(() -> out.append(tok(switch (r) {
            case TIME_OUT -> Token.TIME_OUT;
            case INTERRUPTED_BY_EVENT -> Token.INTERRUPT_BY_EVENT;
            case INTERRUPTED_BY_NEW_SIGNALS -> Token.INTERRUPT_BY_NEW_SIGNALS;
            case OTHER_REASON -> Token.OTHER_REASON;
            case ITERATION -> Token.ITERATION;
          })));
        }
        block(tok(Token.NOTIFY_COMPLETION) + (pretty ? " =" : "="), items);
      }
    }
  }

  private void digitMap(DigitMap digitMap) {
    String head = tok(Token.DIGIT_MAP) + digitMap.name().map(n -> eq() + n).orElse("");
    if (digitMap.value().isPresent()) {
      block(head, List.of(() -> out.append(digitMap.value().get())));
    } else {
      out.append(head);
    }
  }

  private void audit(Audit audit) {
    var items = new ArrayList<Item>();
    for (Audit.AuditItem item : audit.items()) {
      items.add(() -> out.append(tok(switch (item) {
        case MEDIA -> Token.MEDIA;
        case EVENTS -> Token.EVENTS;
        case SIGNALS -> Token.SIGNALS;
        case STATISTICS -> Token.STATISTICS;
        case OBSERVED_EVENTS -> Token.OBSERVED_EVENTS;
        case PACKAGES -> Token.PACKAGES;
        case DIGIT_MAP -> Token.DIGIT_MAP;
        case EVENT_BUFFER -> Token.EVENT_BUFFER;
        case MUX -> Token.MUX;
        case MODEM -> Token.MODEM;
      })));
    }
    block(tok(Token.AUDIT), items);
  }

  private void observedEvents(ObservedEvents observed) {
    var items = new ArrayList<Item>();
    for (ObservedEvent e : observed.events()) {
      items.add(() -> {
        var parms = new ArrayList<Item>();
        for (EventParameter p : e.parameters()) parms.add(() -> eventParameter(p));
        e.timeStamp().ifPresent(t -> {
          timeStamp(t);
          out.append(':');
        });
        optionalBlock(e.name(), parms);
      });
    }
    block(tok(Token.OBSERVED_EVENTS) + eq() + observed.requestId(), items);
  }

  private void packages(Packages packages) {
    var items = new ArrayList<Item>();
    for (Packages.PackageVersion p : packages.packages()) {
      items.add(() -> out.append(p.name()).append('-').append(p.version()));
    }
    block(tok(Token.PACKAGES), items);
  }

  private void error(ErrorDescriptor error) {
    String head = tok(Token.ERROR) + eq() + error.code().code();
    if (error.text().isPresent()) {
      block(head, List.of(() -> value(Value.quoted(error.text().get()))));
    } else {
      block(head, List.of());
    }
  }

  // ---- properties and values

  private void propertyParm(PropertyParm p) {
    out.append(p.name());
    if (p.relation() == Relation.EQUAL) {
      out.append(eq());
    } else {
      if (pretty) out.append(' ');
      out.append(p.relation().symbol());
      if (pretty) out.append(' ');
    }
    switch (p.value()) {
      case PropertyValue.Single s -> value(s.value());
      case PropertyValue.Alternatives a -> {
        out.append('[');
        valueList(a.values());
        out.append(']');
      }
      case PropertyValue.Range r -> {
        out.append('[');
        value(r.low());
        out.append(':');
        value(r.high());
        out.append(']');
      }
      case PropertyValue.Sublist s -> {
        out.append('{');
        valueList(s.values());
        out.append('}');
      }
    }
  }

  private void valueList(List<Value> values) {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) out.append(pretty ? ", " : ",");
      value(values.get(i));
    }
  }

  private void value(Value value) {
    if (value.quoted()) {
      out.append('"').append(value.text()).append('"');
    } else {
      out.append(value.text());
    }
  }

  // ---- layout

  private String tok(Token token) {
    return token.text(style);
  }

  private String eq() {
    return pretty ? " = " : "=";
  }

  /** {@code head} alone when there are no items, else a block. */
  private void optionalBlock(String head, List<Item> items) {
    if (items.isEmpty()) {
      out.append(head);
    } else {
      block(head, items);
    }
  }

  /** {@code head { item, item }}: pretty puts each item on its own indented line. */
  private void block(String head, List<Item> items) {
    out.append(head).append(pretty ? " {" : "{");
    if (items.isEmpty()) {
      out.append(pretty ? " }" : "}");
      return;
    }
    depth++;
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) out.append(',');
      if (pretty) newline();
      items.get(i).write();
    }
    depth--;
    if (pretty) newline();
    out.append('}');
  }

  private void newline() {
    out.append('\n');
    for (int i = 0; i < depth; i++) out.append("  ");
  }
}
