package ims.iq.codec;

import ims.iq.message.Message;
import java.nio.charset.StandardCharsets;

/**
 * The H.248.1 Annex B text encoding (RFC 3525 / H.248.1 v3 ABNF) of {@link Message} values. Pure functions: no I/O,
 * no state, safe for concurrent use.
 */
public final class IqCodec {
  private IqCodec() {
  }

  /** Long tokens, pretty layout. */
  public static String encode(Message message) {
    return encode(message, TokenStyle.PRETTY);
  }

  public static String encode(Message message, TokenStyle style) {
    return new TextEncoder(style).message(message);
  }

  /** The encoded message as UTF-8 octets; the caller owns the array and may wipe it after sending. */
  public static byte[] encodeToBytes(Message message, TokenStyle style) {
    return encode(message, style).getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] encodeToBytes(Message message) {
    return encodeToBytes(message, TokenStyle.PRETTY);
  }

  public static Message decode(byte[] octets) throws IqDecodeException {
    return decode(octets, DecodeLimits.DEFAULT);
  }

  /** Decodes one message; throws nothing but {@link IqDecodeException} whatever the input. */
  public static Message decode(byte[] octets, DecodeLimits limits) throws IqDecodeException {
    return TextDecoder.decode(octets, limits);
  }

  public static Message decode(String text) throws IqDecodeException {
    return decode(text.getBytes(StandardCharsets.UTF_8), DecodeLimits.DEFAULT);
  }
}
