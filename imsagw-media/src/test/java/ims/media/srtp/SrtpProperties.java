package ims.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Invariants over random packets, suites and indices. */
class SrtpProperties {

  /** A random valid RTP packet: CSRCs, extension, marker, payload, and the index to send it at. */
  record Case(SrtpProfile profile, byte[] rtp, long roc) { }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<SrtpProfile> profiles = Arbitraries.of(SrtpProfile.class);
    Arbitrary<Integer> csrcs = Arbitraries.integers().between(0, 3);
    Arbitrary<Integer> extWords = Arbitraries.integers().between(-1, 3);   // -1: no extension
    Arbitrary<byte[]> payloads = Arbitraries.bytes().array(byte[].class).ofMaxSize(1200);
    Arbitrary<Integer> seqs = Arbitraries.integers().between(0, 0xFFFF);
    Arbitrary<Long> rocs = Arbitraries.longs().between(0, 0xFFFF_FFFFL);
    return Combinators.combine(profiles, csrcs, extWords, payloads, seqs, rocs).as((p, cc, ext, payload, seq, roc) -> {
      int hdr = 12 + 4 * cc + (ext >= 0 ? 4 + 4 * ext : 0);
      byte[] rtp = new byte[hdr + payload.length];
      rtp[0] = (byte) (0x80 | cc | (ext >= 0 ? 0x10 : 0));
      rtp[1] = (byte) (seq & 1) == 0 ? (byte) 0x80 : 0x08;
      rtp[2] = (byte) (seq >>> 8);
      rtp[3] = (byte) seq.intValue();
      Bytes.setInt(rtp, 8, TestPackets.SSRC);
      for (int i = 12; i < hdr; i++) {
        rtp[i] = (byte) (i * 7);
      }
      if (ext >= 0) {
        int at = 12 + 4 * cc;
        rtp[at + 2] = 0;
        rtp[at + 3] = (byte) ext.intValue();
      }
      System.arraycopy(payload, 0, rtp, hdr, payload.length);
      return new Case(p, rtp, roc);
    });
  }

  private static TestPackets.Pair pair(Case c) throws Exception {
    TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(c.profile()));
    pair.tx().setRolloverCounter(c.roc());
    pair.rx().setRolloverCounter(c.roc());
    return pair;
  }

  @Property(tries = 300)
  void unprotectOfProtectIsIdentity(@ForAll("cases") Case c) throws Exception {
    try (TestPackets.Pair pair = pair(c)) {
      byte[] buf = TestPackets.withRoom(c.rtp(), SrtpContext.MAX_TRAILER);
      int n = pair.tx().protectRtp(buf, 0, c.rtp().length);
      assertThat(n).as("%s", SrtpStatus.ofResult(n)).isEqualTo(c.rtp().length + c.profile().srtpTagLength());
      assertThat(pair.rx().unprotectRtp(buf, 0, n)).isEqualTo(c.rtp().length);
      assertThat(Arrays.copyOf(buf, c.rtp().length)).isEqualTo(c.rtp());
    }
  }

  @Property(tries = 300)
  void anySingleBitFlipFailsAuthentication(@ForAll("cases") Case c, @ForAll @IntRange(min = 0, max = 100_000) int at)
      throws Exception {
    try (TestPackets.Pair pair = pair(c)) {
      byte[] buf = TestPackets.withRoom(c.rtp(), SrtpContext.MAX_TRAILER);
      int n = pair.tx().protectRtp(buf, 0, c.rtp().length);
      int bit = at % (8 * n);
      buf[bit / 8] ^= (byte) (1 << (bit % 8));
      byte[] flipped = Arrays.copyOf(buf, n);
      assertThat(SrtpStatus.ofResult(pair.rx().unprotectRtp(buf, 0, n))).isNotEqualTo(SrtpStatus.OK);
      assertThat(Arrays.copyOf(buf, n)).as("a rejected packet is left as it was").isEqualTo(flipped);
    }
  }

  @Property(tries = 200)
  void srtcpRoundTripsAndRejectsABitFlip(@ForAll SrtpProfile profile, @ForAll @Size(max = 600) byte[] body,
      @ForAll @IntRange(min = 0, max = 0x7FFF_FFFF) int index, @ForAll @IntRange(min = 0, max = 100_000) int at)
      throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(profile))) {
      byte[] rtcp = TestPackets.rtcp(body.length / 4);
      System.arraycopy(body, 0, rtcp, 8, rtcp.length - 8);
      pair.tx().setNextSrtcpIndex(index);
      byte[] buf = TestPackets.withRoom(rtcp, SrtpContext.MAX_TRAILER);
      int n = pair.tx().protectRtcp(buf, 0, rtcp.length);
      byte[] srtcp = Arrays.copyOf(buf, n);
      assertThat(pair.rx().unprotectRtcp(buf, 0, n)).isEqualTo(rtcp.length);
      assertThat(Arrays.copyOf(buf, rtcp.length)).isEqualTo(rtcp);
      int bit = at % (8 * n);
      srtcp[bit / 8] ^= (byte) (1 << (bit % 8));
      try (SrtpReceiveContext fresh = pair.factory().newReceiveContext(TestPackets.SSRC)) {
        assertThat(SrtpStatus.ofResult(fresh.unprotectRtcp(srtcp, 0, n))).isNotEqualTo(SrtpStatus.OK);
      }
    }
  }

  @Property(tries = 500)
  void randomBytesNeverThrow(@ForAll SrtpProfile profile, @ForAll @Size(max = 300) byte[] junk,
      @ForAll @IntRange(min = 0, max = 200) int room, @ForAll boolean withMki) throws Exception {
    SrtpParameters params = withMki
        ? TestPackets.params(profile, 2, 0, false, false, false, 128,
            MasterKey.of(TestPackets.key(profile, 1), TestPackets.salt(profile, 2), new byte[] {1, 2}, 0))
        : TestPackets.params(profile);
    try (TestPackets.Pair pair = TestPackets.Pair.of(params)) {
      byte[] buf = Arrays.copyOf(junk, junk.length + room);
      if (junk.length >= 12) {
        Bytes.setInt(buf, 8, TestPackets.SSRC);   // get past the SSRC check sometimes
        Bytes.setInt(buf, 4, TestPackets.SSRC);
      }
      for (int i = 0; i < 2; i++) {
        pair.rx().unprotectRtp(buf.clone(), 0, junk.length);
        pair.rx().unprotectRtcp(buf.clone(), 0, junk.length);
        pair.tx().protectRtp(buf.clone(), 0, junk.length);
        pair.tx().protectRtcp(buf.clone(), 0, junk.length);
        if (buf.length > 0) {
          buf[0] = (byte) (0x80 | (buf[0] & 0x3f));   // second round: version 2
        }
      }
      long counted = 0;
      for (SrtpStatus s : SrtpStatus.values()) {
        counted += pair.rx().count(s) + pair.tx().count(s);
      }
      assertThat(counted).isEqualTo(8);
    }
  }
}
