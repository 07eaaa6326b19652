package ims.media.srtp.interop;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Deterministic RTP and RTCP packets for the cross-checks: header variety (marker, CSRCs, header extension,
 * padding) and payload sizes from empty to 1,200 bytes, all from a seeded generator so a failure names a
 * reproducible packet.
 */
final class Packets {

  private final SplittableRandom random;

  Packets(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** An RTP packet with the given SSRC and sequence number and a random valid layout. */
  byte[] rtp(int ssrc, int sequenceNumber) {
    int csrcCount = random.nextInt(4) == 0 ? random.nextInt(1, 4) : 0;
    boolean extension = random.nextInt(4) == 0;
    int extensionWords = extension ? random.nextInt(0, 4) : 0;
    int payloadLength = switch (random.nextInt(4)) {
      case 0 -> 160;
      case 1 -> random.nextInt(0, 32);
      case 2 -> random.nextInt(32, 400);
      default -> 1200;
    };
    int padding = random.nextInt(5) == 0 ? random.nextInt(1, 16) : 0;
    int length = 12 + 4 * csrcCount + (extension ? 4 + 4 * extensionWords : 0) + payloadLength + padding;
    ByteBuffer b = ByteBuffer.allocate(length);
    b.put((byte) (0x80 | (padding > 0 ? 0x20 : 0) | (extension ? 0x10 : 0) | csrcCount));
    b.put((byte) ((random.nextBoolean() ? 0x80 : 0) | random.nextInt(0, 128)));
    b.putShort((short) sequenceNumber);
    b.putInt(random.nextInt());
    b.putInt(ssrc);
    for (int i = 0; i < csrcCount; i++) b.putInt(random.nextInt());
    if (extension) {
      b.putShort((short) 0xbede);
      b.putShort((short) extensionWords);
      b.put(bytes(4 * extensionWords));
    }
    b.put(bytes(payloadLength));
    if (padding > 0) {
      b.put(new byte[padding - 1]);
      b.put((byte) padding);
    }
    return b.array();
  }

  /** A small fixed-layout RTP packet (G.711 20 ms: 160-byte payload). */
  byte[] g711(int ssrc, int sequenceNumber) {
    ByteBuffer b = ByteBuffer.allocate(12 + 160);
    b.put((byte) 0x80).put((byte) 8).putShort((short) sequenceNumber).putInt(sequenceNumber * 160).putInt(ssrc);
    b.put(bytes(160));
    return b.array();
  }

  /** A compound RTCP packet: an SR (or RR) from {@code ssrc} with 0-2 report blocks, then an SDES CNAME. */
  byte[] rtcp(int ssrc) {
    boolean sender = random.nextBoolean();
    int blocks = random.nextInt(0, 3);
    int firstWords = 2 + (sender ? 5 : 0) + 6 * blocks; // header + SSRC, sender info, report blocks
    int cnameLength = random.nextInt(1, 20);
    int sdesChunkBytes = 4 + 2 + cnameLength + 1; // SSRC, type+len, text, end item
    int sdesWords = 1 + (sdesChunkBytes + 3) / 4;
    ByteBuffer b = ByteBuffer.allocate(4 * (firstWords + sdesWords));
    b.put((byte) (0x80 | blocks)).put((byte) (sender ? 200 : 201)).putShort((short) (firstWords - 1)).putInt(ssrc);
    b.put(bytes(4 * (firstWords - 2)));
    b.put((byte) 0x81).put((byte) 202).putShort((short) (sdesWords - 1)).putInt(ssrc);
    b.put((byte) 1).put((byte) cnameLength);
    for (int i = 0; i < cnameLength; i++) b.put((byte) random.nextInt('a', 'z' + 1));
    // the rest of the buffer is already zero: the end item and the padding to a 32-bit boundary
    return b.array();
  }

  byte[] bytes(int length) {
    byte[] b = new byte[length];
    random.nextBytes(b);
    return b;
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  int nextInt() {
    return random.nextInt();
  }
}
