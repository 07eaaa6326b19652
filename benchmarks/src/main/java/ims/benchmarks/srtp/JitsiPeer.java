package ims.benchmarks.srtp;

import java.security.GeneralSecurityException;
import java.util.logging.Level;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.srtp.crypto.Aes;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * jitsi-srtp with replay protection on and its AES pinned: {@code "OpenSSL"} (its bundled JNI library over the
 * system's libcrypto, what jitsi-videobridge uses on Linux) or {@code "SunJCE"}. Left alone, jitsi elects the
 * fastest provider by timing one 1,500-byte encryption at start, which on a busy machine picks a different one
 * from fork to fork.
 */
final class JitsiPeer implements SrtpPeer {
  private final SrtpContextFactory senderFactory;
  private final SrtpContextFactory receiverFactory;
  private final SrtpCryptoContext sender;
  private final SrtpCryptoContext receiver;
  private final Packet packet = new Packet();

  JitsiPeer(BenchSuite suite, String aesFactory) {
    Aes.setFactoryClassName(aesFactory);
    var logger = new LoggerImpl(JitsiPeer.class.getName(), Level.WARNING);
    SrtpPolicy policy = suite.aead
        ? new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, suite.keyLength, SrtpPolicy.NULL_AUTHENTICATION, 0,
            suite.tagLength, suite.saltLength)
        : new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, suite.keyLength, SrtpPolicy.HMACSHA1_AUTHENTICATION, 20,
            suite.tagLength, suite.saltLength);
    senderFactory = new SrtpContextFactory(true, suite.masterKey(), suite.masterSalt(), policy, policy, logger);
    receiverFactory = new SrtpContextFactory(false, suite.masterKey(), suite.masterSalt(), policy, policy, logger);
    try {
      sender = senderFactory.deriveContext(SSRC, 0);
      receiver = receiverFactory.deriveContext(SSRC, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("jitsi-srtp context", e);
    }
  }

  @Override
  public int protect(byte[] buf, int length) {
    packet.wrap(buf, length);
    try {
      SrtpErrorStatus status = sender.transformPacket(packet);
      if (status != SrtpErrorStatus.OK) throw new IllegalStateException("jitsi protect: " + status);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("jitsi protect", e);
    }
    return packet.getLength();
  }

  @Override
  public int unprotect(byte[] buf, int length) {
    packet.wrap(buf, length);
    try {
      SrtpErrorStatus status = receiver.reverseTransformPacket(packet, false);
      if (status != SrtpErrorStatus.OK) throw new IllegalStateException("jitsi unprotect: " + status);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("jitsi unprotect", e);
    }
    return packet.getLength();
  }

  @Override
  public void close() {
    senderFactory.close();
    receiverFactory.close();
  }

  /** jitsi's buffer view over the benchmark's array (offset 0); growing past the array is a benchmark bug. */
  private static final class Packet implements org.jitsi.utils.ByteArrayBuffer {
    private byte[] buf;
    private int length;

    void wrap(byte[] buf, int length) {
      this.buf = buf;
      this.length = length;
    }

    @Override public byte[] getBuffer() { return buf; }
    @Override public int getOffset() { return 0; }
    @Override public int getLength() { return length; }
    @Override public void setLength(int length) { this.length = length; }
    @Override public void setOffset(int offset) {
      if (offset != 0) throw new UnsupportedOperationException("offset " + offset);
    }
    @Override public boolean isInvalid() { return false; }
    @Override public void readRegionToBuff(int off, int len, byte[] out) { System.arraycopy(buf, off, out, 0, len); }
    @Override public void grow(int howMuch) {
      if (length + howMuch > buf.length) throw new IllegalStateException("benchmark buffer too small");
    }
    @Override public void append(byte[] data, int len) {
      grow(len);
      System.arraycopy(data, 0, buf, length, len);
      length += len;
    }
    @Override public void shrink(int len) { length = Math.max(0, length - len); }
  }
}
