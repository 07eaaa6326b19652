package ims.media.srtp;

import java.util.HexFormat;

/** Test helper: hex with spaces allowed. */
final class Hex {
  private Hex() {}

  static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
  }

  static String hex(byte[] b, int off, int len) {
    return HexFormat.of().formatHex(b, off, off + len);
  }
}
