package ims.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The packet path allocates nothing: after warm-up, 10,000 protect+unprotect rounds allocate (almost) no bytes on
 * this thread. A budget of 64 KiB absorbs one-off JIT/runtime allocations; one 16-byte allocation per packet would be
 * 160 KiB or more.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ZeroAllocationTest {
  private static final long BUDGET = 64 * 1024;

  private static long allocated() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
  }

  private static void rounds(TestPackets.Pair pair, byte[] buf, int from, int count) {
    for (int i = from; i < from + count; i++) {
      buf[2] = (byte) (i >>> 8);
      buf[3] = (byte) i;
      int n = pair.tx().protectRtp(buf, 0, 172);
      if (pair.rx().unprotectRtp(buf, 0, n) != 172) {
        throw new AssertionError("round " + i);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void givenWarmContexts_whenProcessingPackets_thenNothingIsAllocated(SrtpProfile profile) throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(profile))) {
      byte[] buf = TestPackets.withRoom(TestPackets.rtp(0, 160, 1), 64);
      rounds(pair, buf, 0, 10_000);
      long before = allocated();
      rounds(pair, buf, 10_000, 10_000);
      long used = allocated() - before;
      assertThat(used).as("%s allocated %d bytes for 10,000 rounds", profile, used).isLessThan(BUDGET);
    }
  }

  @ParameterizedTest
  @EnumSource(value = SrtpProfile.class, names = {"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
  void givenDirectByteBuf_whenProcessingPackets_thenNothingIsAllocated(SrtpProfile profile) throws Exception {
    try (TestPackets.Pair pair = TestPackets.Pair.of(TestPackets.params(profile))) {
      // wrapped, so the test JVM's paranoid leak detector (which records every access) is not in the way
      ByteBuf buf = Unpooled.wrappedBuffer(java.nio.ByteBuffer.allocateDirect(2048));
      try {
        byte[] rtp = TestPackets.rtp(0, 160, 1);
        long before = 0;
        for (int i = 0; i < 20_000; i++) {
          if (i == 10_000) {
            before = allocated();
          }
          rtp[2] = (byte) (i >>> 8);
          rtp[3] = (byte) i;
          buf.clear().writeBytes(rtp);
          if (pair.tx().protectRtp(buf) != SrtpStatus.OK || pair.rx().unprotectRtp(buf) != SrtpStatus.OK) {
            throw new AssertionError("round " + i);
          }
        }
        long used = allocated() - before;
        assertThat(used).as("%s allocated %d bytes for 10,000 rounds", profile, used).isLessThan(BUDGET);
      } finally {
        buf.release();
      }
    }
  }
}
