package ims.media.relay;

import ims.media.srtp.MasterKey;
import ims.media.srtp.SrtpContext;
import ims.media.srtp.SrtpContextFactory;
import ims.media.srtp.SrtpKeyListener;
import ims.media.srtp.SrtpParameters;
import ims.media.srtp.SrtpReceiveContext;
import ims.media.srtp.SrtpSendContext;
import java.security.GeneralSecurityException;

/**
 * The crypto contexts of one direction of one termination: the SRTP parameters (whose keys this object owns), a
 * context factory, and up to {@code max} per-SSRC contexts derived from the same master key (RFC 3711 section 3.2.1
 * allows several SSRCs under one master key). Lookup is a scan of a small int array: no allocation, no boxing.
 *
 * <p>Confined to the termination's event loop. {@link #close()} wipes every context, the factory's copies and the
 * owned keys, once.
 */
final class SsrcContexts<C extends SrtpContext> implements AutoCloseable {
  /** How a direction makes its context from the factory. */
  @FunctionalInterface
  interface Creator<C extends SrtpContext> {
    C create(SrtpContextFactory factory, int ssrc) throws GeneralSecurityException;
  }

  static final Creator<SrtpReceiveContext> RECEIVE = SrtpContextFactory::newReceiveContext;
  static final Creator<SrtpSendContext> SEND = SrtpContextFactory::newSendContext;

  /** RFC 3711 section 3.4: SRTCP adds the 4-byte E||index word before the MKI and tag. */
  private static final int SRTCP_INDEX = 4;

  private final SrtpParameters params;
  private final SrtpContextFactory factory;
  private final Creator<C> creator;
  private final int[] ssrcs;
  private final SrtpContext[] contexts;
  private final int srtpTrailer;
  private final int srtcpTrailer;
  private int count;
  private boolean closed;

  /** {@code keyListener} hears, on the loop, when a master key of {@code params} reaches its lifetime. */
  SsrcContexts(SrtpParameters params, Creator<C> creator, int max, SrtpKeyListener keyListener) {
    this.params = params;
    this.factory = new SrtpContextFactory(params, keyListener);
    this.creator = creator;
    this.ssrcs = new int[max];
    this.contexts = new SrtpContext[max];
    this.srtpTrailer = params.mkiLength() + params.srtpTagLength();
    this.srtcpTrailer = SRTCP_INDEX + params.mkiLength() + params.profile().srtcpTagLength();
  }

  /** The parameters (and keys) this object was made from; equal parameters mean the same key. */
  SrtpParameters params() {
    return params;
  }

  /** The committed context of {@code ssrc}, or null. */
  @SuppressWarnings("unchecked")
  C find(int ssrc) {
    for (int i = 0; i < count; i++) {
      if (ssrcs[i] == ssrc) {
        return (C) contexts[i];
      }
    }
    return null;
  }

  boolean isFull() {
    return count == ssrcs.length;
  }

  int size() {
    return count;
  }

  /**
   * A new context for {@code ssrc}, not yet committed (the caller commits it once a packet authenticated, else closes
   * it); null when the JCE refused the keys (an environment failure, counted by the caller).
   */
  C create(int ssrc) {
    try {
      return creator.create(factory, ssrc);
    } catch (GeneralSecurityException | IllegalStateException e) {
      return null;
    }
  }

  void commit(int ssrc, C context) {
    if (isFull()) {
      throw new IllegalStateException("SSRC table full");
    }
    ssrcs[count] = ssrc;
    contexts[count] = context;
    count++;
  }

  /** Bytes protect appends to an RTP (or RTCP) packet. */
  int trailerLength(boolean rtcp) {
    return rtcp ? srtcpTrailer : srtpTrailer;
  }

  boolean isClosed() {
    if (!closed || !factory.isClosed()) {
      return false;
    }
    for (int i = 0; i < count; i++) {
      if (!contexts[i].isClosed()) {
        return false;
      }
    }
    for (MasterKey k : params.keys()) {
      if (!k.isClosed()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = 0; i < count; i++) {
      contexts[i].close();
    }
    factory.close();
    closeKeys(params);
  }

  static void closeKeys(SrtpParameters params) {
    for (MasterKey k : params.keys()) {
      k.close();
    }
  }
}
