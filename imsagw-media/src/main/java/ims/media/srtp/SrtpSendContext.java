package ims.media.srtp;

import io.netty.buffer.ByteBuf;
import java.security.GeneralSecurityException;

/**
 * Sender side of one SSRC: RTP to SRTP ({@link #protectRtp}) and RTCP to SRTCP ({@link #protectRtcp}).
 *
 * <p>The SRTP index is estimated from each packet's sequence number exactly as a receiver does (the gateway
 * relays packets it did not number), and an index already used is refused with
 * {@link SrtpStatus#REPLAY_FAIL}/{@link SrtpStatus#REPLAY_OLD} (never two packets under one keystream). The
 * SRTCP index is this context's own counter.
 *
 * <p>Uses the first master key until it reaches its lifetime, then the next one (when there are several, each
 * with its MKI); with none left, protect returns {@link SrtpStatus#KEY_EXPIRED}. See {@link SrtpContext} for
 * threading and buffer rules.
 */
public final class SrtpSendContext extends SrtpContext {
  private static final Op PROTECT_RTP = (c, b, o, l, r) -> ((SrtpSendContext) c).protectRtp(b, o, l, r);
  private static final Op PROTECT_RTCP = (c, b, o, l, r) -> ((SrtpSendContext) c).protectRtcp(b, o, l, r);
  private static final int MAX_SRTCP_INDEX = 0x7FFF_FFFF;

  private final RtpIndexTracker rtpIndex;
  private int activeKey;
  /** Next SRTCP index; MAX_SRTCP_INDEX + 1 once exhausted. */
  private long srtcpIndex;

  SrtpSendContext(SrtpParameters params, int ssrc, SrtpKeyListener listener) throws GeneralSecurityException {
    super(params, ssrc, listener, false);
    this.rtpIndex = new RtpIndexTracker(params.replayWindow());
  }

  /**
   * Protects the RTP packet {@code buf[off..off+len)} in place, appending MKI and tag within {@code buf}.
   *
   * @return the SRTP packet length, or a negative {@link SrtpStatus#code()} ({@link SrtpStatus#ofResult})
   */
  public int protectRtp(byte[] buf, int off, int len) {
    checkRange(buf, off, len);
    return protectRtp(buf, off, len, buf.length - off - len);
  }

  /** Protects the readable bytes of {@code buf} in place; needs the trailer's room below its capacity. */
  public SrtpStatus protectRtp(ByteBuf buf) {
    return onByteBuf(buf, PROTECT_RTP);
  }

  /**
   * Protects the RTCP (compound) packet {@code buf[off..off+len)} in place, appending E||index, MKI and tag.
   *
   * @return the SRTCP packet length, or a negative {@link SrtpStatus#code()}
   */
  public int protectRtcp(byte[] buf, int off, int len) {
    checkRange(buf, off, len);
    return protectRtcp(buf, off, len, buf.length - off - len);
  }

  public SrtpStatus protectRtcp(ByteBuf buf) {
    return onByteBuf(buf, PROTECT_RTCP);
  }

  /**
   * Sets the rollover counter: before the first packet, that packet gets index {@code roc || SEQ} (RFC 4568's
   * initial ROC, libsrtp's {@code srtp_set_stream_roc}); later, the current SEQ continues under this ROC.
   */
  public void setRolloverCounter(long roc) {
    checkRoc(roc);
    rtpIndex.setRoc(roc);
  }

  /** ROC of the highest index protected so far (or the initial ROC). */
  public long rolloverCounter() {
    return rtpIndex.roc();
  }

