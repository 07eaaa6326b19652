package ims.benchmarks.srtp;

import ims.media.srtp.MasterKey;
import ims.media.srtp.SrtpContextFactory;
import ims.media.srtp.SrtpParameters;
import ims.media.srtp.SrtpProfile;
import ims.media.srtp.SrtpReceiveContext;
import ims.media.srtp.SrtpSendContext;
import ims.media.srtp.SrtpStatus;
import java.security.GeneralSecurityException;

/** Our engine (ims.media.srtp) on heap arrays: default parameters of an a=crypto line, replay window 128. */
final class ImsPeer implements SrtpPeer {
  private final MasterKey key;
  private final SrtpContextFactory factory;
  private final SrtpSendContext sender;
  private final SrtpReceiveContext receiver;

  ImsPeer(BenchSuite suite) {
    key = MasterKey.of(suite.masterKey(), suite.masterSalt());
    factory = new SrtpContextFactory(SrtpParameters.of(SrtpProfile.valueOf(suite.name()), key));
    try {
      sender = factory.newSendContext(SSRC);
      receiver = factory.newReceiveContext(SSRC);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ims.media.srtp context", e);
    }
  }

  @Override
  public int protect(byte[] buf, int length) {
    int n = sender.protectRtp(buf, 0, length);
    if (n < 0) throw new IllegalStateException("ims protect: " + SrtpStatus.ofResult(n));
    return n;
  }

  @Override
  public int unprotect(byte[] buf, int length) {
    int n = receiver.unprotectRtp(buf, 0, length);
    if (n < 0) throw new IllegalStateException("ims unprotect: " + SrtpStatus.ofResult(n));
    return n;
  }

  @Override
  public void close() {
    sender.close();
    receiver.close();
    factory.close();
    key.close();
  }
}
