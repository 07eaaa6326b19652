package ims.iq.codec;

import ims.iq.message.ActionReply;
import ims.iq.message.ActionRequest;
import ims.iq.message.Add;
import ims.iq.message.AddReply;
import ims.iq.message.Audit;
import ims.iq.message.AuditCapabilities;
import ims.iq.message.AuditCapabilitiesReply;
import ims.iq.message.AuditValue;
import ims.iq.message.AuditValueReply;
import ims.iq.message.Command;
import ims.iq.message.CommandReply;
import ims.iq.message.CommandRequest;
import ims.iq.message.ContextId;
import ims.iq.message.ContextProperties;
import ims.iq.message.Descriptor;
import ims.iq.message.DigitMap;
import ims.iq.message.ErrorCode;
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
import ims.iq.message.TerminationId;
import ims.iq.message.TerminationState;
import ims.iq.message.TimeStamp;
import ims.iq.message.Transaction;
import ims.iq.message.TransactionPending;
import ims.iq.message.TransactionReply;
import ims.iq.message.TransactionRequest;
import ims.iq.message.TransactionResponseAck;
import ims.iq.message.Value;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Recursive-descent parser of the H.248.1 Annex B text encoding (RFC 3525 B.2 and the v3 additions the Iq subset
 * uses). Tokens are matched case-insensitively in long or short form; white space, line breaks and {@code ;} comments
 * are skipped wherever the ABNF allows LWSP (and, leniently, between any two tokens). Unknown packages, properties and
 * parameters decode into generic {@link PropertyParm} values. Constructs outside the implemented subset (Topology,
 * Modem, Mux, EventBuffer, signal lists, segmentation, authentication headers, termination id lists) are reported as
 * {@link IqDecodeException}s naming the construct. One instance per message.
 */
final class TextDecoder {
  private static final int MAX_WORD = 1024;

  private final byte[] in;
  private final DecodeLimits limits;
  private int pos;
  private int depth;
  private CharsetDecoder utf8;

  private TextDecoder(byte[] in, DecodeLimits limits) {
    this.in = in;
    this.limits = limits;
  }

  static Message decode(byte[] octets, DecodeLimits limits) throws IqDecodeException {
    if (octets.length > limits.maxMessageLength()) {
      throw new IqDecodeException("message longer than " + limits.maxMessageLength() + " octets",
          limits.maxMessageLength());
    }
    var decoder = new TextDecoder(octets, limits);
    try {
      return decoder.message();
    } catch (IllegalArgumentException e) {
      // A model constructor rejected a value that is syntactically fine but out of range (e.g. a context id of 0).
      throw new IqDecodeException("value not allowed here", Math.min(decoder.pos, octets.length));
    }
  }

  @FunctionalInterface
  private interface ItemParser {
    void parse() throws IqDecodeException;
  }

  // ---- message, header, transactions

  private Message message() throws IqDecodeException {
    skipLwsp();
    int at = pos;
    String head = word("MEGACO/version");
    int slash = head.indexOf('/');
    if (slash < 0 || Token.lookup(head.substring(0, slash)) != Token.MEGACOP) {
      if (Token.lookup(head) == Token.AUTH) throw unsupportedAt("authentication header", at);
      throw errorAt("expected MEGACO/ or !/", at);
    }
    int version = (int) number(head.substring(slash + 1), 2, Message.MAX_VERSION, at, "version");
    if (version < 1) throw errorAt("version 0", at);
    MId mId = mId();
    skipLwsp();
    MessageBody body;
    if (peekToken() == Token.ERROR) {
      word("Error");
      body = new MessageBody.MessageError(errorDescriptor());
    } else {
      var transactions = new ArrayList<Transaction>();
      while (true) {
        skipLwsp();
        if (pos >= in.length) break;
        if (transactions.size() >= Math.min(limits.maxListItems(), MessageBody.MAX_TRANSACTIONS)) {
          throw error("too many transactions");
        }
        transactions.add(transaction());
      }
      if (transactions.isEmpty()) throw error("no transaction in message");
      body = new MessageBody.TransactionList(transactions);
    }
    skipLwsp();
    if (pos < in.length) throw error("unexpected text after the message");
    return new Message(version, mId, body);
  }

  private MId mId() throws IqDecodeException {
    skipLwsp();
    int at = pos;
    int c = peek();
    if (c == '<') {
      pos++;
      int start = pos;
      while (pos < in.length && in[pos] != '>' && pos - start <= 64) pos++;
      if (peek() != '>') throw errorAt("unterminated domain name", at);
      String name = ascii(start, pos);
      pos++;
      return new MId.Domain(name, port());
    }
    if (c == '[') {
      pos++;
      int start = pos;
      while (pos < in.length && in[pos] != ']' && pos - start <= 45) pos++;
      if (peek() != ']') throw errorAt("unterminated address", at);
      String address = ascii(start, pos);
      pos++;
      return address.indexOf(':') >= 0 ? new MId.Ip6(address, port()) : new MId.Ip4(address, port());
    }
    String w = word("message identifier");
    if (Token.lookup(w) == Token.MTP) {
      open();
      String hex = word("MTP address");
      close();
      return new MId.Mtp(hex);
    }
    return new MId.Device(w);
  }

  private OptionalInt port() throws IqDecodeException {
    if (peek() != ':') return OptionalInt.empty();
    pos++;
    int at = pos;
    int start = pos;
    while (pos < in.length && isDigit(in[pos]) && pos - start < 6) pos++;
    if (pos == start) throw errorAt("expected a port number", at);
    return OptionalInt.of((int) number(ascii(start, pos), 5, MId.MAX_PORT, at, "port"));
  }

  private Transaction transaction() throws IqDecodeException {
    int at = pos;
    Token token = Token.lookup(word("Transaction, Reply, Pending or TransactionResponseAck"));
    if (token == null) throw errorAt("expected Transaction, Reply, Pending or TransactionResponseAck", at);
    return switch (token) {
      case TRANSACTION -> {
        long id = transactionId();
        var actions = new ArrayList<ActionRequest>();
        block(() -> actions.add(actionRequest()), false);
        yield new TransactionRequest(id, actions);
      }
      case REPLY -> transactionReply();
      case PENDING -> {
        long id = transactionId();
        open();
        close();
        yield new TransactionPending(id);
      }
      case RESPONSE_ACK -> {
        var ranges = new ArrayList<TransactionResponseAck.AckRange>();
        block(() -> ranges.add(ackRange()), false);
        yield new TransactionResponseAck(ranges);
      }
      case SEGMENT -> throw unsupportedAt("segment reply", at);
      default -> throw errorAt("expected Transaction, Reply, Pending or TransactionResponseAck", at);
    };
  }

