package ims.benchmarks.srtp;

/**
 * One implementation's send and receive context for one SRTP stream, driven in place on a heap buffer that has
 * room for the tag. A failure throws: a benchmark must never time the failure path by accident, and building the
 * exception only on failure keeps the success path allocation-free.
 */
interface SrtpPeer extends AutoCloseable {

  int SSRC = 0xdeadbeef;

  /** JVM options of the "ims-opens" configuration (see run-srtp.sh). */
  String ADD_OPENS = "--add-opens=java.base/sun.security.provider=ALL-UNNAMED "
      + "--add-opens=java.base/com.sun.crypto.provider=ALL-UNNAMED";

  /** Protects the RTP packet in {@code buf[0, length)}; returns the SRTP packet's length. */
  int protect(byte[] buf, int length);

  /** Unprotects the SRTP packet in {@code buf[0, length)}; returns the RTP packet's length. */
  int unprotect(byte[] buf, int length);

  @Override
  void close();

  static SrtpPeer create(String implementation, BenchSuite suite) {
    return switch (implementation) {
      case "ims" -> new ImsPeer(suite);
      case "ims-opens" -> {
        // Our engine with java.base opened to it (SHA-1 midstate HMAC, CLMUL GHASH): the JVM must be started
        // with --add-opens java.base/sun.security.provider and java.base/com.sun.crypto.provider.
        Module base = Object.class.getModule(), us = SrtpPeer.class.getModule();
        if (!base.isOpen("sun.security.provider", us) || !base.isOpen("com.sun.crypto.provider", us)) {
          throw new IllegalStateException("ims-opens needs " + ADD_OPENS);
        }
        yield new ImsPeer(suite);
      }
      case "jitsi" -> new JitsiPeer(suite, "OpenSSL");
      case "jitsi-jce" -> new JitsiPeer(suite, "SunJCE");
      default -> throw new IllegalArgumentException("unknown implementation: " + implementation);
    };
  }
}
