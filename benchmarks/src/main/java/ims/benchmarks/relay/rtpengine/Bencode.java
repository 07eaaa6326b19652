package ims.benchmarks.relay.rtpengine;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bencoding (BitTorrent BEP 3) as rtpengine's ng protocol uses it. Encoding writes dictionary keys sorted as raw
 * bytes, as BEP 3 asks. Decoding is strict (no leading zeros, no {@code -0}, no duplicate keys, nothing after the
 * value, keys valid UTF-8) and bounded ({@link #MAX_INPUT_BYTES}, {@link #MAX_DEPTH}, integers within {@code long}),
 * but accepts unsorted keys: rtpengine's documentation says it does not sort them.
 */
public final class Bencode {
  /** Larger than any UDP datagram. */
  public static final int MAX_INPUT_BYTES = 1 << 20;
  /** Nesting of lists and dictionaries; ng messages use three levels at most. */
  public static final int MAX_DEPTH = 32;

  private Bencode() {
  }

  public static byte[] encode(BValue value) {
    var out = new ByteArrayOutputStream(256);
    write(value, out);
    return out.toByteArray();
  }

  private static void write(BValue value, ByteArrayOutputStream out) {
    switch (value) {
      case BString s -> writeBytes(s.bytes(), out);
      case BInteger i -> ascii("i" + i.value() + "e", out);
      case BList l -> {
        out.write('l');
        l.items().forEach(item -> write(item, out));
        out.write('e');
      }
      case BDict d -> {
        out.write('d');
        record Entry(byte[] key, BValue value) { }
        d.entries().entrySet().stream()
            .map(e -> new Entry(e.getKey().getBytes(StandardCharsets.UTF_8), e.getValue()))
            .sorted((a, b) -> Arrays.compareUnsigned(a.key(), b.key()))
            .forEachOrdered(e -> {
              writeBytes(e.key(), out);
              write(e.value(), out);
            });
        out.write('e');
      }
    }
  }

  private static void writeBytes(byte[] bytes, ByteArrayOutputStream out) {
    ascii(bytes.length + ":", out);
    out.writeBytes(bytes);
  }

  private static void ascii(String s, ByteArrayOutputStream out) {
    out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
  }

  /** Exactly one value filling {@code in[from, to)}. */
  public static BValue decode(byte[] in, int from, int to) throws BencodeException {
    if (from < 0 || to > in.length || from > to) {
      throw new IndexOutOfBoundsException("range " + from + ".." + to + " of " + in.length);
    }
    if (to - from > MAX_INPUT_BYTES) {
      throw new BencodeException("input of " + (to - from) + " bytes exceeds " + MAX_INPUT_BYTES, from);
    }
    var reader = new Reader(in, from, to);
    BValue value = reader.value(0);
    if (reader.pos != to) {
      throw new BencodeException("trailing bytes after the value", reader.pos);
    }
    return value;
  }

  public static BValue decode(byte[] in) throws BencodeException {
    return decode(in, 0, in.length);
  }

  /** Recursive descent over one input; depth bounded by {@link #MAX_DEPTH}. */
  private static final class Reader {
    private final byte[] in;
    private final int end;
    private int pos;

    Reader(byte[] in, int from, int to) {
      this.in = in;
      this.pos = from;
      this.end = to;
    }

    BValue value(int depth) throws BencodeException {
      int c = peek();
      if (c == 'i') {
        pos++;
        long v = number('e', true);
        return new BInteger(v);
      }
      if (c >= '0' && c <= '9') {
        return new BString(string());
      }
      if (c == 'l' || c == 'd') {
        if (depth >= MAX_DEPTH) {
          throw new BencodeException("nesting deeper than " + MAX_DEPTH, pos);
        }
        pos++;
        return c == 'l' ? list(depth + 1) : dict(depth + 1);
      }
      throw new BencodeException("unexpected byte 0x" + Integer.toHexString(c & 0xff), pos);
    }

    private BList list(int depth) throws BencodeException {
      List<BValue> items = new ArrayList<>();
      while (peek() != 'e') {
        items.add(value(depth));
      }
      pos++;
      return new BList(items);
    }

    private BDict dict(int depth) throws BencodeException {
      Map<String, BValue> entries = new LinkedHashMap<>();
      while (peek() != 'e') {
        int keyAt = pos;
        int c = peek();
        if (c < '0' || c > '9') {
          throw new BencodeException("dictionary key is not a byte string", pos);
        }
        String key = utf8(string(), keyAt);
        if (entries.containsKey(key)) {
          throw new BencodeException("duplicate dictionary key", keyAt);
        }
        entries.put(key, value(depth));
      }
      pos++;
      return new BDict(entries);
    }

    private byte[] string() throws BencodeException {
      int at = pos;
      long length = number(':', false);
      if (length > end - pos) {
        throw new BencodeException("byte string of " + length + " bytes runs past the end", at);
      }
      byte[] bytes = Arrays.copyOfRange(in, pos, pos + (int) length);
      pos += (int) length;
      return bytes;
    }

    /** Decimal digits up to {@code terminator}: a sign only where allowed, no leading zero, no "-0", no overflow. */
    private long number(char terminator, boolean signed) throws BencodeException {
      int start = pos;
      boolean negative = signed && peek() == '-';
      if (negative) {
        pos++;
      }
      int digitsAt = pos;
      long value = 0;                   // accumulated negatively: Long.MIN_VALUE fits
      while (peek() != terminator) {
        int c = in[pos];
        if (c < '0' || c > '9') {
          throw new BencodeException("not a digit in a number", pos);
        }
        if (pos > digitsAt && in[digitsAt] == '0') {
          throw new BencodeException("leading zero in a number", digitsAt);
        }
        if (value < (Long.MIN_VALUE + (c - '0')) / 10) {
          throw new BencodeException("number out of range", start);
        }
        value = value * 10 - (c - '0');
        pos++;
      }
      if (pos == digitsAt) {
        throw new BencodeException("number without digits", start);
      }
      if (negative && value == 0) {
        throw new BencodeException("negative zero", start);
      }
      pos++;                            // the terminator
      if (!negative && value == Long.MIN_VALUE) {
        throw new BencodeException("number out of range", start);
      }
      return negative ? value : -value;
    }

    private int peek() throws BencodeException {
      if (pos >= end) {
        throw new BencodeException("truncated", pos);
      }
      return in[pos];
    }

    private static String utf8(byte[] key, int at) throws BencodeException {
      try {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(key)).toString();
      } catch (CharacterCodingException e) {
        throw new BencodeException("dictionary key is not UTF-8", at);
      }
    }
  }
}
