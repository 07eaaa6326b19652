package ims.media.srtp.interop;

/** Where an RTP packet's payload lies (RFC 3550 5.1: fixed header, CSRCs, extension, padding). Test helper. */
final class RtpLayout {

  private RtpLayout() {}

  static int payloadOffset(byte[] rtp, int length) {
    int offset = 12 + 4 * (rtp[0] & 0x0f);
    if ((rtp[0] & 0x10) != 0) offset += 4 + 4 * (((rtp[offset + 2] & 0xff) << 8) | (rtp[offset + 3] & 0xff));
    if (offset > length) throw new IllegalArgumentException("RTP header runs past the packet");
    return offset;
  }

  /** Payload length without padding; for a packet that is still encrypted the padding count is meaningless. */
  static int payloadLength(byte[] rtp, int length, boolean decrypted) {
    int padding = decrypted && (rtp[0] & 0x20) != 0 ? rtp[length - 1] & 0xff : 0;
    return length - payloadOffset(rtp, length) - padding;
  }

  static int sequenceNumber(byte[] rtp) {
    return ((rtp[2] & 0xff) << 8) | (rtp[3] & 0xff);
  }
}
