package ims.benchmarks.srtp;

/** Our engine (ims.media.srtp). Wired once its API is committed. */
final class ImsPeer implements SrtpPeer {
  ImsPeer(BenchSuite suite) {
    throw new UnsupportedOperationException("ims.media.srtp not available yet");
  }

  @Override public int protect(byte[] buf, int length) { throw new UnsupportedOperationException(); }
  @Override public int unprotect(byte[] buf, int length) { throw new UnsupportedOperationException(); }
  @Override public void close() {}
}
