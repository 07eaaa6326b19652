package ims.media.srtp.interop;

import ims.media.srtp.SrtpProfile;
import java.util.List;

/** libsrtp's side of one SSRC: a sending and a receiving session of one {@link LibSrtpPeer}, same parameters. */
final class LibSrtpStream {

  private final LibSrtpPeer peer;
  private final int sendSid;
  private final int receiveSid;
  private final int ssrc;

  private LibSrtpStream(LibSrtpPeer peer, int sendSid, int ssrc) {
    this.peer = peer;
    this.sendSid = sendSid;
    this.receiveSid = sendSid + 1;
    this.ssrc = ssrc;
  }

  /** Uses session slots {@code sendSid} and {@code sendSid + 1} of the peer. */
  static LibSrtpStream open(LibSrtpPeer peer, int sendSid, SrtpProfile profile, int ssrc, int window, int flags,
      List<LibSrtpPeer.Key> keys) {
    peer.create(sendSid, profile.name(), ssrc, window, flags, keys);
    peer.create(sendSid + 1, profile.name(), ssrc, window, flags, keys);
    return new LibSrtpStream(peer, sendSid, ssrc);
  }

  static LibSrtpStream open(LibSrtpPeer peer, int sendSid, SrtpProfile profile, int ssrc, byte[] keyAndSalt) {
    return open(peer, sendSid, profile, ssrc, 0, 0, List.of(LibSrtpPeer.Key.of(keyAndSalt)));
  }

  void setRoc(long roc) {
    peer.setRoc(sendSid, ssrc, roc);
    peer.setRoc(receiveSid, ssrc, roc);
  }

  long senderRoc() {
    return peer.roc(sendSid, ssrc);
  }

  long receiverRoc() {
    return peer.roc(receiveSid, ssrc);
  }

  JavaSrtpStream.Result protect(byte[] rtp) {
    return JavaSrtpStream.Result.of(peer.protect(sendSid, rtp));
  }

  JavaSrtpStream.Result protect(int mkiIndex, byte[] rtp) {
    return JavaSrtpStream.Result.of(peer.protect(sendSid, mkiIndex, rtp));
  }

  JavaSrtpStream.Result unprotect(byte[] srtp) {
    return JavaSrtpStream.Result.of(peer.unprotect(receiveSid, srtp));
  }

  JavaSrtpStream.Result unprotectWithMki(byte[] srtp) {
    return JavaSrtpStream.Result.of(peer.unprotectWithMki(receiveSid, srtp));
  }

  JavaSrtpStream.Result protectRtcp(byte[] rtcp) {
    return JavaSrtpStream.Result.of(peer.protectRtcp(sendSid, rtcp));
  }

  JavaSrtpStream.Result protectRtcp(int mkiIndex, byte[] rtcp) {
    return JavaSrtpStream.Result.of(peer.protectRtcp(sendSid, mkiIndex, rtcp));
  }

  JavaSrtpStream.Result unprotectRtcp(byte[] srtcp) {
    return JavaSrtpStream.Result.of(peer.unprotectRtcp(receiveSid, srtcp));
  }

  JavaSrtpStream.Result unprotectRtcpWithMki(byte[] srtcp) {
    return JavaSrtpStream.Result.of(peer.unprotectRtcpWithMki(receiveSid, srtcp));
  }
}
