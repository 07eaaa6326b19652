package ims.iq.transport;

import ims.iq.message.CommandKind;
import ims.iq.message.ErrorCode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The bridge between the transaction layer and a message codec: bytes to transaction parts and back.
 * Implementations are pure and must be safe for concurrent use.
 */
public interface TransactionFraming<Q, R> {

  /** The outcome of decoding one received message. */
  sealed interface Decoded<Q, R> {
    record Parts<Q, R>(List<TransactionPart<Q, R>> parts) implements Decoded<Q, R> {
      public Parts {
        parts = List.copyOf(parts);
      }
    }

    /**
     * Not a valid message. {@code transactionId} is present when the bad part was inside a request
     * whose id was read, so the error can be its reply; {@code isErrorMessage} marks a message-level
     * error from the peer, which is never answered.
     */
    record Undecodable<Q, R>(String reason, OptionalLong transactionId, boolean isErrorMessage)
        implements Decoded<Q, R> {}
  }

  /** Never throws, whatever the bytes. */
  Decoded<Q, R> decode(byte[] message);

  /** One message holding {@code parts} in order (Pending and ResponseAck are put last by the caller). */
  byte[] encode(List<TransactionPart<Q, R>> parts);

  /** A reply body carrying an H.248 error descriptor. */
  R errorReply(int code, String text);

  /** A message-level error (H.248.1 8.2.2), for a message whose transactions could not be read. */
  byte[] messageError(int code, String text);

  /**
   * Called for a decoded request or reply that nobody will take (a duplicate, a late reply, a request
   * dropped by a cap), so key material inside it can be wiped. Default: nothing to wipe.
   */
  default void discardRequest(Q request) {}

  default void discardReply(R reply) {}

  /** The commands a request carries, in order, for {@link TransactionStats#commandsSent()}. Default: none. */
  default List<CommandKind> commandKinds(Q request) {
    return List.of();
  }

  /** The H.248 error a reply carries, if any, for {@link TransactionStats#errorReplies()}. Default: none. */
  default Optional<ErrorCode> errorOf(R reply) {
    return Optional.empty();
  }
}