  private long transactionId() throws IqDecodeException {
    expectEqual();
    int at = pos;
    String w = word("transaction id");
    if (w.indexOf('/') >= 0) throw unsupportedAt("message segmentation", at);
    return number(w, 10, Transaction.MAX_ID, at, "transaction id");
  }

  private TransactionResponseAck.AckRange ackRange() throws IqDecodeException {
    int at = pos;
    String w = word("transaction id");
    int dash = w.indexOf('-');
    if (dash < 0) return TransactionResponseAck.AckRange.single(number(w, 10, Transaction.MAX_ID, at, "transaction id"));
    long first = number(w.substring(0, dash), 10, Transaction.MAX_ID, at, "transaction id");
    long last = number(w.substring(dash + 1), 10, Transaction.MAX_ID, at, "transaction id");
    if (last < first) throw errorAt("acknowledged range ends before it starts", at);
    return new TransactionResponseAck.AckRange(first, last);
  }

  private TransactionReply transactionReply() throws IqDecodeException {
    long id = transactionId();
    boolean[] immAck = {false};
    ErrorDescriptor[] error = {null};
    var actions = new ArrayList<ActionReply>();
    block(() -> {
      int at = pos;
      Token token = Token.lookup(word("reply item"));
      if (token == Token.IMM_ACK_REQUIRED && !immAck[0] && error[0] == null && actions.isEmpty()) {
        immAck[0] = true;
      } else if (token == Token.ERROR && error[0] == null && actions.isEmpty()) {
        error[0] = errorDescriptor();
      } else if (token == Token.CONTEXT && error[0] == null) {
        actions.add(actionReply());
      } else {
        throw errorAt("expected ImmAckRequired, Error or Context", at);
      }
    }, false);
    if (error[0] == null && actions.isEmpty()) throw error("a reply needs an error or an action");
    return new TransactionReply(id, immAck[0], Optional.ofNullable(error[0]), actions);
  }

  // ---- actions

  private ContextId contextId() throws IqDecodeException {
    expectEqual();
    int at = pos;
    String w = word("context id");
    return switch (w) {
      case "-" -> ContextId.NULL;
      case "$" -> ContextId.CHOOSE;
      case "*" -> ContextId.ALL;
      default -> {
        long value = number(w, 10, ContextId.Numbered.MAX, at, "context id");
        if (value < 1) throw errorAt("context id 0", at);
        yield ContextId.of(value);
      }
    };
  }

  /** Context properties shared by requests and replies; returns false when the token is not one. */
  private boolean contextProperty(Token token, ContextPropertiesBuilder properties, int at) throws IqDecodeException {
    switch (token) {
      case PRIORITY -> {
        expectEqual();
        int valueAt = pos;
        properties.priority = OptionalInt.of((int) number(word("priority"), 2, ContextProperties.MAX_PRIORITY, valueAt,
            "priority"));
      }
      case EMERGENCY -> properties.emergency = Optional.of(true);
      case EMERGENCY_OFF -> properties.emergency = Optional.of(false);
      case IEPS -> {
        expectEqual();
        properties.ieps = Optional.of(onOff());
      }
      case TOPOLOGY -> throw unsupportedAt("Topology descriptor", at);
      case CONTEXT_AUDIT -> throw unsupportedAt("ContextAudit", at);
      case CONTEXT_ATTR, CONTEXT_LIST, EMERGENCY_VALUE -> throw unsupportedAt("context attributes", at);
      default -> {
        return false;
      }
    }
    return true;
  }

  private static final class ContextPropertiesBuilder {
    OptionalInt priority = OptionalInt.empty();
    Optional<Boolean> emergency = Optional.empty();
    Optional<Boolean> ieps = Optional.empty();

    ContextProperties build() {
      return new ContextProperties(priority, emergency, ieps);
    }
  }

  private ActionRequest actionRequest() throws IqDecodeException {
    int at = pos;
    if (Token.lookup(word("Context")) != Token.CONTEXT) throw errorAt("expected Context", at);
    ContextId contextId = contextId();
    var properties = new ContextPropertiesBuilder();
    var commands = new ArrayList<CommandRequest>();
    block(() -> {
      int itemAt = pos;
      String w = word("command");
      Token token = Token.lookup(w);
      if (token != null && contextProperty(token, properties, itemAt)) return;
      if (commands.size() >= ActionRequest.MAX_COMMANDS) throw errorAt("too many commands", itemAt);
      commands.add(commandRequest(w, itemAt));
    }, false);
    return new ActionRequest(contextId, properties.build(), commands);
  }

  private CommandRequest commandRequest(String word, int at) throws IqDecodeException {
    boolean optional = false;
    boolean wildcard = false;
    String w = word;
    if (w.regionMatches(true, 0, "O-", 0, 2)) {
      optional = true;
      w = w.substring(2);
    }
    if (w.regionMatches(true, 0, "W-", 0, 2)) {
      wildcard = true;
      w = w.substring(2);
    }
    Token token = Token.lookup(w);
    if (token == null) throw errorAt("expected a command", at);
    Command command = switch (token) {
      case ADD -> new Add(terminationId(), descriptors(DescriptorPlace.AMM_PARAMETERS));
      case MODIFY -> new Modify(terminationId(), descriptors(DescriptorPlace.AMM_PARAMETERS));
      case MOVE -> new Move(terminationId(), descriptors(DescriptorPlace.AMM_PARAMETERS));
      case SUBTRACT -> {
        TerminationId id = terminationId();
        Audit[] audit = {null};
        if (peekSkipping() == '{') {
          block(() -> {
            int itemAt = pos;
            if (Token.lookup(word("Audit")) != Token.AUDIT || audit[0] != null) throw errorAt("expected Audit", itemAt);
            audit[0] = audit();
          }, true);
        }
        yield new Subtract(id, Optional.ofNullable(audit[0]));
      }
      case AUDIT_VALUE, AUDIT_CAP -> {
        TerminationId id = terminationId();
        Audit[] audit = {null};
        block(() -> {
          int itemAt = pos;
          if (Token.lookup(word("Audit")) != Token.AUDIT || audit[0] != null) throw errorAt("expected Audit", itemAt);
          audit[0] = audit();
        }, false);
        yield token == Token.AUDIT_VALUE ? new AuditValue(id, audit[0]) : new AuditCapabilities(id, audit[0]);
      }
      case NOTIFY -> {
        TerminationId id = terminationId();
        ObservedEvents[] observed = {null};
        ErrorDescriptor[] error = {null};
        block(() -> {
          int itemAt = pos;
          Token t = Token.lookup(word("ObservedEvents"));
          if (t == Token.OBSERVED_EVENTS && observed[0] == null) {
            observed[0] = observedEvents();
          } else if (t == Token.ERROR && observed[0] != null && error[0] == null) {
            error[0] = errorDescriptor();
          } else {
            throw errorAt("expected ObservedEvents or Error", itemAt);
          }
        }, false);
        yield new Notify(id, observed[0], Optional.ofNullable(error[0]));
      }
      case SERVICE_CHANGE -> {
        TerminationId id = terminationId();
        ServiceChangeParms[] parms = {null};
        block(() -> {
          int itemAt = pos;
          if (Token.lookup(word("Services")) != Token.SERVICES || parms[0] != null) {
            throw errorAt("expected Services", itemAt);
          }
          parms[0] = serviceChangeParms();
        }, false);
        yield new ServiceChange(id, parms[0]);
      }
      default -> throw errorAt("expected a command", at);
    };
    return new CommandRequest(command, optional, wildcard);
  }

