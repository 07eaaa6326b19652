package ims.media.srtp;

import io.netty.buffer.ByteBuf;
import java.security.GeneralSecurityException;

/**
 * Receiver side of one SSRC: SRTP to RTP ({@link #unprotectRtp}) and SRTCP to RTCP ({@link #unprotectRtcp}).
 *
 * <p>Order of checks, as libsrtp's {@code srtp_unprotect}: header → SSRC → MKI → index estimate → replay window
 * (read only) → key lifetime → tag, in constant time, before any decryption → decrypt → padding → commit
 * (window, ROC, key usage). A packet that fails any step changes neither its bytes nor this context, except
 * the failure counters.
 *
 * <p><b>Loss bursts.</b> After more than 2^15 consecutive lost packets the RFC 3711 estimate is one ROC short and
 * every later packet would fail (as {@code AUTH_FAIL}, or as {@code REPLAY_OLD} when the estimate went one ROC
 * back). After {@value #RECOVERY_AFTER_FAILURES} such failures in a row, each further failing packet is also
 * tried at the estimate's ROC + 1 and ROC - 1 (at most two extra tag checks per packet, none for an index the
 * replay window rejects); a packet that authenticates there is accepted and its ROC adopted. {@link #rocRecoveries()} counts these. A loss of more than 2^16 packets is not recovered.
 */
public final class SrtpReceiveContext extends SrtpContext {
  /** Consecutive authentication failures after which ROC +/- 1 is tried. */
  public static final int RECOVERY_AFTER_FAILURES = 4;

  private static final Op UNPROTECT_RTP = (c, b, o, l, r) -> ((SrtpReceiveContext) c).unprotectRtp0(b, o, l);
  private static final Op UNPROTECT_RTCP = (c, b, o, l, r) -> ((SrtpReceiveContext) c).unprotectRtcp0(b, o, l);
  private static final long ROC_STEP = 1L << 16;
  private static final long MAX_INDEX = (1L << 48) - 1;

  private final RtpIndexTracker rtpIndex;
  private final ReplayWindow rtcpWindow;
  private int authFailureRun;
  private long rocRecoveries;

  SrtpReceiveContext(SrtpParameters params, int ssrc, SrtpKeyListener listener) throws GeneralSecurityException {
    super(params, ssrc, listener, params.keyDerivationRate() > 0);
    this.rtpIndex = new RtpIndexTracker(params.replayWindow());
    this.rtcpWindow = new ReplayWindow(params.replayWindow());
  }

  /**
   * Verifies and decrypts the SRTP packet {@code buf[off..off+len)} in place.
   *
   * @return the RTP packet length (MKI and tag removed), or a negative {@link SrtpStatus#code()}
   */
  public int unprotectRtp(byte[] buf, int off, int len) {
    checkRange(buf, off, len);
    return unprotectRtp0(buf, off, len);
  }

  /** Unprotects the readable bytes of {@code buf} in place and moves {@code writerIndex} back. */
  public SrtpStatus unprotectRtp(ByteBuf buf) {
    return onByteBuf(buf, UNPROTECT_RTP);
  }

  /**
   * Verifies and decrypts the SRTCP packet {@code buf[off..off+len)} in place.
   *
   * @return the RTCP packet length (index, MKI and tag removed), or a negative {@link SrtpStatus#code()}
   */
  public int unprotectRtcp(byte[] buf, int off, int len) {
    checkRange(buf, off, len);
    return unprotectRtcp0(buf, off, len);
  }

  public SrtpStatus unprotectRtcp(ByteBuf buf) {
    return onByteBuf(buf, UNPROTECT_RTCP);
  }

  /**
   * Sets the rollover counter: before the first packet, the first packet is taken as {@code roc || SEQ}
   * (RFC 4568 initial ROC, or a stream handed over from another context); later, the highest SEQ continues
   * under this ROC and the replay window restarts.
   */
  public void setRolloverCounter(long roc) {
    SrtpSendContext.checkRoc(roc);
    rtpIndex.setRoc(roc);
  }

  /** ROC of the highest SRTP index accepted (or the initial ROC). */
  public long rolloverCounter() {
    return rtpIndex.roc();
  }

