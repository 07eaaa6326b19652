package ims.media.srtp;

import io.netty.buffer.ByteBuf;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * State shared by both directions of one SSRC's SRTP/SRTCP crypto context: parameters, per-master-key session
 * keys, status counters and scratch buffers.
 *
 * <p><b>Threading:</b> a context is owned by one thread (the event loop of its stream); it has no locks. The
 * counters are plain fields: read them on that thread.
 *
 * <p><b>Buffers:</b> every method works in place. The {@code byte[]} forms take {@code (buf, off, len)} and may
 * write up to the end of {@code buf} (protect appends index, MKI and tag); the {@link ByteBuf} forms work on
 * {@code readerIndex..writerIndex}, never grow the buffer beyond its current capacity, and move
 * {@code writerIndex} on success. On any status other than {@link SrtpStatus#OK} the bytes of the packet and the
 * state of the context are unchanged.
 */
public abstract sealed class SrtpContext implements AutoCloseable permits SrtpSendContext, SrtpReceiveContext {
  /** Largest trailer any profile appends: GCM tag, SRTCP index, longest MKI. */
  static final int MAX_TRAILER = 16 + 4 + MasterKey.MAX_MKI_LENGTH;
  static final int RTP_HEADER = 12;
  static final int RTCP_HEADER = 8;

  final SrtpProfile profile;
  final int ssrc;
  final int mkiLength;
  final int keyDerivationRate;
  final boolean unencryptedSrtp;
  final boolean unencryptedSrtcp;
  final int srtpTagLength;
  final int srtcpTagLength;
  final KeySlot[] slots;
  final SrtpKeyListener listener;
  final long[] counters = new long[SrtpStatus.count()];
  /** HMAC output. */
  final byte[] tag = new byte[HmacSha1.LENGTH];
  /** ROC for the SRTP MAC; E||index for GCM's SRTCP AAD. */
  final byte[] word = new byte[4];
  /** Key derivation scratch (only touched when KDR > 0 re-derives). */
  final byte[] tmp = new byte[32];
  final byte[] tmp2 = new byte[32];
  /** Copy of a direct ByteBuf's packet; grows only for a larger packet than seen before. */
  private byte[] heap = new byte[0];
  boolean closed;

  SrtpContext(SrtpParameters params, int ssrc, SrtpKeyListener listener, boolean spares)
      throws GeneralSecurityException {
    List<MasterKey> keys = params.keys();
    this.profile = params.profile();
    this.ssrc = ssrc;
    this.mkiLength = params.mkiLength();
    this.keyDerivationRate = params.keyDerivationRate();
    this.unencryptedSrtp = params.unencryptedSrtp();
    // The E flag says whether the SRTCP payload is encrypted: the NULL cipher never encrypts, so E=0
    // (RFC 3711 3.4), which is also what libsrtp sends and insists on receiving.
    this.unencryptedSrtcp = params.unencryptedSrtcp() || profile.cipher() == SrtpProfile.CipherKind.NULL;
    this.srtpTagLength = params.srtpTagLength();
    this.srtcpTagLength = profile.srtcpTagLength();
    this.listener = Objects.requireNonNull(listener, "listener");
    this.slots = new KeySlot[keys.size()];
    try {
      for (int i = 0; i < slots.length; i++) {
        slots[i] = new KeySlot(i, keys.get(i), profile, spares, tmp, tmp2);
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      wipeSlots();
      throw e;
    }
  }

  /** The SSRC this context protects or accepts. */
  public final int ssrc() {
    return ssrc;
  }

  public final SrtpProfile profile() {
    return profile;
  }

  /** How many calls ended with {@code status} (OK counts accepted packets). */
  public final long count(SrtpStatus status) {
    return counters[status.ordinal()];
  }

  /** Packets counted so far against master key {@code masterKeyIndex}'s SRTP lifetime. */
  public final long srtpPacketsUsed(int masterKeyIndex) {
    return slots[masterKeyIndex].srtpUsed;
  }

  public final long srtcpPacketsUsed(int masterKeyIndex) {
    return slots[masterKeyIndex].srtcpUsed;
  }

  /** True once master key {@code masterKeyIndex} reached its lifetime in this context. */
  public final boolean isMasterKeyExpired(int masterKeyIndex) {
    return slots[masterKeyIndex].expired;
  }

  public final boolean isClosed() {
    return closed;
  }

  /**
   * The checks every packet passes first, in libsrtp's order: an open context, a whole fixed header
   * ({@code headerLength} bytes), version 2. Returns 0, or the failure code (already counted).
   */
  final int checkFixedHeader(byte[] b, int off, int len, int headerLength) {
    if (closed) {
      return fail(SrtpStatus.CONTEXT_CLOSED);
    }
    if (len < headerLength) {
      return fail(SrtpStatus.MALFORMED_TOO_SHORT);
    }
    if (!isVersion2(b, off)) {
      return fail(SrtpStatus.MALFORMED_BAD_VERSION);
    }
    return 0;
  }

  final int fail(SrtpStatus status) {
    counters[status.ordinal()]++;
    return status.code();
  }

  final int fail(int code) {
    counters[-code]++;
    return code;
  }

  /**
   * The JCE failed on keys and buffers it accepted before (no packet content can cause this): an environment
   * failure, not bad input.
   */
  static IllegalStateException jceFailure(GeneralSecurityException e) {
    return new IllegalStateException("JCE failure on the packet path", e);
  }

  final int ok(int length) {
    counters[0]++;
    return length;
  }

  final void used(KeySlot slot, boolean srtcp) {
    if (srtcp ? slot.useSrtcp() : slot.useSrtp()) {
      listener.masterKeyExpired(this, slot.index);
    }
  }

  /** r = index DIV kdr (RFC 3711 section 4.3.1), 0 when KDR is 0. */
  final long r(long index) {
    return keyDerivationRate == 0 ? 0 : index / keyDerivationRate;
  }

  /** The slot whose MKI is at {@code b[at..at+mkiLength)}, the only slot without MKI, or null. */
  final KeySlot slotForMki(byte[] b, int at) {
    if (mkiLength == 0) {
      return slots[0];
    }
    for (KeySlot s : slots) {
      if (java.util.Arrays.equals(s.mki, 0, mkiLength, b, at, at + mkiLength)) {
        return s;
      }
    }
    return null;
  }

  /**
   * RTP header length (fixed part, CSRCs, extension) if it fits in {@code end} bytes, else the negative code of
   * the reason. The caller has checked {@code end >= 12}.
   */
  static int rtpHeaderLength(byte[] b, int off, int end) {
    int h = RTP_HEADER + 4 * (b[off] & 0x0f);
    if (h > end) {
      return SrtpStatus.MALFORMED_CSRC_PAST_END.code();
    }
    if ((b[off] & 0x10) != 0) {
      if (h + 4 > end) {
        return SrtpStatus.MALFORMED_EXTENSION_PAST_END.code();
      }
      h += 4 + 4 * Bytes.getShort(b, off + h + 2);
      if (h > end) {
        return SrtpStatus.MALFORMED_EXTENSION_PAST_END.code();
      }
    }
    return h;
  }

  static boolean isVersion2(byte[] b, int off) {
    return (b[off] & 0xC0) == 0x80;
  }

  static void checkRange(byte[] buf, int off, int len) {
    Objects.checkFromIndexSize(off, len, buf.length);
  }

  /** Applies {@code op} to a ByteBuf's readable bytes, in place. */
  final SrtpStatus onByteBuf(ByteBuf buf, Op op) {
    int reader = buf.readerIndex();
    int len = buf.readableBytes();
    int room = buf.capacity() - buf.writerIndex();
    int result;
    if (buf.hasArray()) {
      result = op.apply(this, buf.array(), buf.arrayOffset() + reader, len, room);
      if (result >= 0) {
        buf.writerIndex(reader + result);
      }
    } else {
      int usableRoom = Math.min(room, MAX_TRAILER);
      if (heap.length < len + usableRoom) {
        heap = new byte[Math.max(len + MAX_TRAILER, 2048)];
      }
      // Netty's getBytes/setBytes(byte[]) duplicate the NIO buffer per call without Unsafe (JDK 24+);
      // the internal NIO buffer with absolute bulk get/put copies without allocating.
      java.nio.ByteBuffer nio = buf.nioBufferCount() == 1 ? buf.internalNioBuffer(reader, len) : null;
      if (nio != null) {
        nio.get(nio.position(), heap, 0, len);
      } else {
        buf.getBytes(reader, heap, 0, len);
      }
      result = op.apply(this, heap, 0, len, usableRoom);
      if (result >= 0) {
        if (nio != null) {
          java.nio.ByteBuffer out = buf.internalNioBuffer(reader, result);
          out.put(out.position(), heap, 0, result);
        } else {
          buf.setBytes(reader, heap, 0, result);
        }
        buf.writerIndex(reader + result);
      }
    }
    return SrtpStatus.ofResult(result);
  }

  /** One packet operation on {@code (b, off, len)} with {@code room} writable bytes after it. */
  @FunctionalInterface
  interface Op {
    int apply(SrtpContext ctx, byte[] b, int off, int len, int room);
  }

  /** Visits every array this context owns that holds key-derived bytes (for the wipe test). */
  final void forEachSecret(Consumer<byte[]> visitor) {
    for (KeySlot s : slots) {
      if (s != null) {
        s.forEachSecret(visitor);
      }
    }
    visitor.accept(tag);
    visitor.accept(tmp);
    visitor.accept(tmp2);
  }

  /** True when every key-dependent table (GHASH) is zero (for the wipe test). */
  final boolean tablesWiped() {
    for (KeySlot s : slots) {
      if (s != null && !s.tablesWiped()) {
        return false;
      }
    }
    return true;
  }

  private void wipeSlots() {
    for (KeySlot s : slots) {
      if (s != null) {
        s.wipe();
      }
    }
  }

  /** Wipes session keys, salts, MAC pads and scratch; later calls return {@link SrtpStatus#CONTEXT_CLOSED}. */
  @Override
  public final void close() {
    if (closed) {
      return;
    }
    closed = true;
    wipeSlots();
    Bytes.wipe(tag);
    Bytes.wipe(word);
    Bytes.wipe(tmp);
    Bytes.wipe(tmp2);
    Bytes.wipe(heap);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[ssrc=" + Integer.toUnsignedString(ssrc) + ", " + profile
        + (closed ? ", closed" : "") + "]";
  }
}
