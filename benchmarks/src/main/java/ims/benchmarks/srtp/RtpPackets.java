package ims.benchmarks.srtp;

/** Writes the benchmark's RTP packets: the same header and payload bytes as srtp_bench.c. */
final class RtpPackets {
  static final int HEADER_LENGTH = 12;
  /** Room after the payload for any tag and MKI. */
  static final int TRAILER_ROOM = 64;

  private RtpPackets() {}

  static byte[] newBuffer(int payloadLength) {
    return new byte[HEADER_LENGTH + payloadLength + TRAILER_ROOM];
  }

  /** V=2, PT 8 (PCMA), no CSRC or extension, SSRC {@link SrtpPeer#SSRC}, a patterned payload. */
  static void write(byte[] buf, int sequence, int payloadLength) {
    buf[0] = (byte) 0x80;
    buf[1] = 8;
    setSequence(buf, sequence);
    int timestamp = sequence * 160;
    putInt(buf, 4, timestamp);
    putInt(buf, 8, SrtpPeer.SSRC);
    for (int i = 0; i < payloadLength; i++) buf[HEADER_LENGTH + i] = (byte) (0xd5 ^ i);
  }

  static void setSequence(byte[] buf, int sequence) {
    buf[2] = (byte) (sequence >>> 8);
    buf[3] = (byte) sequence;
  }

  private static void putInt(byte[] buf, int at, int value) {
    buf[at] = (byte) (value >>> 24);
    buf[at + 1] = (byte) (value >>> 16);
    buf[at + 2] = (byte) (value >>> 8);
    buf[at + 3] = (byte) value;
  }
}
