package ims.benchmarks.srtp;

/**
 * The SRTP crypto suites the benchmarks measure, with the key sizes every implementation needs. Names are the
 * SDES names (RFC 4568, 6188, 7714), so JMH's {@code suite} parameter, the C benchmark's output and BENCHMARKS.md
 * line up.
 */
enum BenchSuite {
  AES_CM_128_HMAC_SHA1_80(16, 14, 10, false),
  AES_CM_128_HMAC_SHA1_32(16, 14, 4, false),
  AES_192_CM_HMAC_SHA1_80(24, 14, 10, false),
  AES_256_CM_HMAC_SHA1_80(32, 14, 10, false),
  AEAD_AES_128_GCM(16, 12, 16, true),
  AEAD_AES_256_GCM(32, 12, 16, true);

  final int keyLength;
  final int saltLength;
  final int tagLength;
  final boolean aead;

  BenchSuite(int keyLength, int saltLength, int tagLength, boolean aead) {
    this.keyLength = keyLength;
    this.saltLength = saltLength;
    this.tagLength = tagLength;
    this.aead = aead;
  }

  /** Fixed, non-secret benchmark key material: byte i is i*7+3, as in srtp_bench.c. */
  byte[] masterKey() {
    return pattern(0, keyLength);
  }

  byte[] masterSalt() {
    return pattern(keyLength, saltLength);
  }

  private static byte[] pattern(int from, int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) bytes[i] = (byte) ((from + i) * 7 + 3);
    return bytes;
  }
}