  private TerminationId terminationId() throws IqDecodeException {
    expectEqual();
    int at = pos;
    if (peek() == '[') throw unsupportedAt("termination id list", at);
    String w = word("termination id");
    try {
      return new TerminationId(w);
    } catch (IllegalArgumentException e) {
      throw errorAt("invalid termination id", at);
    }
  }

  /** The descriptors a command or command reply may carry (RFC 3525 B.2 ammParameter, auditReturnParameter). */
  private enum DescriptorPlace {
    AMM_PARAMETERS(
        EnumSet.of(Token.MEDIA, Token.EVENTS, Token.SIGNALS, Token.DIGIT_MAP, Token.AUDIT, Token.STATISTICS),
        EnumSet.of(Token.MODEM, Token.MUX, Token.EVENT_BUFFER, Token.TOPOLOGY), false),
    AUDIT_RETURNS(
        EnumSet.of(Token.MEDIA, Token.EVENTS, Token.SIGNALS, Token.DIGIT_MAP, Token.OBSERVED_EVENTS, Token.STATISTICS,
            Token.PACKAGES, Token.ERROR),
        EnumSet.of(Token.MODEM, Token.MUX, Token.EVENT_BUFFER), true);

    final Set<Token> allowed;
    /** In the grammar here but not implemented: answered "not supported" rather than "unexpected". */
    final Set<Token> unsupported;
    final boolean allowEmpty;

    DescriptorPlace(Set<Token> allowed, Set<Token> unsupported, boolean allowEmpty) {
      this.allowed = allowed;
      this.unsupported = unsupported;
      this.allowEmpty = allowEmpty;
    }
  }

  private List<Descriptor> descriptors(DescriptorPlace place) throws IqDecodeException {
    var descriptors = new ArrayList<Descriptor>();
    if (peekSkipping() != '{') return descriptors;
    block(() -> {
      int at = pos;
      Token token = Token.lookup(word("descriptor"));
      if (token != null && place.unsupported.contains(token)) throw unsupportedAt(token.longForm + " descriptor", at);
      if (token == null || !place.allowed.contains(token)) throw errorAt("expected a descriptor", at);
      descriptors.add(descriptor(token, at));
    }, place.allowEmpty);
    return descriptors;
  }

  private Descriptor descriptor(Token token, int at) throws IqDecodeException {
    return switch (token) {
      case MEDIA -> media();
      case EVENTS -> events();
      case SIGNALS -> signals();
      case DIGIT_MAP -> digitMap();
      case AUDIT -> audit();
      case OBSERVED_EVENTS -> observedEvents();
      case STATISTICS -> statistics();
      case PACKAGES -> packages();
      case ERROR -> errorDescriptor();
      default -> throw errorAt("expected a descriptor", at);
    };
  }

  // ---- replies

  private ActionReply actionReply() throws IqDecodeException {
    ContextId contextId = contextId();
    var properties = new ContextPropertiesBuilder();
    var replies = new ArrayList<CommandReply>();
    ErrorDescriptor[] error = {null};
    block(() -> {
      int at = pos;
      Token token = Token.lookup(word("command reply"));
      if (token == null) throw errorAt("expected a command reply", at);
      if (error[0] != null) throw errorAt("nothing may follow the error of an action reply", at);
      if (contextProperty(token, properties, at)) return;
      if (token == Token.ERROR) {
        error[0] = errorDescriptor();
        return;
      }
      if (replies.size() >= ActionRequest.MAX_COMMANDS) throw errorAt("too many command replies", at);
      replies.add(commandReply(token, at));
    }, false);
    return new ActionReply(contextId, properties.build(), replies, Optional.ofNullable(error[0]));
  }

  private CommandReply commandReply(Token token, int at) throws IqDecodeException {
    return switch (token) {
      case ADD -> new AddReply(terminationId(), descriptors(DescriptorPlace.AUDIT_RETURNS));
      case MODIFY -> new ModifyReply(terminationId(), descriptors(DescriptorPlace.AUDIT_RETURNS));
      case MOVE -> new MoveReply(terminationId(), descriptors(DescriptorPlace.AUDIT_RETURNS));
      case SUBTRACT -> new SubtractReply(terminationId(), descriptors(DescriptorPlace.AUDIT_RETURNS));
      case AUDIT_VALUE, AUDIT_CAP -> {
        if (peekTokenAfterEqual() == Token.CONTEXT) throw unsupportedAt("context termination audit", at);
        TerminationId id = terminationId();
        List<Descriptor> returns = descriptors(DescriptorPlace.AUDIT_RETURNS);
        yield token == Token.AUDIT_VALUE ? new AuditValueReply(id, returns) : new AuditCapabilitiesReply(id, returns);
      }
      case NOTIFY -> {
        TerminationId id = terminationId();
        ErrorDescriptor[] error = {null};
        if (peekSkipping() == '{') {
          block(() -> {
            int itemAt = pos;
            if (Token.lookup(word("Error")) != Token.ERROR || error[0] != null) throw errorAt("expected Error", itemAt);
            error[0] = errorDescriptor();
          }, true);
        }
        yield new NotifyReply(id, Optional.ofNullable(error[0]));
      }
      case SERVICE_CHANGE -> {
        TerminationId id = terminationId();
        ErrorDescriptor[] error = {null};
        ServiceChangeResult[] result = {null};
        if (peekSkipping() == '{') {
          block(() -> {
            int itemAt = pos;
            Token t = Token.lookup(word("Services or Error"));
            if (error[0] != null || result[0] != null) throw errorAt("one Services or Error only", itemAt);
            if (t == Token.ERROR) {
              error[0] = errorDescriptor();
            } else if (t == Token.SERVICES) {
              result[0] = serviceChangeResult();
            } else {
              throw errorAt("expected Services or Error", itemAt);
            }
          }, true);
        }
        yield new ServiceChangeReply(id, Optional.ofNullable(error[0]), Optional.ofNullable(result[0]));
      }
      default -> throw errorAt("expected a command reply", at);
    };
  }

