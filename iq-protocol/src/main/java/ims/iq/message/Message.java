package ims.iq.message;

import java.util.List;
import java.util.Objects;

/**
 * One H.248 text message (H.248.1 Annex B {@code megacoMessage}): {@code MEGACO/<version> <mId>} followed by either
 * transactions or a message-level error.
 *
 * <p>Local and Remote descriptors may carry SRTP master keys (RFC 4568 {@code a=crypto} lines). {@link #close()} wipes
 * every {@link SdpText} of the message; a message is closed by whoever is done with it (the sender after encoding, the
 * receiver after handling). {@code toString()} redacts the keys.
 */
public record Message(int version, MId mId, MessageBody body) implements AutoCloseable {
  /** The H.248.1 version the Iq profile uses (TS 29.334). */
  public static final int IQ_VERSION = 3;
  public static final int MAX_VERSION = 99;

  public Message {
    if (version < 1 || version > MAX_VERSION) throw new IllegalArgumentException("version out of range: " + version);
    Objects.requireNonNull(mId, "mId");
    Objects.requireNonNull(body, "body");
  }

  /** A version-3 message carrying the given transactions. */
  public static Message of(MId mId, Transaction... transactions) {
    return new Message(IQ_VERSION, mId, new MessageBody.TransactionList(List.of(transactions)));
  }

  /** A version-3 message carrying the given transactions. */
  public static Message of(MId mId, List<? extends Transaction> transactions) {
    return new Message(IQ_VERSION, mId, new MessageBody.TransactionList(List.copyOf(transactions)));
  }

  /** The transactions, or an empty list when the body is a message-level error. */
  public List<Transaction> transactions() {
    return body instanceof MessageBody.TransactionList list ? list.transactions() : List.of();
  }

  /** Every SDP block in the message, in message order. */
  public List<SdpText> sdpBlocks() {
    return SdpBlocks.of(this);
  }

  /** Zero-fills every SDP block of this message; later reads of those blocks fail. Idempotent. */
  @Override
  public void close() {
    for (SdpText sdp : sdpBlocks()) sdp.close();
  }
}
