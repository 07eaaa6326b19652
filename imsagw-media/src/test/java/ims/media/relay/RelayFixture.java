package ims.media.relay;

import ims.media.srtp.MasterKey;
import ims.media.srtp.SrtpContextFactory;
import ims.media.srtp.SrtpParameters;
import ims.media.srtp.SrtpProfile;
import ims.media.srtp.SrtpReceiveContext;
import ims.media.srtp.SrtpSendContext;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** A relay with an access and a core realm on 127.0.0.1, port ranges from a random base below the ephemeral range. */
final class RelayFixture {
  static final int TIMEOUT_S = 5;
  static final SrtpProfile PROFILE = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
  /** The UE's key (the relay decrypts with it) and the key the relay encrypts with toward the UE. */
  static final byte[] UE_KEY = HexFormat.of().parseHex("e1f97a0d3e018be0d64fa32c06de4139");
  static final byte[] UE_SALT = HexFormat.of().parseHex("0ec675ad498afeebb6960b3aabe6");
  static final byte[] AGW_KEY = HexFormat.of().parseHex("2b7e151628aed2a6abf7158809cf4f3c");
  static final byte[] AGW_SALT = HexFormat.of().parseHex("f0f1f2f3f4f5f6f7f8f9fafbfcfd");

  private RelayFixture() {
  }

  /** Two loops, 2 SSRCs per termination, recvmmsg batches of 8 on epoll. Ranges of {@code pairs} pairs per realm from a random even base, all below 32000 (under the ephemeral range). */
  static RelayConfig config(int pairs, boolean epoll) {
    return config(pairs, epoll, Duration.ofSeconds(30));
  }

  static RelayConfig config(int pairs, boolean epoll, Duration controllerGrace) {
    int span = 4 * pairs;
    int base = freeBase(span);
    InetAddress lo = InetAddress.getLoopbackAddress();
    return new RelayConfig(List.of(
        new Realm(Realm.ACCESS, lo, new PortRange(base, base + 2 * pairs - 1)),
        new Realm(Realm.CORE, lo, new PortRange(base + 2 * pairs, base + 4 * pairs - 1))),
        2, 2, 2048, epoll, 8, controllerGrace);
  }

  /**
   * A random even base below the ephemeral range whose {@code span} ports are free on 127.0.0.1 now: other processes
   * on the machine (a load harness holds thousands of relay ports) must not make a test's binds fail.
   */
  private static int freeBase(int span) {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = 10_000 + 2 * ThreadLocalRandom.current().nextInt((32_000 - 10_000 - span) / 2);
      if (allFree(base, span)) {
        return base;
      }
    }
    throw new IllegalStateException("no free range of " + span + " UDP ports below 32000 on 127.0.0.1");
  }

  private static boolean allFree(int base, int span) {
    InetAddress lo = InetAddress.getLoopbackAddress();
    for (int port = base; port < base + span; port++) {
      try (var probe = new java.net.DatagramSocket(new java.net.InetSocketAddress(lo, port))) {
        // free
      } catch (java.io.IOException e) {
        return false;
      }
    }
    return true;
  }

  static SrtpParameters params(byte[] key, byte[] salt) {
    return SrtpParameters.of(PROFILE, MasterKey.of(key, salt));
  }

  static SrtpParameters ueKey() {
    return params(UE_KEY, UE_SALT);
  }

  static SrtpParameters agwKey() {
    return params(AGW_KEY, AGW_SALT);
  }

  /** The UE's sender context (it protects with its own key). */
  static SrtpSendContext ueSender(int ssrc) throws Exception {
    try (var key = MasterKey.of(UE_KEY, UE_SALT); var f = new SrtpContextFactory(SrtpParameters.of(PROFILE, key))) {
      return f.newSendContext(ssrc);
    }
  }

  /** The UE's receiver context for what the relay protected with the AGW key. */
  static SrtpReceiveContext ueReceiver(int ssrc) throws Exception {
    try (var key = MasterKey.of(AGW_KEY, AGW_SALT); var f = new SrtpContextFactory(SrtpParameters.of(PROFILE, key))) {
      return f.newReceiveContext(ssrc);
    }
  }

  /** {@code rtp} protected by {@code tx} (the simulated UE's or core's SRTP), as a datagram of its own. */
  static byte[] srtp(SrtpSendContext tx, byte[] rtp) {
    byte[] buf = Packets.withRoom(rtp, 16);
    int n = tx.protectRtp(buf, 0, rtp.length);
    if (n < 0) {
      throw new AssertionError("test protect failed: " + n);
    }
    return java.util.Arrays.copyOf(buf, n);
  }

  /** {@code srtp} unprotected by {@code rx}; fails the test if it does not authenticate. */
  static byte[] plain(SrtpReceiveContext rx, byte[] srtp) {
    byte[] copy = srtp.clone();
    int n = rx.unprotectRtp(copy, 0, copy.length);
    if (n < 0) {
      throw new AssertionError("unprotect failed: " + n);
    }
    return java.util.Arrays.copyOf(copy, n);
  }

  static <T> T await(java.util.concurrent.CompletableFuture<T> f) throws Exception {
    return f.get(TIMEOUT_S, TimeUnit.SECONDS);
  }

  /**
   * Asks for the termination's statistics (a task on its event loop) until {@code condition} holds, for events that
   * leave no other trace (a drop); fails after {@link #TIMEOUT_S}.
   */
  static TerminationStatistics awaitStatistics(RelayTermination t,
      java.util.function.Predicate<TerminationStatistics> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
    TerminationStatistics s = await(t.statistics());
    while (!condition.test(s)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("statistics never matched: " + s);
      }
      s = await(t.statistics());
    }
    return s;
  }

  static RelayTermination added(java.util.concurrent.CompletableFuture<AddResult> f) throws Exception {
    AddResult r = await(f);
    if (r instanceof AddResult.Added a) {
      return a.termination();
    }
    throw new AssertionError("termination not added: " + r);
  }
}
