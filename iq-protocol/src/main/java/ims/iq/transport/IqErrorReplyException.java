package ims.iq.transport;

import ims.iq.message.ErrorDescriptor;
import java.util.Objects;

/** The peer answered with an H.248 error descriptor (e.g. 411 unknown context, 445 unsupported property). */
public final class IqErrorReplyException extends IqException {
  private final ErrorDescriptor error;

  public IqErrorReplyException(ErrorDescriptor error) {
    super("Iq error reply " + error.code() + error.text().map(t -> " \"" + t + "\"").orElse(""));
    this.error = Objects.requireNonNull(error, "error");
  }

  public ErrorDescriptor error() {
    return error;
  }

  public int code() {
    return error.code().code();
  }
}
