package ims.media.srtp;

import java.security.GeneralSecurityException;
import java.util.function.Consumer;

/** One master key inside a context: its MKI, KDF, SRTP and SRTCP session keys, and its usage against the lifetime. */
final class KeySlot {
  static final long MAX_SRTP_PACKETS = 1L << 48;
  static final long MAX_SRTCP_PACKETS = 1L << 31;

  final int index;
  final byte[] mki;
  final Kdf kdf;
  SessionKeys rtp;
  SessionKeys rtcp;
  /** Receive side with KDR > 0: keys for another r, tried before they replace {@link #rtp}/{@link #rtcp}. */
  SessionKeys spareRtp;
  SessionKeys spareRtcp;
  final long srtpLimit;
  final long srtcpLimit;
  long srtpUsed;
  long srtcpUsed;
  boolean expired;

  KeySlot(int index, MasterKey key, SrtpProfile profile, boolean spares, byte[] tmp, byte[] tmp2)
      throws GeneralSecurityException {
    this.index = index;
    this.mki = key.mki();
    this.kdf = new Kdf(key.keyBytes(), key.saltBytes());
    this.rtp = new SessionKeys(profile, false);
    this.rtcp = new SessionKeys(profile, true);
    if (spares) {
      this.spareRtp = new SessionKeys(profile, false);
      this.spareRtcp = new SessionKeys(profile, true);
    }
    rtp.derive(kdf, 0, tmp, tmp2);
    rtcp.derive(kdf, 0, tmp, tmp2);
    long lifetime = key.lifetime();
    this.srtpLimit = lifetime == MasterKey.DEFAULT_LIFETIME ? MAX_SRTP_PACKETS : Math.min(lifetime, MAX_SRTP_PACKETS);
    this.srtcpLimit = lifetime == MasterKey.DEFAULT_LIFETIME ? MAX_SRTCP_PACKETS
        : Math.min(lifetime, MAX_SRTCP_PACKETS);
  }

  /** Counts one SRTP packet; true if this use reached the lifetime. */
  boolean useSrtp() {
    return ++srtpUsed >= srtpLimit && markExpired();
  }

  boolean useSrtcp() {
    return ++srtcpUsed >= srtcpLimit && markExpired();
  }

  private boolean markExpired() {
    if (expired) {
      return false;
    }
    expired = true;
    return true;
  }

  void forEachSecret(Consumer<byte[]> visitor) {
    kdf.forEachSecret(visitor);
    rtp.forEachSecret(visitor);
    rtcp.forEachSecret(visitor);
    if (spareRtp != null) {
      spareRtp.forEachSecret(visitor);
      spareRtcp.forEachSecret(visitor);
    }
  }

  boolean tablesWiped() {
    return rtp.tablesWiped() && rtcp.tablesWiped() && (spareRtp == null || spareRtp.tablesWiped())
        && (spareRtcp == null || spareRtcp.tablesWiped());
  }

  void wipe() {
    kdf.wipe();
    rtp.wipe();
    rtcp.wipe();
    if (spareRtp != null) {
      spareRtp.wipe();
      spareRtcp.wipe();
    }
  }
}
