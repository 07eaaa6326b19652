package ims.iq.transport;

import ims.iq.message.ErrorCode;
import java.util.Map;

/**
 * Replies to our requests that carried an H.248 error (anywhere: transaction, action or command reply; the first
 * one counts), since start. Codes H.248.8 names ({@link ErrorCode#isKnown()}) are counted one by one, any other code
 * in {@code otherCodes}, so the map stays bounded whatever a peer sends.
 */
public record ErrorReplies(long total, Map<ErrorCode, Long> byKnownCode, long otherCodes) {
  public static final ErrorReplies NONE = new ErrorReplies(0, Map.of(), 0);

  public ErrorReplies {
    byKnownCode = Map.copyOf(byKnownCode);
    if (total < 0 || otherCodes < 0) throw new IllegalArgumentException("negative counts");
  }

  /** Replies that carried {@code code} (0 for a code that never came, or one counted under {@code otherCodes}). */
  public long count(ErrorCode code) {
    return byKnownCode.getOrDefault(code, 0L);
  }
}
