package ims.iq.transport;

import ims.iq.codec.IqCodec;
import ims.iq.codec.IqDecodeException;
import ims.iq.message.Message;

/** Bytes to {@link Message} and back; {@link #TEXT} is the H.248.1 Annex B text codec. Safe for concurrent use. */
public interface MessageCodec {
  MessageCodec TEXT = new MessageCodec() {
    @Override
    public byte[] encode(Message message) {
      return IqCodec.encodeToBytes(message);
    }

    @Override
    public Message decode(byte[] octets) throws IqDecodeException {
      return IqCodec.decode(octets);
    }
  };

  byte[] encode(Message message);

  /** Throws nothing but {@link IqDecodeException}, whatever the input. */
  Message decode(byte[] octets) throws IqDecodeException;
}
