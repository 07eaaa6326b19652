package ims.iq.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * TPKT (RFC 1006) framing of H.248 over TCP (H.248.1 Annex D.2): version 3, a reserved octet, and a
 * 16-bit length that counts the 4-octet header. A bad version or a length outside
 * [5, 4 + maxPayload] closes the connection (there is no way to resynchronise a byte stream). One per
 * connection.
 */
final class TpktFrameDecoder extends ByteToMessageDecoder {
  static final int HEADER = 4;
  static final int VERSION = 3;
  private final int maxPayload;
  private final TransportCounters counters;

  TpktFrameDecoder(int maxPayload, TransportCounters counters) {
    this.maxPayload = maxPayload;
    this.counters = counters;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    while (in.readableBytes() >= HEADER) {
      int at = in.readerIndex();
      int version = in.getUnsignedByte(at);
      int length = in.getUnsignedShort(at + 2);
      if (version != VERSION || length <= HEADER || length - HEADER > maxPayload) {
        counters.droppedOversize.increment();
        in.skipBytes(in.readableBytes());
        ctx.close();
        return;
      }
      if (in.readableBytes() < length) return;
      in.skipBytes(HEADER);
      out.add(in.readRetainedSlice(length - HEADER));
    }
  }

  /** Writes one framed message. */
  static void frame(ByteBuf out, byte[] payload) {
    out.writeByte(VERSION).writeByte(0).writeShort(payload.length + HEADER).writeBytes(payload);
  }
}