  /** Sets the SRTCP index of the next SRTCP packet (0 .. 2^31 - 1). */
  public void setNextSrtcpIndex(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("SRTCP index is 31 bits: " + index);
    }
    srtcpIndex = index;
  }

  public long nextSrtcpIndex() {
    return srtcpIndex;
  }

  /** Index (in {@link SrtpParameters#keys()}) of the master key new packets use. */
  public int activeMasterKey() {
    return activeKey;
  }

  /** Switches new packets to master key {@code index} (e.g. on an MKI-based rekey). */
  public void useMasterKey(int index) {
    if (index < 0 || index >= slots.length) {
      throw new IllegalArgumentException("no master key " + index);
    }
    activeKey = index;
  }

  static void checkRoc(long roc) {
    if (roc < 0 || roc > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("ROC is 32 bits unsigned: " + roc);
    }
  }

  /** The active key, moving past expired ones; null when all are expired. */
  private KeySlot activeSlot() {
    while (activeKey < slots.length && slots[activeKey].expired) {
      activeKey++;
    }
    return activeKey < slots.length ? slots[activeKey] : null;
  }

  private void writeMki(KeySlot slot, byte[] b, int at) {
    if (mkiLength > 0) {
      System.arraycopy(slot.mki, 0, b, at, mkiLength);
    }
  }

  int protectRtp(byte[] b, int off, int len, int room) {
    int first = checkFixedHeader(b, off, len, RTP_HEADER);
    if (first < 0) {
      return first;
    }
    int hdr = rtpHeaderLength(b, off, len);
    if (hdr < 0) {
      return fail(hdr);
    }
    if ((b[off] & 0x20) != 0) {
      int pad = b[off + len - 1] & 0xff;
      if (pad == 0 || pad > len - hdr) {
        return fail(SrtpStatus.MALFORMED_PADDING_PAST_END);
      }
    }
    if (Bytes.getInt(b, off + 8) != ssrc) {
      return fail(SrtpStatus.WRONG_SSRC);
    }
    int tagLen = srtpTagLength;
    if (room < tagLen + mkiLength) {
      return fail(SrtpStatus.BUFFER_TOO_SMALL);
    }
    long index = rtpIndex.estimate(Bytes.getShort(b, off + 2));
    SrtpStatus replay = rtpIndex.window.check(index);
    if (replay != SrtpStatus.OK) {
      return fail(replay);
    }
    KeySlot slot = activeSlot();
    if (slot == null) {
      return fail(SrtpStatus.KEY_EXPIRED);
    }
    try {
      SessionKeys keys = slot.rtp;
      long r = r(index);
      if (keys.derivedFor != r) {
        keys.derive(slot.kdf, r, tmp, tmp2);
      }
      int out;
      if (keys.isAead()) {
        keys.gcm(ssrc, index).seal(b, off, hdr, word, 0, 0, off + hdr, len - hdr);
        out = len + tagLen;
        writeMki(slot, b, off + out);
        out += mkiLength;
      } else {
        if (!unencryptedSrtp) {
          keys.cryptRtp(b, off, hdr, len, ssrc, index);
        }
        writeMki(slot, b, off + len);
        out = len + mkiLength;
        if (tagLen > 0) {
          Bytes.setInt(word, 0, (int) (index >>> 16));
          keys.authenticate(b, off, len, word, 4, tag);
          System.arraycopy(tag, 0, b, off + out, tagLen);
          out += tagLen;
        }
      }
      rtpIndex.window.add(index);
      used(slot, false);
      return ok(out);
    } catch (GeneralSecurityException e) {
      throw jceFailure(e);
    }
  }

  int protectRtcp(byte[] b, int off, int len, int room) {
    int first = checkFixedHeader(b, off, len, RTCP_HEADER);
    if (first < 0) {
      return first;
    }
    if (Bytes.getInt(b, off + 4) != ssrc) {
      return fail(SrtpStatus.WRONG_SSRC);
    }
    int tagLen = srtcpTagLength;
    if (room < 4 + tagLen + mkiLength) {
      return fail(SrtpStatus.BUFFER_TOO_SMALL);
    }
    if (srtcpIndex > MAX_SRTCP_INDEX) {
      return fail(SrtpStatus.KEY_EXPIRED);
    }
    KeySlot slot = activeSlot();
    if (slot == null) {
      return fail(SrtpStatus.KEY_EXPIRED);
    }
    int index = (int) srtcpIndex;
    int eWord = unencryptedSrtcp ? index : index | 0x8000_0000;
    try {
      SessionKeys keys = slot.rtcp;
      long r = r(index);
      if (keys.derivedFor != r) {
        keys.derive(slot.kdf, r, tmp, tmp2);
      }
      int out;
      if (keys.isAead()) {
        Bytes.setInt(word, 0, eWord);
        AesGcm gcm = keys.gcm(ssrc, index);
        if (unencryptedSrtcp) {
          gcm.seal(b, off, len, word, 0, 4, off + len, 0);
        } else {
          gcm.seal(b, off, RTCP_HEADER, word, 0, 4, off + RTCP_HEADER, len - RTCP_HEADER);
        }
        out = len + tagLen;
        Bytes.setInt(b, off + out, eWord);
        out += 4;
        writeMki(slot, b, off + out);
        out += mkiLength;
      } else {
        if (!unencryptedSrtcp) {
          keys.cryptRtcp(b, off, len, ssrc, eWord);
        }
        Bytes.setInt(b, off + len, eWord);
        keys.authenticate(b, off, len + 4, word, 0, tag);
        writeMki(slot, b, off + len + 4);
        out = len + 4 + mkiLength;
        System.arraycopy(tag, 0, b, off + out, tagLen);
        out += tagLen;
      }
      srtcpIndex++;
      used(slot, true);
      return ok(out);
    } catch (GeneralSecurityException e) {
      throw jceFailure(e);
    }
  }
}
