package ims.pcscf.sip;

import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.controller.ControllerConfig;
import ims.iq.controller.IqController;
import ims.iq.message.ContextId;
import ims.iq.message.MId;
import ims.iq.message.TerminationId;
import ims.iq.transport.AllowedPeer;
import ims.iq.transport.LinkSecurity;
import ims.iq.transport.MessageCodec;
import ims.iq.transport.TransactionConfig;
import ims.iq.transport.TransactionTimers;
import ims.iq.transport.UdpTransportConfig;
import ims.sdes.e2ae.MediaAnchor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The exactly-once rules of a call's gateway resources, whoever ends the call and in whatever order
 * reservations complete. The controller has no gateway, so every release is also a counted failure.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GatewayCallTest {

  private IqController iq;
  private ProxyCounters counters;

  @BeforeEach
  void start() {
    var udp = new UdpTransportConfig(new InetSocketAddress(E2aeHarness.LOOPBACK, 0),
        LinkSecurity.loopbackOnly(List.of(AllowedPeer.anyPort(E2aeHarness.LOOPBACK))));
    iq = IqController.start(new ControllerConfig(udp, MId.domain("pcscf.test", 2944), Optional.empty(),
        TransactionConfig.DEFAULT.withTimers(TransactionTimers.fast()), Duration.ofSeconds(10), 2, 3),
        event -> { }, MessageCodec.TEXT, ForkJoinPool.commonPool());
    counters = new ProxyCounters();
  }

  @AfterEach
  void stop() {
    iq.close();
  }

  private static GatewayCall.StreamContext context(long id) {
    return new GatewayCall.StreamContext(0, (ContextId.Numbered) ContextId.of(id), TerminationId.of("ip/1/core/" + id),
        MediaAnchor.of("127.0.0.1", 20_000));
  }

  /** A key holder that counts how often it was wiped. */
  private static final class Holder implements AutoCloseable {
    final AtomicInteger closed = new AtomicInteger();

    @Override
    public void close() {
      closed.incrementAndGet();
    }
  }

  @Test
  void givenReservedCall_whenReleasedTwice_thenContextReleasedOnceAndKeysWipedOnce() {
    var call = new GatewayCall(iq, counters, "twice@test");
    var keys = new Holder();
    call.add(context(1));
    call.own(keys);

    call.release();
    call.release();

    assertThat(keys.closed).hasValue(1);
    assertThat(call.isReleased()).isTrue();
    assertThat(call.streams()).isEmpty();
    E2aeHarness.awaitCondition(() -> counters.snapshot().gatewayContextsReleased() == 1);
    assertThat(counters.snapshot().gatewayContextsReserved()).isEqualTo(1);
  }

  @Test
  void givenReleasedCall_whenAReservationOrKeysArriveLate_thenTheyAreReleasedAndWipedAtOnce() {
    var call = new GatewayCall(iq, counters, "late@test");
    call.release();
    var keys = new Holder();

    call.own(keys);
    call.add(context(2));

    assertThat(keys.closed).hasValue(1);
    assertThat(call.streams()).isEmpty();
    E2aeHarness.awaitCondition(() -> counters.snapshot().gatewayContextsReleased() == 1);
    assertThat(counters.snapshot().gatewayContextsReserved()).isEqualTo(1);
  }
}