  // ---- ServiceChange

  private ServiceChangeParms serviceChangeParms() throws IqDecodeException {
    var b = new ServicesBuilder();
    block(() -> {
      int at = pos;
      String w = word("service change parameter");
      Token token = Token.lookup(w);
      if (token == Token.METHOD && b.method == null) {
        expectEqual();
        b.method = method();
      } else if (token == Token.REASON && b.reason == null) {
        expectEqual();
        b.reason = value().text();
      } else if (token == Token.DELAY && b.delay.isEmpty()) {
        expectEqual();
        int valueAt = pos;
        b.delay = OptionalLong.of(number(word("delay"), 10, Transaction.MAX_ID, valueAt, "delay"));
      } else if (token == Token.SERVICE_CHANGE_INCOMPLETE) {
        b.incomplete = true;
      } else if (!b.common(token, w, at)) {
        if (w.length() > 1 && (w.charAt(0) == 'X' || w.charAt(0) == 'x')) throw unsupportedAt("extension parameter", at);
        throw errorAt("unexpected service change parameter", at);
      }
    }, false);
    if (b.method == null) throw error("ServiceChange without Method");
    return new ServiceChangeParms(b.method, Optional.ofNullable(b.reason), b.delay, Optional.ofNullable(b.address),
        Optional.ofNullable(b.profile), b.version, Optional.ofNullable(b.mgcId), Optional.ofNullable(b.timeStamp),
        b.incomplete);
  }

  private ServiceChangeResult serviceChangeResult() throws IqDecodeException {
    var b = new ServicesBuilder();
    block(() -> {
      int at = pos;
      String w = word("service change reply parameter");
      if (!b.common(Token.lookup(w), w, at)) throw errorAt("unexpected service change reply parameter", at);
    }, false);
    return new ServiceChangeResult(Optional.ofNullable(b.address), Optional.ofNullable(b.mgcId),
        Optional.ofNullable(b.profile), b.version, Optional.ofNullable(b.timeStamp));
  }

  private final class ServicesBuilder {
    ServiceChangeMethod method;
    String reason;
    OptionalLong delay = OptionalLong.empty();
    ServiceChangeAddress address;
    ServiceChangeProfile profile;
    OptionalInt version = OptionalInt.empty();
    MId mgcId;
    TimeStamp timeStamp;
    boolean incomplete;

    /** Parameters shared by request and reply; false when {@code token}/{@code w} is none of them. */
    boolean common(Token token, String w, int at) throws IqDecodeException {
      if (token == Token.SERVICE_CHANGE_ADDRESS && address == null) {
        expectEqual();
        skipLwsp();
        int c = peek();
        if (c >= '0' && c <= '9') {
          int valueAt = pos;
          address = new ServiceChangeAddress.Port((int) number(word("port"), 5, MId.MAX_PORT, valueAt, "port"));
        } else {
          address = new ServiceChangeAddress.Address(mId());
        }
      } else if (token == Token.PROFILE && profile == null) {
        expectEqual();
        int valueAt = pos;
        String p = word("profile");
        int slash = p.lastIndexOf('/');
        if (slash <= 0) throw errorAt("expected profile name/version", valueAt);
        profile = new ServiceChangeProfile(p.substring(0, slash),
            (int) number(p.substring(slash + 1), 2, 99, valueAt, "profile version"));
      } else if (token == Token.VERSION && version.isEmpty()) {
        expectEqual();
        int valueAt = pos;
        int v = (int) number(word("version"), 2, ims.iq.message.Message.MAX_VERSION, valueAt, "version");
        if (v < 1) throw errorAt("version 0", valueAt);
        version = OptionalInt.of(v);
      } else if (token == Token.MGC_ID && mgcId == null) {
        expectEqual();
        mgcId = mId();
      } else if (token == null && timeStamp == null && isTimeStamp(w)) {
        timeStamp = timeStamp(w);
      } else {
        return false;
      }
      return true;
    }
  }

  private ServiceChangeMethod method() throws IqDecodeException {
    int at = pos;
    Token token = Token.lookup(word("method"));
    if (token == null) throw errorAt("unknown or extension service change method", at);
    return switch (token) {
      case FAILOVER -> ServiceChangeMethod.FAILOVER;
      case FORCED -> ServiceChangeMethod.FORCED;
      case GRACEFUL -> ServiceChangeMethod.GRACEFUL;
      case RESTART -> ServiceChangeMethod.RESTART;
      case DISCONNECTED -> ServiceChangeMethod.DISCONNECTED;
      case HAND_OFF -> ServiceChangeMethod.HANDOFF;
      default -> throw errorAt("unknown service change method", at);
    };
  }

  // ---- Media

  private Media media() throws IqDecodeException {
    TerminationState[] state = {null};
    var defaults = new StreamParmsBuilder();
    var streams = new ArrayList<Stream>();
    block(() -> {
      int at = pos;
      Token token = Token.lookup(word("media parameter"));
      if (token == Token.TERMINATION_STATE && state[0] == null) {
        state[0] = terminationState();
      } else if (token == Token.STREAM) {
        expectEqual();
        int idAt = pos;
        int id = (int) number(word("stream id"), 5, Stream.MAX_ID, idAt, "stream id");
        var parms = new StreamParmsBuilder();
        block(() -> {
          int itemAt = pos;
          if (!parms.parse(Token.lookup(word("stream parameter")))) throw errorAt("expected a stream parameter", itemAt);
        }, false);
        if (streams.size() >= Media.MAX_STREAMS) throw errorAt("too many streams", at);
        for (Stream s : streams) {
          if (s.id() == id) throw errorAt("stream appears twice", at);
        }
        streams.add(new Stream(id, parms.build()));
      } else if (!defaults.parse(token)) {
        throw errorAt("expected a media parameter", at);
      }
    }, false);
    if (defaults.isEmpty()) {
      return new Media(Optional.ofNullable(state[0]), Optional.empty(), streams);
    }
    if (!streams.isEmpty()) throw error("stream parameters both inside and outside Stream descriptors");
    return new Media(Optional.ofNullable(state[0]), Optional.of(defaults.build()), streams);
  }

  private final class StreamParmsBuilder {
    LocalControl localControl;
    SdpText local;
    SdpText remote;
    Statistics statistics;

