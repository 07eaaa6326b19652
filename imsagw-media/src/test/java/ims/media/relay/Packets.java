package ims.media.relay;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** Test packets built field by field from RFC 3550 (independent of the code under test). */
final class Packets {
  private Packets() {
  }

  /** RTP, V=2, no CSRC/extension, PT 8 (PCMA), {@code payload} bytes of a counting pattern. */
  static byte[] rtp(int seq, int timestamp, int ssrc, int payload) {
    ByteBuffer b = ByteBuffer.allocate(12 + payload);
    b.put((byte) 0x80).put((byte) 8).putShort((short) seq).putInt(timestamp).putInt(ssrc);
    for (int i = 0; i < payload; i++) {
      b.put((byte) (i * 7 + seq));
    }
    return b.array();
  }

  /** RTCP receiver report (PT 201) from {@code ssrc} with one report block about {@code sourceSsrc}. */
  static byte[] rtcpReceiverReport(int ssrc, int sourceSsrc) {
    ByteBuffer b = ByteBuffer.allocate(32);
    b.put((byte) 0x81).put((byte) 201).putShort((short) 7).putInt(ssrc);
    b.putInt(sourceSsrc).putInt(0x01000002).putInt(0x00010203).putInt(17).putInt(0).putInt(0);
    return b.array();
  }

  /** {@code packet} with {@code room} spare bytes after it, for protect. */
  static byte[] withRoom(byte[] packet, int room) {
    return Arrays.copyOf(packet, packet.length + room);
  }
}
