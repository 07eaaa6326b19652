package ims.iq.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * A minimal libpcap file writer (link type Ethernet): each payload becomes one IPv4/UDP datagram between
 * 192.0.2.1 and 192.0.2.2, port 2944 (the H.248 text port), so that tshark's megaco dissector picks it up.
 */
final class PcapWriter {
  static final int MEGACO_TEXT_PORT = 2944;

  private PcapWriter() {
  }

  static byte[] udpCapture(List<byte[]> payloads) {
    var out = new ByteArrayOutputStream();
    var header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65_535).putInt(1);
    out.writeBytes(header.array());
    int seconds = 1_700_000_000;
    for (byte[] payload : payloads) {
      byte[] frame = frame(payload);
      var record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
      record.putInt(seconds++).putInt(0).putInt(frame.length).putInt(frame.length);
      out.writeBytes(record.array());
      out.writeBytes(frame);
    }
    return out.toByteArray();
  }

  private static byte[] frame(byte[] payload) {
    int udpLength = 8 + payload.length;
    int ipLength = 20 + udpLength;
    var b = ByteBuffer.allocate(14 + ipLength).order(ByteOrder.BIG_ENDIAN);
    b.put(new byte[] {0x02, 0, 0, 0, 0, 2}).put(new byte[] {0x02, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
    int ipStart = b.position();
    b.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) 0).putShort((short) 0x4000)
        .put((byte) 64).put((byte) 17).putShort((short) 0)
        .put(new byte[] {(byte) 192, 0, 2, 1}).put(new byte[] {(byte) 192, 0, 2, 2});
    b.putShort(ipStart + 10, ipChecksum(b.array(), ipStart));
    b.putShort((short) MEGACO_TEXT_PORT).putShort((short) MEGACO_TEXT_PORT).putShort((short) udpLength)
        .putShort((short) 0);
    b.put(payload);
    return b.array();
  }

  private static short ipChecksum(byte[] bytes, int start) {
    int sum = 0;
    for (int i = start; i < start + 20; i += 2) sum += ((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff);
    while ((sum >> 16) != 0) sum = (sum & 0xffff) + (sum >> 16);
    return (short) ~sum;
  }
}