    boolean parse(Token token) throws IqDecodeException {
      int at = pos;
      if (token == null) return false;
      switch (token) {
        case LOCAL_CONTROL -> {
          if (localControl != null) throw errorAt("LocalControl appears twice", at);
          localControl = localControl();
        }
        case LOCAL -> {
          if (local != null) throw errorAt("Local appears twice", at);
          local = sdp();
        }
        case REMOTE -> {
          if (remote != null) throw errorAt("Remote appears twice", at);
          remote = sdp();
        }
        case STATISTICS -> {
          if (statistics != null) throw errorAt("Statistics appears twice", at);
          statistics = statistics();
        }
        default -> {
          return false;
        }
      }
      return true;
    }

    boolean isEmpty() {
      return localControl == null && local == null && remote == null && statistics == null;
    }

    StreamParms build() {
      return new StreamParms(Optional.ofNullable(localControl), Optional.ofNullable(local), Optional.ofNullable(remote),
          Optional.ofNullable(statistics));
    }
  }

  private TerminationState terminationState() throws IqDecodeException {
    TerminationState.ServiceState[] serviceState = {null};
    TerminationState.EventBufferControl[] buffer = {null};
    var properties = new ArrayList<PropertyParm>();
    block(() -> {
      int at = pos;
      String w = word("termination state parameter");
      Token token = Token.lookup(w);
      if (token == Token.SERVICE_STATES && serviceState[0] == null) {
        expectEqual();
        int valueAt = pos;
        Token value = Token.lookup(word("service state"));
        serviceState[0] = switch (value == null ? Token.ADD : value) {
          case TEST -> TerminationState.ServiceState.TEST;
          case OUT_OF_SERVICE -> TerminationState.ServiceState.OUT_OF_SERVICE;
          case IN_SERVICE -> TerminationState.ServiceState.IN_SERVICE;
          default -> throw errorAt("expected Test, OutOfService or InService", valueAt);
        };
      } else if (token == Token.BUFFER && buffer[0] == null) {
        expectEqual();
        int valueAt = pos;
        Token value = Token.lookup(word("buffer control"));
        if (value == Token.OFF) {
          buffer[0] = TerminationState.EventBufferControl.OFF;
        } else if (value == Token.LOCK_STEP) {
          buffer[0] = TerminationState.EventBufferControl.LOCK_STEP;
        } else {
          throw errorAt("expected OFF or LockStep", valueAt);
        }
      } else if (token == null) {
        if (properties.size() >= LocalControl.MAX_PROPERTIES) throw errorAt("too many properties", at);
        properties.add(propertyParm(w, at));
      } else {
        throw errorAt("unexpected termination state parameter", at);
      }
    }, false);
    return new TerminationState(Optional.ofNullable(serviceState[0]), Optional.ofNullable(buffer[0]), properties);
  }

  private LocalControl localControl() throws IqDecodeException {
    StreamMode[] mode = {null};
    Boolean[] reserveValue = {null};
    Boolean[] reserveGroup = {null};
    var properties = new ArrayList<PropertyParm>();
    block(() -> {
      int at = pos;
      String w = word("local control parameter");
      Token token = Token.lookup(w);
      if (token == Token.MODE && mode[0] == null) {
        expectEqual();
        mode[0] = streamMode();
      } else if (token == Token.RESERVED_VALUE && reserveValue[0] == null) {
        expectEqual();
        reserveValue[0] = onOff();
      } else if (token == Token.RESERVED_GROUP && reserveGroup[0] == null) {
        expectEqual();
        reserveGroup[0] = onOff();
      } else if (token == null) {
        if (properties.size() >= LocalControl.MAX_PROPERTIES) throw errorAt("too many properties", at);
        properties.add(propertyParm(w, at));
      } else {
        throw errorAt("unexpected local control parameter", at);
      }
    }, false);
    return new LocalControl(Optional.ofNullable(mode[0]), Optional.ofNullable(reserveValue[0]),
        Optional.ofNullable(reserveGroup[0]), properties);
  }

  private StreamMode streamMode() throws IqDecodeException {
    int at = pos;
    Token token = Token.lookup(word("mode"));
    if (token == null) throw errorAt("unknown stream mode", at);
    return switch (token) {
      case SEND_ONLY -> StreamMode.SEND_ONLY;
      case RECV_ONLY -> StreamMode.RECEIVE_ONLY;
      case SEND_RECEIVE -> StreamMode.SEND_RECEIVE;
      case INACTIVE -> StreamMode.INACTIVE;
      case LOOPBACK -> StreamMode.LOOPBACK;
      default -> throw errorAt("unknown stream mode", at);
    };
  }

  private boolean onOff() throws IqDecodeException {
    int at = pos;
    Token token = Token.lookup(word("ON or OFF"));
    if (token == Token.ON) return true;
    if (token == Token.OFF) return false;
    throw errorAt("expected ON or OFF", at);
  }

  /**
   * {@code { octetString }}: everything up to the first '}' not preceded by '\', with "\}" standing for '}'. White
   * space right after '{' and the indentation before the closing brace (blanks after the last line break) are
   * layout, not SDP. The octets must be UTF-8; scratch copies are wiped.
   */
  private SdpText sdp() throws IqDecodeException {
    skipLwsp();
    if (peek() != '{') throw error("expected '{'");
    pos++;
    while (pos < in.length && isBlank(in[pos])) pos++;
    int start = pos;
    // First pass: find the closing brace, so the scratch copy is exactly as long as the SDP.
    int end = start;
    int escapes = 0;
    while (true) {
      if (end >= in.length) throw errorAt("unterminated Local or Remote descriptor", start);
      byte b = in[end];
      if (b == '}') break;
      if (b == 0) throw errorAt("NUL octet in SDP", end);
      if (b == '\\' && end + 1 < in.length && in[end + 1] == '}') {
        escapes++;
        end++;
      }
      end++;
    }
    if (end - start - escapes > SdpText.MAX_LENGTH * 4) throw errorAt("SDP longer than " + SdpText.MAX_LENGTH, start);
    byte[] scratch = new byte[end - start - escapes];
    try {
      int n = 0;
      for (int i = start; i < end; i++) {
        if (in[i] == '\\' && in[i + 1] == '}') i++;
        scratch[n++] = in[i];
      }
      pos = end + 1;
      int trimmed = n;
      while (trimmed > 0 && (scratch[trimmed - 1] == ' ' || scratch[trimmed - 1] == '\t')) trimmed--;
      if (trimmed == 0 || scratch[trimmed - 1] == '\n' || scratch[trimmed - 1] == '\r') n = trimmed;
      return utf8Sdp(scratch, n, start);
    } finally {
      Arrays.fill(scratch, (byte) 0);
    }
  }

