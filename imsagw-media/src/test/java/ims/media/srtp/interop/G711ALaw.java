package ims.media.srtp.interop;

/**
 * G.711 A-law expansion, written from ITU-T G.711 (11/88) §3 and Table 1a: the transmitted character has its
 * even bits inverted (XOR 0x55); bit 1 is the polarity (1 = positive), bits 2-4 the segment, bits 5-8 the
 * quantization interval. Table 1a's decoder output for segment 0 (intervals of 2 starting at 0) is 2i+1, and for
 * segment s >= 1 it is (2^(s)) * (i + 16.5), in units where the overload point is 4096. This returns those
 * values scaled by 8 (16-bit PCM), so the largest magnitude is 4032 * 8 = 32256.
 */
final class G711ALaw {

  private G711ALaw() {}

  static int decode(int character) {
    int c = (character & 0xff) ^ 0x55;
    boolean positive = (c & 0x80) != 0;
    int segment = (c >> 4) & 0x07;
    int interval = c & 0x0f;
    // in half-units of Table 1a (so 16.5 stays integral), then scaled to 16 bit: *8/2 = *4
    int halfUnits = segment == 0 ? 2 * (2 * interval + 1) : (2 * interval + 33) << segment;
    int magnitude = halfUnits * 4;
    return positive ? magnitude : -magnitude;
  }
}
