package ims.media.srtp.interop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The least pcap reader the capture tests need: classic libpcap files (not pcapng), either byte order,
 * micro- or nanosecond timestamps; link types Ethernet (1, with optional 802.1Q tags) and Linux cooked
 * capture v1 (113); IPv4 without fragments; UDP. Anything else in the file is counted as skipped, not parsed.
 */
final class ClassicPcap {

  static final int LINKTYPE_ETHERNET = 1, LINKTYPE_LINUX_SLL = 113;
  private static final int MAGIC_MICROS = 0xa1b2c3d4, MAGIC_NANOS = 0xa1b23c4d;
  private static final int ETHERTYPE_IPV4 = 0x0800, ETHERTYPE_VLAN = 0x8100;
  private static final int IP_PROTO_UDP = 17;

  /** One UDP datagram as captured: addresses as int, ports, payload copy. */
  record UdpDatagram(long timestampMicros, int srcAddress, int srcPort, int dstAddress, int dstPort, byte[] payload) {
    UdpDatagram {
      payload = payload.clone();
    }

    @Override
    public byte[] payload() {
      return payload.clone();
    }
  }

  /** What a file held: its link type, every UDP datagram, and how many records were not IPv4/UDP. */
  record Capture(int linkType, List<UdpDatagram> datagrams, int skippedRecords) {
    Capture {
      datagrams = List.copyOf(datagrams);
    }
  }

  private ClassicPcap() {}

  static Capture read(Path file) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
    if (in.remaining() < 24) throw new IOException("not a pcap file (shorter than the global header): " + file);
    in.order(ByteOrder.LITTLE_ENDIAN);
    int magic = in.getInt(0);
    if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
      in.order(ByteOrder.BIG_ENDIAN);
      magic = in.getInt(0);
    }
    if (magic != MAGIC_MICROS && magic != MAGIC_NANOS) {
      throw new IOException("not a classic pcap file, magic " + Integer.toHexString(in.getInt(0)));
    }
    boolean nanos = magic == MAGIC_NANOS;
    int linkType = in.getInt(20);
    if (linkType != LINKTYPE_ETHERNET && linkType != LINKTYPE_LINUX_SLL) {
      throw new IOException("unsupported link type " + linkType);
    }
    in.position(24);
    var datagrams = new ArrayList<UdpDatagram>();
    int skipped = 0;
    while (in.remaining() >= 16) {
      long seconds = Integer.toUnsignedLong(in.getInt());
      long fraction = Integer.toUnsignedLong(in.getInt());
      int capturedLength = in.getInt();
      int originalLength = in.getInt();
      if (capturedLength < 0 || capturedLength > in.remaining()) {
        throw new IOException("truncated record at offset " + (in.position() - 16));
      }
      byte[] frame = new byte[capturedLength];
      in.get(frame);
      long micros = seconds * 1_000_000 + (nanos ? fraction / 1000 : fraction);
      UdpDatagram datagram = capturedLength == originalLength ? udp(frame, linkType, micros) : null;
      if (datagram == null) skipped++;
      else datagrams.add(datagram);
    }
    return new Capture(linkType, datagrams, skipped);
  }

  /** The UDP datagram in a link-layer frame, or null when the frame is something else. */
  private static UdpDatagram udp(byte[] frame, int linkType, long micros) {
    ByteBuffer b = ByteBuffer.wrap(frame); // network byte order
    int etherType;
    int offset;
    if (linkType == LINKTYPE_ETHERNET) {
      if (frame.length < 14) return null;
      offset = 12;
      etherType = b.getShort(offset) & 0xffff;
      offset += 2;
      while (etherType == ETHERTYPE_VLAN && frame.length >= offset + 4) {
        etherType = b.getShort(offset + 2) & 0xffff;
        offset += 4;
      }
    } else { // Linux cooked v1: packet type, ARPHRD, address length, 8 address bytes, protocol
      if (frame.length < 16) return null;
      etherType = b.getShort(14) & 0xffff;
      offset = 16;
    }
    if (etherType != ETHERTYPE_IPV4 || frame.length < offset + 20) return null;
    int versionAndIhl = frame[offset] & 0xff;
    int headerLength = (versionAndIhl & 0x0f) * 4;
    int totalLength = b.getShort(offset + 2) & 0xffff;
    int flagsAndFragment = b.getShort(offset + 6) & 0xffff;
    boolean fragmented = (flagsAndFragment & 0x2000) != 0 || (flagsAndFragment & 0x1fff) != 0;
    if (versionAndIhl >> 4 != 4 || headerLength < 20 || fragmented || (frame[offset + 9] & 0xff) != IP_PROTO_UDP
        || totalLength < headerLength + 8 || offset + totalLength > frame.length) {
      return null;
    }
    int src = b.getInt(offset + 12), dst = b.getInt(offset + 16);
    int udp = offset + headerLength;
    int udpLength = b.getShort(udp + 4) & 0xffff;
    if (udpLength < 8 || udpLength > totalLength - headerLength) return null;
    return new UdpDatagram(micros, src, b.getShort(udp) & 0xffff, dst, b.getShort(udp + 2) & 0xffff,
        Arrays.copyOfRange(frame, udp + 8, udp + udpLength));
  }
}
