package ims.integration;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The UDP payloads of a classic (libpcap 2.4, microsecond, little-endian) capture of Ethernet/IPv4 frames. */
final class ClassicPcap {
  private static final int MAGIC_MICROS = 0xa1b2c3d4;
  private static final int LINKTYPE_ETHERNET = 1;
  private static final int ETHERTYPE_IPV4 = 0x0800;
  private static final int PROTOCOL_UDP = 17;

  private ClassicPcap() {}

  /** Every UDP payload, in capture order; frames that are not IPv4/UDP are skipped. */
  static List<byte[]> udpPayloads(byte[] pcap) {
    ByteBuffer header = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
    if (pcap.length < 24 || header.getInt(0) != MAGIC_MICROS || header.getInt(20) != LINKTYPE_ETHERNET) {
      throw new IllegalArgumentException("not a little-endian microsecond pcap of Ethernet frames");
    }
    List<byte[]> out = new ArrayList<>();
    int at = 24;
    while (at + 16 <= pcap.length) {
      int captured = header.getInt(at + 8);
      int frame = at + 16;
      at = frame + captured;
      if (at > pcap.length) {
        throw new IllegalArgumentException("truncated record at offset " + (frame - 16));
      }
      ByteBuffer f = ByteBuffer.wrap(pcap).order(ByteOrder.BIG_ENDIAN);
      if (captured < 42 || (f.getShort(frame + 12) & 0xffff) != ETHERTYPE_IPV4
          || (pcap[frame + 23] & 0xff) != PROTOCOL_UDP) {
        continue;
      }
      int ip = frame + 14;
      int udp = ip + 4 * (pcap[ip] & 0x0f);
      int udpLength = f.getShort(udp + 4) & 0xffff;
      out.add(Arrays.copyOfRange(pcap, udp + 8, udp + udpLength));
    }
    return out;
  }
}
