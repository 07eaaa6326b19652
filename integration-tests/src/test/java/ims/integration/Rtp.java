package ims.integration;

import java.nio.ByteBuffer;

/** RTP packets (RFC 3550 fixed header, no CSRC or extension) built by the test, with a recognisable payload. */
final class Rtp {
  static final int PCMA = 8;

  private Rtp() {}

  /** Version 2, marker clear, {@code payloadType}, the three header fields, and {@code size} payload bytes. */
  static byte[] packet(int payloadType, int sequence, long timestamp, int ssrc, int size) {
    ByteBuffer b = ByteBuffer.allocate(12 + size);
    b.put((byte) 0x80).put((byte) payloadType).putShort((short) sequence).putInt((int) timestamp).putInt(ssrc);
    for (int i = 0; i < size; i++) {
      b.put((byte) (sequence * 31 + i * 7 + (ssrc & 0xff)));
    }
    return b.array();
  }

  /**
   * An RTCP sender report (RFC 3550 6.4.1) without report blocks: {@code ssrc}, an NTP timestamp, the RTP
   * timestamp and the sender's packet and octet counts.
   */
  static byte[] senderReport(int ssrc, long ntp, long rtpTimestamp, int packets, int octets) {
    return ByteBuffer.allocate(28).put((byte) 0x80).put((byte) 200).putShort((short) 6).putInt(ssrc).putLong(ntp)
        .putInt((int) rtpTimestamp).putInt(packets).putInt(octets).array();
  }

  static int ssrc(byte[] rtp) {
    return ByteBuffer.wrap(rtp).getInt(8);
  }
}
