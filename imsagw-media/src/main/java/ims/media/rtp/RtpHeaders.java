package ims.media.rtp;

import io.netty.buffer.ByteBuf;

/**
 * Reads the few RTP (RFC 3550 section 5.1) and RTCP (section 6.4) header fields the relay needs, straight from a
 * {@link ByteBuf}'s readable bytes, without allocating and without moving its indices. Callers check
 * {@link #isWellFormed} before reading a field. The array forms read a packet copied to {@code packet[0..length)}
 * (the relay's packet path works on such a copy: no reference-count and bounds checks per byte).
 */
public final class RtpHeaders {
  /** Fixed RTP header: V/P/X/CC, M/PT, sequence number, timestamp, SSRC. */
  public static final int RTP_HEADER = 12;
  /** Fixed RTCP header: V/P/RC, PT, length, SSRC of the sender. */
  public static final int RTCP_HEADER = 8;

  private RtpHeaders() {
  }

  /** Long enough for the fixed header of its kind, and version 2. */
  public static boolean isWellFormed(ByteBuf buf, boolean rtcp) {
    return buf.readableBytes() >= (rtcp ? RTCP_HEADER : RTP_HEADER)
        && (buf.getUnsignedByte(buf.readerIndex()) & 0xC0) == 0x80;
  }

  /**
   * RFC 5761 section 4: on a multiplexed port, a second octet of 192..223 (RTCP packet types SR, RR, SDES, BYE, APP,
   * ...) is RTCP; RTP payload types 64..95 that would collide are not used. Needs two readable bytes.
   */
  public static boolean isRtcpOnMuxedPort(ByteBuf buf) {
    if (buf.readableBytes() < 2) {
      return false;
    }
    int second = buf.getUnsignedByte(buf.readerIndex() + 1);
    return second >= 192 && second <= 223;
  }

  /** SSRC of an RTP packet, or the sender SSRC of an RTCP packet. */
  public static int ssrc(ByteBuf buf, boolean rtcp) {
    return buf.getInt(buf.readerIndex() + (rtcp ? 4 : 8));
  }

  /** RTP sequence number (unsigned 16 bits). */
  public static int sequenceNumber(ByteBuf buf) {
    return buf.getUnsignedShort(buf.readerIndex() + 2);
  }

  /** RTP timestamp (unsigned 32 bits, as the int's bits). */
  public static int timestamp(ByteBuf buf) {
    return buf.getInt(buf.readerIndex() + 4);
  }

  /** RTP payload type (7 bits). */
  public static int payloadType(ByteBuf buf) {
    return buf.getUnsignedByte(buf.readerIndex() + 1) & 0x7F;
  }

  /** {@link #isWellFormed(ByteBuf, boolean)} of the packet in {@code packet[0..length)}. */
  public static boolean isWellFormed(byte[] packet, int length, boolean rtcp) {
    return length >= (rtcp ? RTCP_HEADER : RTP_HEADER) && (packet[0] & 0xC0) == 0x80;
  }

  /** {@link #isRtcpOnMuxedPort(ByteBuf)} of the packet in {@code packet[0..length)}. */
  public static boolean isRtcpOnMuxedPort(byte[] packet, int length) {
    if (length < 2) {
      return false;
    }
    int second = packet[1] & 0xFF;
    return second >= 192 && second <= 223;
  }

  /** {@link #ssrc(ByteBuf, boolean)} of a well-formed packet at the start of {@code packet}. */
  public static int ssrc(byte[] packet, boolean rtcp) {
    int i = rtcp ? 4 : 8;
    return (packet[i] & 0xFF) << 24 | (packet[i + 1] & 0xFF) << 16 | (packet[i + 2] & 0xFF) << 8 | packet[i + 3] & 0xFF;
  }
}