  /** Highest SRTP index accepted so far, -1 before the first packet. */
  public long highestSrtpIndex() {
    return rtpIndex.window.started() ? rtpIndex.window.highest() : -1;
  }

  /** Highest SRTCP index accepted so far, -1 before the first packet. */
  public long highestSrtcpIndex() {
    return rtcpWindow.started() ? rtcpWindow.highest() : -1;
  }

  /** Packets accepted at ROC +/- 1 after a run of authentication failures (loss-burst recovery). */
  public long rocRecoveries() {
    return rocRecoveries;
  }

  /** Session keys of {@code slot} for {@code index}: the slot's own, or its spare derived for another r. */
  private SessionKeys keysFor(KeySlot slot, boolean srtcp, long index) throws GeneralSecurityException {
    SessionKeys own = srtcp ? slot.rtcp : slot.rtp;
    long r = r(index);
    if (own.derivedFor == r) {
      return own;
    }
    SessionKeys spare = srtcp ? slot.spareRtcp : slot.spareRtp;
    if (spare.derivedFor != r) {
      spare.derive(slot.kdf, r, tmp, tmp2);
    }
    return spare;
  }

  /** After success with a slot's spare keys, they become its current keys (KDR re-derivation committed). */
  private static void adopt(KeySlot slot, boolean srtcp, SessionKeys used) {
    if (srtcp && used == slot.spareRtcp) {
      slot.spareRtcp = slot.rtcp;
      slot.rtcp = used;
    } else if (!srtcp && used == slot.spareRtp) {
      slot.spareRtp = slot.rtp;
      slot.rtp = used;
    }
  }

  private boolean verifyRtp(SessionKeys keys, byte[] b, int off, int hdr, int end, int tagAt, long index)
      throws GeneralSecurityException {
    if (keys.isAead()) {
      return keys.gcm(ssrc, index).open(b, off, hdr, word, 0, 0, off + hdr, end + AesGcm.TAG - hdr);
    }
    if (srtpTagLength == 0) {
      return true;
    }
    Bytes.setInt(word, 0, (int) (index >>> 16));
    keys.authenticate(b, off, end, word, 4, tag);
    return Bytes.equalsConstantTime(tag, 0, b, tagAt, srtpTagLength);
  }

  int unprotectRtp0(byte[] b, int off, int len) {
    int first = checkFixedHeader(b, off, len, RTP_HEADER);
    if (first < 0) {
      return first;
    }
    boolean aead = profile.isAead();
    int end = len - srtpTagLength - mkiLength;
    if (end < RTP_HEADER) {
      return fail(SrtpStatus.MALFORMED_TAG_MISSING);
    }
    int hdr = rtpHeaderLength(b, off, end);
    if (hdr < 0) {
      return fail(hdr);
    }
    if (Bytes.getInt(b, off + 8) != ssrc) {
      return fail(SrtpStatus.WRONG_SSRC);
    }
    KeySlot slot = slotForMki(b, off + (aead ? end + srtpTagLength : end));
    if (slot == null) {
      return fail(SrtpStatus.UNKNOWN_MKI);
    }
    int tagAt = off + (aead ? end : end + mkiLength);
    long index = rtpIndex.estimate(Bytes.getShort(b, off + 2));
    SrtpStatus replay = rtpIndex.window.check(index);
    if (replay == SrtpStatus.REPLAY_FAIL) {
      return fail(replay);
    }
    if (slot.expired) {
      return fail(SrtpStatus.KEY_EXPIRED);
    }
    try {
      SessionKeys keys = null;
      if (replay == SrtpStatus.OK) {
        keys = keysFor(slot, false, index);
      }
      if (keys == null || !verifyRtp(keys, b, off, hdr, end, tagAt, index)) {
        // a wrong ROC estimate shows as AUTH_FAIL or, when it went back, as REPLAY_OLD
        SrtpStatus failure = replay == SrtpStatus.OK ? SrtpStatus.AUTH_FAIL : replay;
        if (++authFailureRun < RECOVERY_AFTER_FAILURES) {
          return fail(failure);
        }
        long recovered = -1;
        for (int i = 0; i < 2 && recovered < 0; i++) {
          long alt = i == 0 ? index + ROC_STEP : index - ROC_STEP;
          if (alt >= 0 && alt <= MAX_INDEX && rtpIndex.window.check(alt) == SrtpStatus.OK) {
            SessionKeys altKeys = keysFor(slot, false, alt);
            if (verifyRtp(altKeys, b, off, hdr, end, tagAt, alt)) {
              recovered = alt;
              keys = altKeys;
            }
          }
        }
        if (recovered < 0) {
          return fail(failure);
        }
        index = recovered;
        rocRecoveries++;
      }
      if (!aead && !unencryptedSrtp) {
        keys.cryptRtp(b, off, hdr, end, ssrc, index);
      }
      if ((b[off] & 0x20) != 0) {
        int pad = b[off + end - 1] & 0xff;
        if (pad == 0 || pad > end - hdr) {
          // authentic but malformed: put the ciphertext back, accept nothing
          if (aead) {
            keys.gcm(ssrc, index).recrypt(b, off + hdr, end - hdr);
          } else if (!unencryptedSrtp) {
            keys.cryptRtp(b, off, hdr, end, ssrc, index);
          }
          return fail(SrtpStatus.MALFORMED_PADDING_PAST_END);
        }
      }
      authFailureRun = 0;
      rtpIndex.window.add(index);
      adopt(slot, false, keys);
      used(slot, false);
      return ok(end);
    } catch (GeneralSecurityException e) {
      throw jceFailure(e);
    }
  }

