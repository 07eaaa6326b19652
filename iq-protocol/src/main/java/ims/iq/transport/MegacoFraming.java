package ims.iq.transport;

import ims.iq.codec.IqDecodeException;
import ims.iq.message.ActionRequest;
import ims.iq.message.CommandKind;
import ims.iq.message.ErrorCode;
import ims.iq.message.ErrorDescriptor;
import ims.iq.message.MId;
import ims.iq.message.Message;
import ims.iq.message.MessageBody;
import ims.iq.message.Transaction;
import ims.iq.message.TransactionPending;
import ims.iq.message.TransactionReply;
import ims.iq.message.TransactionRequest;
import ims.iq.message.TransactionResponseAck;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Frames Iq transactions as H.248 messages: {@code MEGACO/3 <our mId>} and the transactions in order.
 * Requests are lists of actions, replies are {@link ReplyContent}. Inbound SDP belongs to whoever the
 * request or reply is handed to; outbound messages are encoded to bytes which the transaction layer
 * wipes when it no longer needs them.
 */
public final class MegacoFraming implements TransactionFraming<List<ActionRequest>, ReplyContent> {
  private final MId ourMId;
  private final MessageCodec codec;

  public MegacoFraming(MId ourMId, MessageCodec codec) {
    this.ourMId = Objects.requireNonNull(ourMId, "ourMId");
    this.codec = Objects.requireNonNull(codec, "codec");
  }

  public MId mId() {
    return ourMId;
  }

  @Override
  public Decoded<List<ActionRequest>, ReplyContent> decode(byte[] octets) {
    Message message;
    try {
      message = codec.decode(octets);
    } catch (IqDecodeException e) {
      return new Decoded.Undecodable<>(e.reason(), OptionalLong.empty(), false);
    }
    if (message.body() instanceof MessageBody.MessageError) {
      return new Decoded.Undecodable<>("message-level error from peer", OptionalLong.empty(), true);
    }
    List<TransactionPart<List<ActionRequest>, ReplyContent>> parts = new ArrayList<>();
    for (Transaction t : message.transactions()) {
      // Id 0 is not a transaction we ever use or answer (our ids start at 1).
      switch (t) {
        case TransactionRequest r -> {
          if (r.id() == 0) return new Decoded.Undecodable<>("transaction id 0", OptionalLong.empty(), false);
          parts.add(new TransactionPart.Request<>(r.id(), r.actions()));
        }
        case TransactionReply r -> {
          if (r.id() == 0) continue;
          parts.add(new TransactionPart.Reply<>(r.id(), r.immAckRequired(), new ReplyContent(r.error(), r.actions())));
        }
        case TransactionPending p -> {
          if (p.id() != 0) parts.add(new TransactionPart.Pending<>(p.id()));
        }
        case TransactionResponseAck a -> {
          List<TransactionPart.IdRange> ranges = new ArrayList<>();
          for (TransactionResponseAck.AckRange range : a.ranges()) {
            if (range.last() == 0) continue;
            ranges.add(new TransactionPart.IdRange(Math.max(1, range.first()), range.last()));
          }
          if (!ranges.isEmpty()) parts.add(new TransactionPart.ResponseAck<>(ranges));
        }
      }
    }
    return new Decoded.Parts<>(parts);
  }

  @Override
  public byte[] encode(List<TransactionPart<List<ActionRequest>, ReplyContent>> parts) {
    List<Transaction> transactions = new ArrayList<>(parts.size());
    for (TransactionPart<List<ActionRequest>, ReplyContent> part : parts) {
      transactions.add(switch (part) {
        case TransactionPart.Request<List<ActionRequest>, ReplyContent> r -> new TransactionRequest(r.transactionId(),
            r.body());
        case TransactionPart.Reply<List<ActionRequest>, ReplyContent> r -> new TransactionReply(r.transactionId(),
            r.immediateAckRequired(), r.body().error(), r.body().actions());
        case TransactionPart.Pending<List<ActionRequest>, ReplyContent> p -> new TransactionPending(p.transactionId());
        case TransactionPart.ResponseAck<List<ActionRequest>, ReplyContent> a -> new TransactionResponseAck(
            a.ranges().stream().map(x -> new TransactionResponseAck.AckRange(x.first(), x.last())).toList());
      });
    }
    return codec.encode(Message.of(ourMId, transactions));
  }

  @Override
  public ReplyContent errorReply(int code, String text) {
    return ReplyContent.error(ErrorDescriptor.of(ErrorCode.of(code), text));
  }

  /** Wipes the SDP (and so the keys) of a request nobody takes. */
  @Override
  public List<CommandKind> commandKinds(List<ActionRequest> request) {
    var kinds = new ArrayList<CommandKind>();
    for (ActionRequest action : request) {
      for (var command : action.commands()) kinds.add(CommandKind.of(command.command()));
    }
    return kinds;
  }

  @Override
  public Optional<ErrorCode> errorOf(ReplyContent reply) {
    return reply.firstError().map(ErrorDescriptor::code);
  }

  @Override
  public void discardRequest(List<ActionRequest> request) {
    Message.of(ourMId, new TransactionRequest(1, request)).close();
  }

  /** Wipes the SDP of a reply nobody takes. */
  @Override
  public void discardReply(ReplyContent reply) {
    Message.of(ourMId, new TransactionReply(1, false, reply.error(), reply.actions())).close();
  }

  @Override
  public byte[] messageError(int code, String text) {
    return codec.encode(new Message(Message.IQ_VERSION, ourMId,
        new MessageBody.MessageError(ErrorDescriptor.of(ErrorCode.of(code), text))));
  }
}
