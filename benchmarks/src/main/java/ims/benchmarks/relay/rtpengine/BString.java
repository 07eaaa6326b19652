package ims.benchmarks.relay.rtpengine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A bencoded byte string; the bytes are copied in and out, so the value is immutable. */
public record BString(byte[] bytes) implements BValue {
  public BString {
    bytes = bytes.clone();
  }

  /** The UTF-8 bytes of {@code text} (ng keys, commands, flags and SDP are ASCII). */
  public static BString of(String text) {
    return new BString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  /** The bytes as UTF-8 text (malformed sequences become U+FFFD). */
  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BString s && Arrays.equals(bytes, s.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "BString[" + bytes.length + " bytes]";
  }
}