  int unprotectRtcp0(byte[] b, int off, int len) {
    int first = checkFixedHeader(b, off, len, RTCP_HEADER);
    if (first < 0) {
      return first;
    }
    boolean aead = profile.isAead();
    int tagLen = srtcpTagLength;
    int wordAt;
    int tagAt;
    int mkiAt;
    int end;
    if (aead) {
      // header | ciphertext | tag | E+index | MKI (RFC 7714 section 9)
      mkiAt = len - mkiLength;
      wordAt = mkiAt - 4;
      end = wordAt - tagLen;
      tagAt = end;
    } else {
      // header | ciphertext | E+index | MKI | tag (RFC 3711 section 3.4)
      tagAt = len - tagLen;
      mkiAt = tagAt - mkiLength;
      wordAt = mkiAt - 4;
      end = wordAt;
    }
    if (end < RTCP_HEADER) {
      return fail(SrtpStatus.MALFORMED_TAG_MISSING);
    }
    if (Bytes.getInt(b, off + 4) != ssrc) {
      return fail(SrtpStatus.WRONG_SSRC);
    }
    KeySlot slot = slotForMki(b, off + mkiAt);
    if (slot == null) {
      return fail(SrtpStatus.UNKNOWN_MKI);
    }
    int eWord = Bytes.getInt(b, off + wordAt);
    boolean encrypted = eWord < 0;
    long index = eWord & 0x7FFF_FFFFL;
    SrtpStatus replay = rtcpWindow.check(index);
    if (replay != SrtpStatus.OK) {
      return fail(replay);
    }
    if (slot.expired) {
      return fail(SrtpStatus.KEY_EXPIRED);
    }
    try {
      SessionKeys keys = keysFor(slot, true, index);
      boolean ok;
      if (aead) {
        Bytes.setInt(word, 0, eWord);
        AesGcm gcm = keys.gcm(ssrc, index);
        ok = encrypted
            ? gcm.open(b, off, RTCP_HEADER, word, 0, 4, off + RTCP_HEADER, end + tagLen - RTCP_HEADER)
            : gcm.open(b, off, end, word, 0, 4, off + end, tagLen);
      } else {
        keys.authenticate(b, off, wordAt + 4, word, 0, tag);
        ok = Bytes.equalsConstantTime(tag, 0, b, off + tagAt, tagLen);
        if (ok && encrypted) {
          keys.cryptRtcp(b, off, end, ssrc, eWord);
        }
      }
      if (!ok) {
        return fail(SrtpStatus.AUTH_FAIL);
      }
      rtcpWindow.add(index);
      adopt(slot, true, keys);
      used(slot, true);
      return ok(end);
    } catch (GeneralSecurityException e) {
      throw jceFailure(e);
    }
  }
}