  private SdpText utf8Sdp(byte[] octets, int length, int at) throws IqDecodeException {
    if (utf8 == null) {
      utf8 = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
    utf8.reset();
    char[] chars = new char[length];
    CharBuffer out = CharBuffer.wrap(chars);
    try {
      var result = utf8.decode(ByteBuffer.wrap(octets, 0, length), out, true);
      if (result.isError()) result.throwException();
      utf8.flush(out);
      if (out.position() > SdpText.MAX_LENGTH) throw new IqDecodeException("SDP longer than " + SdpText.MAX_LENGTH, at);
      return SdpText.of(chars, 0, out.position());
    } catch (CharacterCodingException e) {
      throw new IqDecodeException("SDP is not UTF-8", at);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  private Statistics statistics() throws IqDecodeException {
    var parameters = new ArrayList<StatisticsParameter>();
    block(() -> {
      int at = pos;
      String name = word("statistic name");
      var values = new ArrayList<Value>();
      skipLwsp();
      if (peek() == '=') {
        pos++;
        skipLwsp();
        if (peek() == '[') {
          pos++;
          values.addAll(valueList(']'));
        } else {
          values.add(value());
        }
      }
      if (parameters.size() >= Statistics.MAX_PARAMETERS) throw errorAt("too many statistics", at);
      parameters.add(checked(() -> new StatisticsParameter(name, values), "invalid statistic name", at));
    }, false);
    return new Statistics(parameters);
  }

  // ---- Events, Signals, DigitMap, Audit, ObservedEvents, Packages, Error

  private Events events() throws IqDecodeException {
    skipLwsp();
    if (peek() != '=') return Events.CLEAR;
    pos++;
    int idAt = pos;
    long requestId = number(word("request id"), 10, Transaction.MAX_ID, idAt, "request id");
    var events = new ArrayList<RequestedEvent>();
    block(() -> {
      int at = pos;
      String name = word("event name");
      var parameters = eventParameters(false);
      if (events.size() >= Events.MAX_EVENTS) throw errorAt("too many events", at);
      events.add(checked(() -> new RequestedEvent(name, parameters), "invalid event name", at));
    }, false);
    return new Events(OptionalLong.of(requestId), events);
  }

  private List<EventParameter> eventParameters(boolean observed) throws IqDecodeException {
    var parameters = new ArrayList<EventParameter>();
    if (peekSkipping() != '{') return parameters;
    block(() -> {
      int at = pos;
      String w = word("event parameter");
      Token token = Token.lookup(w);
      if (parameters.size() >= Math.min(limits.maxListItems(), 32)) throw errorAt("too many parameters", at);
      if (token == Token.STREAM) {
        expectEqual();
        int valueAt = pos;
        parameters.add(new EventParameter.StreamId((int) number(word("stream id"), 5, Stream.MAX_ID, valueAt,
            "stream id")));
      } else if (observed || token == null) {
        parameters.add(propertyParm(w, at));
      } else {
        parameters.add(switch (token) {
          case KEEP_ACTIVE -> new EventParameter.KeepActive();
          case RESET_EVENTS -> new EventParameter.ResetEvents();
          case EMBED -> embed();
          case DIGIT_MAP -> {
            skipLwsp();
            if (peek() == '=') {
              pos++;
              int nameAt = pos;
              String name = word("digit map name");
              yield new EventParameter.DigitMapRef(
                  checked(() -> new DigitMap(Optional.of(name), Optional.empty()), "invalid digit map name", nameAt));
            }
            yield new EventParameter.DigitMapRef(new DigitMap(Optional.empty(), Optional.of(digitMapValue())));
          }
          case NOTIFY_IMMEDIATE, NOTIFY_REGULATED, NEVER_NOTIFY -> throw unsupportedAt("notification behaviour", at);
          default -> throw errorAt("unexpected event parameter", at);
        });
      }
    }, false);
    return parameters;
  }

  private EventParameter.Embed embed() throws IqDecodeException {
    Signals[] signals = {null};
    Events[] events = {null};
    block(() -> {
      int at = pos;
      Token token = Token.lookup(word("Signals or Events"));
      if (token == Token.SIGNALS && signals[0] == null && events[0] == null) {
        signals[0] = signals();
      } else if (token == Token.EVENTS && events[0] == null) {
        events[0] = events();
      } else {
        throw errorAt("expected Signals or Events", at);
      }
    }, false);
    return new EventParameter.Embed(Optional.ofNullable(signals[0]), Optional.ofNullable(events[0]));
  }

  private Signals signals() throws IqDecodeException {
    var signals = new ArrayList<SignalRequest>();
    if (peekSkipping() != '{') return Signals.NONE;
    block(() -> {
      int at = pos;
      String name = word("signal name");
      if (Token.lookup(name) == Token.SIGNAL_LIST) throw unsupportedAt("signal list", at);
      var parameters = new ArrayList<SignalParameter>();
      if (peekSkipping() == '{') {
        block(() -> {
          int parmAt = pos;
          if (parameters.size() >= 32) throw errorAt("too many parameters", parmAt);
          parameters.add(signalParameter());
        }, false);
      }
      if (signals.size() >= Events.MAX_EVENTS) throw errorAt("too many signals", at);
      signals.add(checked(() -> new SignalRequest(name, parameters), "invalid signal name", at));
    }, true);
    return new Signals(signals);
  }

  private SignalParameter signalParameter() throws IqDecodeException {
    int at = pos;
    String w = word("signal parameter");
    Token token = Token.lookup(w);
    if (token == null) return propertyParm(w, at);
    switch (token) {
      case KEEP_ACTIVE -> {
        return new SignalParameter.KeepActive();
      }
      case STREAM -> {
        expectEqual();
        int valueAt = pos;
        return new SignalParameter.StreamId((int) number(word("stream id"), 5, Stream.MAX_ID, valueAt, "stream id"));
      }
      case DURATION -> {
        expectEqual();
        int valueAt = pos;
        return new SignalParameter.Duration((int) number(word("duration"), 5, 65_535, valueAt, "duration"));
      }
      case SIGNAL_TYPE -> {
        expectEqual();
        int valueAt = pos;
        Token type = Token.lookup(word("signal type"));
        if (type == Token.ON_OFF) return new SignalParameter.Type(SignalParameter.SignalType.ON_OFF);
        if (type == Token.TIME_OUT) return new SignalParameter.Type(SignalParameter.SignalType.TIME_OUT);
        if (type == Token.BRIEF) return new SignalParameter.Type(SignalParameter.SignalType.BRIEF);
        throw errorAt("expected OnOff, TimeOut or Brief", valueAt);
      }
      case NOTIFY_COMPLETION -> {
        expectEqual();
        var reasons = new ArrayList<SignalParameter.NotifyReason>();
        block(() -> {
          int reasonAt = pos;
          Token reason = Token.lookup(word("notification reason"));
          reasons.add(switch (reason == null ? Token.ADD : reason) {
            case TIME_OUT -> SignalParameter.NotifyReason.TIME_OUT;
            case INTERRUPT_BY_EVENT -> SignalParameter.NotifyReason.INTERRUPTED_BY_EVENT;
            case INTERRUPT_BY_NEW_SIGNALS -> SignalParameter.NotifyReason.INTERRUPTED_BY_NEW_SIGNALS;
            case OTHER_REASON -> SignalParameter.NotifyReason.OTHER_REASON;
            case ITERATION -> SignalParameter.NotifyReason.ITERATION;
            default -> throw errorAt("unknown notification reason", reasonAt);
          });
        }, false);
        return new SignalParameter.NotifyCompletion(reasons);
      }
      default -> {
        // Keywords we do not model (SPADirection, SPARequestID, Intersignal) keep their name and value.
        if (token.longForm.indexOf('/') < 0 && Character.isLetter(w.charAt(0))) return propertyParm(w, at);
        throw errorAt("unexpected signal parameter", at);
      }
    }
  }

  private DigitMap digitMap() throws IqDecodeException {
    skipLwsp();
    Optional<String> name = Optional.empty();
    if (peek() == '=') {
      pos++;
      skipLwsp();
      if (peek() != '{') {
        int at = pos;
        String w = word("digit map name");
        name = Optional.of(checked(() -> {
          new DigitMap(Optional.of(w), Optional.empty());
          return w;
        }, "invalid digit map name", at));
      }
    }
    Optional<String> value = peekSkipping() == '{' ? Optional.of(digitMapValue()) : Optional.empty();
    if (name.isEmpty() && value.isEmpty()) throw error("expected a digit map name or value");
    return new DigitMap(name, value);
  }

  /** {@code { digitMapValue }} kept as trimmed text. */
  private String digitMapValue() throws IqDecodeException {
    open();
    int start = pos;
    while (pos < in.length && in[pos] != '}' && in[pos] != '{') pos++;
    if (peek() != '}') throw errorAt("unterminated digit map", start);
    String value = new String(in, start, pos - start, StandardCharsets.UTF_8).strip();
    if (value.isEmpty() || value.length() > Value.MAX_LENGTH) throw errorAt("empty or long digit map", start);
    pos++;
    depth--;
    return value;
  }

  private Audit audit() throws IqDecodeException {
    var items = new ArrayList<Audit.AuditItem>();
    block(() -> {
      int at = pos;
      Token token = Token.lookup(word("audit item"));
      Audit.AuditItem item = switch (token == null ? Token.ADD : token) {
        case MEDIA -> Audit.AuditItem.MEDIA;
        case EVENTS -> Audit.AuditItem.EVENTS;
        case SIGNALS -> Audit.AuditItem.SIGNALS;
        case STATISTICS -> Audit.AuditItem.STATISTICS;
        case OBSERVED_EVENTS -> Audit.AuditItem.OBSERVED_EVENTS;
        case PACKAGES -> Audit.AuditItem.PACKAGES;
        case DIGIT_MAP -> Audit.AuditItem.DIGIT_MAP;
        case EVENT_BUFFER -> Audit.AuditItem.EVENT_BUFFER;
        case MUX -> Audit.AuditItem.MUX;
        case MODEM -> Audit.AuditItem.MODEM;
        default -> throw errorAt("unknown audit item", at);
      };
      if (peekSkipping() == '{') throw unsupportedAt("individual audit parameters", at);
      if (items.contains(item)) throw errorAt("audit item appears twice", at);
      items.add(item);
    }, true);
    return new Audit(items);
  }

  private ObservedEvents observedEvents() throws IqDecodeException {
    expectEqual();
    int idAt = pos;
    long requestId = number(word("request id"), 10, Transaction.MAX_ID, idAt, "request id");
    var events = new ArrayList<ObservedEvent>();
    block(() -> {
      int at = pos;
      String w = word("observed event");
      Optional<TimeStamp> timeStamp = Optional.empty();
      if (isTimeStamp(w) && peekSkipping() == ':') {
        timeStamp = Optional.of(timeStamp(w));
        pos++;
        w = word("event name");
      }
      String name = w;
      var parameters = eventParameters(true);
      if (events.size() >= Events.MAX_EVENTS) throw errorAt("too many events", at);
      Optional<TimeStamp> stamp = timeStamp;
      events.add(checked(() -> new ObservedEvent(stamp, name, parameters), "invalid event name", at));
    }, false);
    return new ObservedEvents(requestId, events);
  }

  private Packages packages() throws IqDecodeException {
    var packages = new ArrayList<Packages.PackageVersion>();
    block(() -> {
      int at = pos;
      String w = word("package");
      int dash = w.lastIndexOf('-');
      if (dash <= 0) throw errorAt("expected name-version", at);
      int version = (int) number(w.substring(dash + 1), 5, 65_535, at, "package version");
      if (packages.size() >= Events.MAX_EVENTS) throw errorAt("too many packages", at);
      packages.add(checked(() -> new Packages.PackageVersion(w.substring(0, dash), version), "invalid package", at));
    }, false);
    return new Packages(packages);
  }

  /** After the Error token: {@code = code { ["text"] }}. */
  private ErrorDescriptor errorDescriptor() throws IqDecodeException {
    expectEqual();
    int at = pos;
    int code = (int) number(word("error code"), 4, ErrorCode.MAX, at, "error code");
    open();
    Optional<String> text = Optional.empty();
    if (peek() == '"') text = Optional.of(quoted());
    close();
    return new ErrorDescriptor(ErrorCode.of(code), text);
  }

  // ---- properties and values

  /** After a property name: {@code = value | = [a, b] | = [a : b] | = {a, b} | # value | > value | < value}. */
  private PropertyParm propertyParm(String name, int at) throws IqDecodeException {
    skipLwsp();
    int c = peek();
    Relation relation = switch (c) {
      case '=' -> Relation.EQUAL;
      case '#' -> Relation.NOT_EQUAL;
      case '>' -> Relation.GREATER;
      case '<' -> Relation.LESS;
      default -> null;
    };
    if (relation == null) throw error("expected '=' after a property or parameter name");
    pos++;
    skipLwsp();
    PropertyValue value;
    if (relation == Relation.EQUAL && peek() == '[') {
      pos++;
      List<Value> values = new ArrayList<>();
      values.add(value());
      skipLwsp();
      if (peek() == ':') {
        pos++;
        Value high = value();
        skipLwsp();
        if (peek() != ']') throw error("expected ']'");
        pos++;
        value = new PropertyValue.Range(values.get(0), high);
      } else {
        if (peek() == ',') {
          pos++;
          values.addAll(valueList(']'));
        } else if (peek() == ']') {
          pos++;
        } else {
          throw error("expected ',' or ']'");
        }
        value = new PropertyValue.Alternatives(values);
      }
    } else if (relation == Relation.EQUAL && peek() == '{') {
      pos++;
      value = new PropertyValue.Sublist(valueList('}'));
    } else {
      value = new PropertyValue.Single(value());
    }
    PropertyValue v = value;
    return checked(() -> new PropertyParm(name, relation, v), "invalid property or parameter name", at);
  }

  /** Values separated by commas up to {@code end} (consumed). */
  private List<Value> valueList(char end) throws IqDecodeException {
    var values = new ArrayList<Value>();
    while (true) {
      if (values.size() >= ims.iq.message.PropertyValue.MAX_VALUES) throw error("too many values");
      values.add(value());
      skipLwsp();
      int c = peek();
      if (c == ',') {
        pos++;
      } else if (c == end) {
        pos++;
        return values;
      } else {
        throw error("expected ',' or '" + end + "'");
      }
    }
  }

  private Value value() throws IqDecodeException {
    skipLwsp();
    if (peek() == '"') return new Value(quoted(), true);
    return new Value(word("value"), false);
  }

  /** {@code "..."}: any octets but '"'. */
  private String quoted() throws IqDecodeException {
    int at = pos;
    pos++;
    int start = pos;
    while (pos < in.length && in[pos] != '"') {
      if (pos - start > Value.MAX_LENGTH) throw errorAt("quoted string too long", at);
      pos++;
    }
    if (pos >= in.length) throw errorAt("unterminated quoted string", at);
    String text = new String(in, start, pos - start, StandardCharsets.UTF_8);
    pos++;
    if (text.indexOf('"') >= 0 || text.indexOf('\uFFFD') >= 0) throw errorAt("quoted string is not UTF-8", at);
    return text;
  }

  // ---- lexical helpers

  private static boolean isTimeStamp(String w) {
    if (w.length() != 17 || (w.charAt(8) != 'T' && w.charAt(8) != 't')) return false;
    for (int i = 0; i < 17; i++) {
      if (i != 8 && !isDigit((byte) w.charAt(i))) return false;
    }
    return true;
  }

  private static TimeStamp timeStamp(String w) {
    return new TimeStamp(w.substring(0, 8), w.substring(9));
  }

  /** A run of SafeChars (H.248.1 Annex B), after skipping LWSP. */
  private String word(String what) throws IqDecodeException {
    skipLwsp();
    int start = pos;
    while (pos < in.length && Value.isSafeChar(in[pos] & 0xff)) {
      if (pos - start >= MAX_WORD) throw errorAt("name or value too long", start);
      pos++;
    }
    if (pos == start) {
      throw error(pos >= in.length ? "unexpected end of message, expected " + what : "expected " + what);
    }
    return ascii(start, pos);
  }

  private Token peekToken() {
    int save = pos;
    skipLwsp();
    int start = pos;
    while (pos < in.length && Value.isSafeChar(in[pos] & 0xff) && pos - start < MAX_WORD) pos++;
    Token token = pos == start ? null : Token.lookup(ascii(start, pos));
    pos = save;
    return token;
  }

  private Token peekTokenAfterEqual() {
    int save = pos;
    skipLwsp();
    Token token = null;
    if (peek() == '=') {
      pos++;
      token = peekToken();
    }
    pos = save;
    return token;
  }

  private long number(String digits, int maxDigits, long max, int at, String what) throws IqDecodeException {
    if (digits.isEmpty() || digits.length() > maxDigits) throw errorAt("invalid " + what, at);
    long value = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') throw errorAt("invalid " + what, at);
      value = value * 10 + (c - '0');
    }
    if (value > max) throw errorAt(what + " out of range", at);
    return value;
  }

  private void expectEqual() throws IqDecodeException {
    skipLwsp();
    if (peek() != '=') throw error("expected '='");
    pos++;
    skipLwsp();
  }

  private void open() throws IqDecodeException {
    skipLwsp();
    if (peek() != '{') throw error(pos >= in.length ? "unexpected end of message, expected '{'" : "expected '{'");
    pos++;
    if (++depth > limits.maxDepth()) throw error("nesting deeper than " + limits.maxDepth());
    skipLwsp();
  }

  private void close() throws IqDecodeException {
    skipLwsp();
    if (peek() != '}') throw error(pos >= in.length ? "unexpected end of message, expected '}'" : "expected '}'");
    pos++;
    depth--;
  }

  /** {@code { item, item, ... }}; with {@code allowEmpty} also {@code { }}. */
  private void block(ItemParser item, boolean allowEmpty) throws IqDecodeException {
    open();
    if (peek() == '}') {
      if (!allowEmpty) throw error("empty braces");
      pos++;
      depth--;
      return;
    }
    int count = 0;
    while (true) {
      if (++count > limits.maxListItems()) throw error("more than " + limits.maxListItems() + " items in a list");
      item.parse();
      skipLwsp();
      int c = peek();
      if (c == ',') {
        pos++;
      } else if (c == '}') {
        pos++;
        depth--;
        return;
      } else {
        throw error(c < 0 ? "unexpected end of message, expected '}'" : "expected ',' or '}'");
      }
    }
  }

  /** LWSP: SP, HTAB, CR, LF and comments ({@code ;} to end of line). */
  private void skipLwsp() {
    while (pos < in.length) {
      byte b = in[pos];
      if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
        pos++;
      } else if (b == ';') {
        while (pos < in.length && in[pos] != '\n' && in[pos] != '\r') pos++;
      } else {
        return;
      }
    }
  }

  private int peekSkipping() {
    skipLwsp();
    return peek();
  }

  private int peek() {
    return pos < in.length ? in[pos] & 0xff : -1;
  }

  private String ascii(int from, int to) {
    return new String(in, from, to - from, StandardCharsets.ISO_8859_1);
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }

  @FunctionalInterface
  private interface ValueFactory<T> {
    T make();
  }

  private <T> T checked(ValueFactory<T> factory, String reason, int at) throws IqDecodeException {
    try {
      return factory.make();
    } catch (IllegalArgumentException e) {
      throw errorAt(reason, at);
    }
  }

  private IqDecodeException error(String reason) {
    return new IqDecodeException(reason, Math.min(pos, in.length));
  }

  private IqDecodeException errorAt(String reason, int at) {
    return new IqDecodeException(reason, Math.min(at, in.length));
  }

  private IqDecodeException unsupportedAt(String construct, int at) {
    return new IqDecodeException("not supported: " + construct, Math.min(at, in.length));
  }
}
