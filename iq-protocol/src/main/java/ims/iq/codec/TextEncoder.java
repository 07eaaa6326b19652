package ims.iq.codec;

import ims.iq.message.Message;

/** Writes the text form of one message. Work in progress. */
final class TextEncoder {
  private final TokenStyle style;

  TextEncoder(TokenStyle style) {
    this.style = style;
  }

  String message(Message message) {
    throw new UnsupportedOperationException("encoder not written yet (" + style + ")");
  }
}
