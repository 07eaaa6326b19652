package ims.iq.transport;

import ims.iq.codec.IqDecodeException;
import ims.iq.message.Message;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test stand-in for the text codec while it is being written: a message travels as
 * {@code MEGACO-STUB <n>} and is looked up in a map shared by both ends in the same JVM. Anything
 * else decodes to {@link IqDecodeException}, as garbage does with the real codec.
 */
public final class ObjectPassingCodec implements MessageCodec {
  private static final String PREFIX = "MEGACO-STUB ";
  private final Map<Long, Message> sent = new ConcurrentHashMap<>();
  private final AtomicLong next = new AtomicLong(1);

  @Override
  public byte[] encode(Message message) {
    long id = next.getAndIncrement();
    sent.put(id, message);
    return (PREFIX + id).getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public Message decode(byte[] octets) throws IqDecodeException {
    String text = new String(octets, StandardCharsets.ISO_8859_1);
    if (!text.startsWith(PREFIX) || text.length() > PREFIX.length() + 19) throw new IqDecodeException("not a stub message", 0);
    try {
      Message m = sent.get(Long.parseLong(text.substring(PREFIX.length())));
      if (m == null) throw new IqDecodeException("unknown stub message", PREFIX.length());
      return m;
    } catch (NumberFormatException e) {
      throw new IqDecodeException("not a stub number", PREFIX.length());
    }
  }
}
