package ims.media.srtp.interop;

import java.util.HexFormat;

/** RFC 6188 section 7.4, "Key Derivation Test Vectors" for AES-192 (published values). */
final class Rfc6188 {
  static final byte[] AES_192_MASTER_KEY = HexFormat.of().parseHex("73edc66c4fa15776fb57f9505c17136550ffda71f3e8e5f1");
  static final byte[] AES_192_MASTER_SALT = HexFormat.of().parseHex("c8522f3acd4ce86d5add78edbb11");
  static final String AES_192_CIPHER_KEY = "31874736a8f1143870c26e4857d8a5b2c4a354407faadabb";
  static final String AES_192_CIPHER_SALT = "2372b82d639b6d8503a47adc0a6c";
  static final String AES_192_AUTH_KEY = "355b10973cd95b9eacf4061c7e1a7151e7cfbfcb";

  private Rfc6188() {}
}
