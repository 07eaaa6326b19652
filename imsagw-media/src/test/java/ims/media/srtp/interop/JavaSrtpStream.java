package ims.media.srtp.interop;

import ims.media.srtp.MasterKey;
import ims.media.srtp.SrtpContextFactory;
import ims.media.srtp.SrtpParameters;
import ims.media.srtp.SrtpProfile;
import ims.media.srtp.SrtpReceiveContext;
import ims.media.srtp.SrtpSendContext;
import ims.media.srtp.SrtpStatus;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The engine under test for one SSRC: a send and a receive context made from the same parameters as a libsrtp
 * session of {@link LibSrtpPeer}, driven through the {@code byte[]} API with the trailer's room after the packet.
 */
final class JavaSrtpStream implements AutoCloseable {

  /** Room left after every packet: more than the largest trailer (SRTCP index + MKI + tag). */
  private static final int ROOM = 4 + 128 + 16 + 16;

  /**
   * The outcome of one packet call of either implementation: the output packet when accepted; when rejected,
   * for the Java engine the buffer as the call left it (the input, if the engine keeps its promise), for libsrtp
   * nothing.
   */
  record Result(Verdict verdict, String detail, byte[] bytes) {
    Result {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    boolean accepted() {
      return verdict == Verdict.ACCEPTED;
    }

    static Result of(LibSrtpPeer.Answer answer) {
      return new Result(Verdict.ofLibsrtp(answer.status()), "libsrtp " + answer.status() + " " + answer.code(),
          answer.bytes());
    }

    @Override
    public String toString() {
      return verdict + " (" + detail + ")" + (bytes.length == 0 ? "" : " " + HexFormat.of().formatHex(bytes));
    }
  }

  private final SrtpSendContext send;
  private final SrtpReceiveContext receive;

  private JavaSrtpStream(SrtpSendContext send, SrtpReceiveContext receive) {
    this.send = send;
    this.receive = receive;
  }

  static JavaSrtpStream open(SrtpProfile profile, int ssrc, byte[] keyAndSalt) {
    return open(profile, ssrc, 0, 0, List.of(LibSrtpPeer.Key.of(keyAndSalt)));
  }

  /** Same meaning of {@code window} (0 = 128) and {@code flags} as {@link LibSrtpPeer#create}. */
  static JavaSrtpStream open(SrtpProfile profile, int ssrc, int window, int flags, List<LibSrtpPeer.Key> keys) {
    return open(profile, ssrc, window, flags, 0, keys);
  }

  /** With an RFC 3711 key derivation rate (0 or a power of two), which libsrtp 2 cannot express. */
  static JavaSrtpStream open(SrtpProfile profile, int ssrc, int window, int flags, int keyDerivationRate,
      List<LibSrtpPeer.Key> keys) {
    var masterKeys = new ArrayList<MasterKey>();
    for (LibSrtpPeer.Key k : keys) {
      masterKeys.add(MasterKey.fromKeySalt(k.keyAndSalt(), profile.masterKeyLength(), k.mki(), 0));
    }
    var params = new SrtpParameters(profile, masterKeys, masterKeys.getFirst().mkiLength(), keyDerivationRate,
        (flags & LibSrtpPeer.UNENCRYPTED_SRTP) != 0, (flags & LibSrtpPeer.UNENCRYPTED_SRTCP) != 0,
        (flags & LibSrtpPeer.UNAUTHENTICATED_SRTP) != 0, window == 0 ? SrtpParameters.DEFAULT_REPLAY_WINDOW : window);
    try (var factory = new SrtpContextFactory(params)) {
      return new JavaSrtpStream(factory.newSendContext(ssrc), factory.newReceiveContext(ssrc));
    } catch (GeneralSecurityException e) {
      throw new AssertionError("JCE cannot key " + profile, e);
    } finally {
      masterKeys.forEach(MasterKey::close);
    }
  }

  SrtpSendContext send() {
    return send;
  }

  SrtpReceiveContext receive() {
    return receive;
  }

  /** Sets the ROC of both contexts (libsrtp: {@link LibSrtpPeer#setRoc} on both sessions). */
  void setRoc(long roc) {
    send.setRolloverCounter(roc);
    receive.setRolloverCounter(roc);
  }

  Result protect(byte[] rtp) {
    byte[] buf = Arrays.copyOf(rtp, rtp.length + ROOM);
    return result(send.protectRtp(buf, 0, rtp.length), buf, rtp.length);
  }

  Result unprotect(byte[] srtp) {
    byte[] buf = srtp.clone();
    return result(receive.unprotectRtp(buf, 0, buf.length), buf, buf.length);
  }

  Result protectRtcp(byte[] rtcp) {
    byte[] buf = Arrays.copyOf(rtcp, rtcp.length + ROOM);
    return result(send.protectRtcp(buf, 0, rtcp.length), buf, rtcp.length);
  }

  Result unprotectRtcp(byte[] srtcp) {
    byte[] buf = srtcp.clone();
    return result(receive.unprotectRtcp(buf, 0, buf.length), buf, buf.length);
  }

  /** On failure the bytes are the caller's buffer after the call, which must still hold the input. */
  private static Result result(int n, byte[] buf, int inputLength) {
    SrtpStatus status = SrtpStatus.ofResult(n);
    return new Result(Verdict.ofJava(status), "java " + status, Arrays.copyOf(buf, n >= 0 ? n : inputLength));
  }

  @Override
  public void close() {
    send.close();
    receive.close();
  }
}
