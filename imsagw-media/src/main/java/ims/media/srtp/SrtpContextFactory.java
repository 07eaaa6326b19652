package ims.media.srtp;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Owns the master keys of one {@link SrtpParameters} (one a=crypto line) and creates the per-SSRC crypto
 * contexts: {@link SrtpSendContext} to protect, {@link SrtpReceiveContext} to unprotect.
 *
 * <p>Copies the key material at construction, so the caller may close its {@link MasterKey}s right away.
 * Contexts derive their own session keys and live on after the factory is closed; each is closed by its owner.
 * Creating contexts is control-plane work (it allocates and keys JCE objects); packet processing is not.
 */
public final class SrtpContextFactory implements AutoCloseable {
  private final SrtpParameters params;
  private final List<MasterKey> ownKeys;
  private final SrtpKeyListener listener;
  private boolean closed;

  public SrtpContextFactory(SrtpParameters params) {
    this(params, SrtpKeyListener.NONE);
  }

  public SrtpContextFactory(SrtpParameters params, SrtpKeyListener listener) {
    Objects.requireNonNull(params, "params");
    this.listener = Objects.requireNonNull(listener, "listener");
    List<MasterKey> copies = new ArrayList<>(params.keys().size());
    for (MasterKey k : params.keys()) {
      copies.add(k.copy());
    }
    this.ownKeys = List.copyOf(copies);
    this.params = new SrtpParameters(params.profile(), ownKeys, params.mkiLength(), params.keyDerivationRate(),
        params.unencryptedSrtp(), params.unencryptedSrtcp(), params.unauthenticatedSrtp(), params.replayWindow());
  }

  public SrtpProfile profile() {
    return params.profile();
  }

  /** A new sender context for {@code ssrc}. */
  public SrtpSendContext newSendContext(int ssrc) throws GeneralSecurityException {
    checkOpen();
    return new SrtpSendContext(params, ssrc, listener);
  }

  /** A new receiver context for {@code ssrc}. */
  public SrtpReceiveContext newReceiveContext(int ssrc) throws GeneralSecurityException {
    checkOpen();
    return new SrtpReceiveContext(params, ssrc, listener);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("SRTP context factory is closed");
    }
  }

  /** Wipes the factory's copies of the master keys. Idempotent; contexts already created are not affected. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      for (MasterKey k : ownKeys) {
        k.close();
      }
    }
  }

  public boolean isClosed() {
    return closed;
  }

  @Override
  public String toString() {
    return "SrtpContextFactory[" + params.profile() + ", keys=" + ownKeys.size() + (closed ? ", closed" : "") + "]";
  }
}
