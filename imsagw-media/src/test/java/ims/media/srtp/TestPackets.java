package ims.media.srtp;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;

/** Test helpers: RTP/RTCP packets and context pairs built from literal inputs. */
final class TestPackets {
  static final int SSRC = 0xcafebabe;

  private TestPackets() {}

  /** Version 2 RTP, PT 0, the given sequence number, timestamp 0xdecafbad, SSRC, payload of {@code fill}. */
  static byte[] rtp(int seq, int payloadLength, int fill) {
    byte[] p = new byte[12 + payloadLength];
    p[0] = (byte) 0x80;
    p[2] = (byte) (seq >>> 8);
    p[3] = (byte) seq;
    Bytes.setInt(p, 4, 0xdecafbad);
    Bytes.setInt(p, 8, SSRC);
    Arrays.fill(p, 12, p.length, (byte) fill);
    return p;
  }

  /** A receiver report from SSRC with {@code extraWords} words of body. */
  static byte[] rtcp(int extraWords) {
    byte[] p = new byte[8 + 4 * extraWords];
    p[0] = (byte) 0x80;
    p[1] = (byte) 201;
    p[3] = (byte) (1 + extraWords);
    Bytes.setInt(p, 4, SSRC);
    for (int i = 8; i < p.length; i++) {
      p[i] = (byte) i;
    }
    return p;
  }

  /** {@code packet} copied to the start of a buffer with {@code room} spare bytes. */
  static byte[] withRoom(byte[] packet, int room) {
    return Arrays.copyOf(packet, packet.length + room);
  }

  static byte[] key(SrtpProfile profile, int fill) {
    byte[] k = new byte[profile.masterKeyLength()];
    Arrays.fill(k, (byte) fill);
    return k;
  }

  static byte[] salt(SrtpProfile profile, int fill) {
    byte[] s = new byte[profile.masterSaltLength()];
    Arrays.fill(s, (byte) fill);
    return s;
  }

  static SrtpParameters params(SrtpProfile profile) {
    return SrtpParameters.of(profile, MasterKey.of(key(profile, 0x22), salt(profile, 0x44)));
  }

  static SrtpParameters params(SrtpProfile profile, int mkiLength, int kdr, boolean unencryptedSrtp,
      boolean unencryptedSrtcp, boolean unauthenticatedSrtp, int window, MasterKey... keys) {
    return new SrtpParameters(profile, List.of(keys), mkiLength, kdr, unencryptedSrtp, unencryptedSrtcp,
        unauthenticatedSrtp, window);
  }

  /** A sender and a receiver for SSRC sharing one factory. */
  record Pair(SrtpContextFactory factory, SrtpSendContext tx, SrtpReceiveContext rx) implements AutoCloseable {
    static Pair of(SrtpParameters params) throws GeneralSecurityException {
      SrtpContextFactory f = new SrtpContextFactory(params);
      return new Pair(f, f.newSendContext(SSRC), f.newReceiveContext(SSRC));
    }

    static Pair of(SrtpParameters params, SrtpKeyListener listener) throws GeneralSecurityException {
      SrtpContextFactory f = new SrtpContextFactory(params, listener);
      return new Pair(f, f.newSendContext(SSRC), f.newReceiveContext(SSRC));
    }

    /** Protects RTP seq with a 160-byte payload; returns the SRTP packet (exact length). */
    byte[] protect(int seq) {
      byte[] buf = withRoom(rtp(seq, 160, seq & 0xff), SrtpContext.MAX_TRAILER);
      int n = tx.protectRtp(buf, 0, 172);
      if (n < 0) {
        throw new AssertionError("protect " + seq + ": " + SrtpStatus.ofResult(n));
      }
      return Arrays.copyOf(buf, n);
    }

    /** Unprotects a copy; returns the status. */
    SrtpStatus unprotect(byte[] srtp) {
      byte[] copy = srtp.clone();
      return SrtpStatus.ofResult(rx.unprotectRtp(copy, 0, copy.length));
    }

    @Override
    public void close() {
      tx.close();
      rx.close();
      factory.close();
    }
  }
}
