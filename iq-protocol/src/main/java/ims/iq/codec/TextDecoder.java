package ims.iq.codec;

import ims.iq.message.Message;

/** Parses the text form of one message. Work in progress. */
final class TextDecoder {
  private TextDecoder() {
  }

  static Message decode(byte[] octets, DecodeLimits limits) throws IqDecodeException {
    throw new IqDecodeException("decoder not written yet", 0);
  }
}
