package ims.media.relay;

import static ims.media.relay.RelayGatewayHandlerTest.CORE_LOCAL;
import static ims.media.relay.RelayGatewayHandlerTest.accessLocal;
import static ims.media.relay.RelayGatewayHandlerTest.coreRemote;
import static ims.media.relay.RelayGatewayHandlerTest.failure;
import static ims.media.relay.RelayGatewayHandlerTest.inline;
import static ims.media.relay.RelayGatewayHandlerTest.localOf;
import static ims.media.relay.RelayGatewayHandlerTest.portOf;
import static ims.media.relay.RelayGatewayHandlerTest.success;
import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.controller.GatewayEvent;
import ims.iq.message.Add;
import ims.iq.message.AddReply;
import ims.iq.message.ContextId;
import ims.iq.message.ErrorCode;
import ims.iq.message.EventParameter;
import ims.iq.message.Events;
import ims.iq.message.LocalControl;
import ims.iq.message.Media;
import ims.iq.message.PropertyParm;
import ims.iq.message.RequestedEvent;
import ims.iq.message.SdpText;
import ims.iq.message.Stream;
import ims.iq.message.StreamMode;
import ims.iq.message.StreamParms;
import ims.iq.message.TerminationId;
import ims.iq.message.TerminationState;
import ims.iq.message.Value;
import ims.media.srtp.MasterKey;
import ims.media.srtp.SrtpContextFactory;
import ims.media.srtp.SrtpParameters;
import ims.media.srtp.SrtpSendContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Media events reach the project's Iq controller as Notify over UDP on 127.0.0.1: H.248.40 {@code adid/ipstop} when
 * media stops on a termination that asked for it, one {@code srtps/afb} per burst of authentication failures, and
 * {@code srtps/kl} when a master key reaches its lifetime. Sweeps run every 20 ms here; every wait is bounded.
 */
@Timeout(30)
class MediaEventsTest {
  private static final String SUITE = "AES_CM_128_HMAC_SHA1_80";
  private static final int UE_SSRC = 0x71;
  private static final Duration INACTIVITY = Duration.ofMillis(300);
  private static final int BURST = 5;
  private static final Duration WINDOW = Duration.ofMillis(200);

  private IqHarness iq;
  private AutoCloseable events;
  private Peer ue;
  private Peer core;

  private static MediaEventConfig fast(Duration minBurstInterval) {
    return new MediaEventConfig(Duration.ofMillis(20), INACTIVITY, BURST, WINDOW, minBurstInterval, 64);
  }

  @BeforeEach
  void start() throws Exception {
    iq = new IqHarness(RelayFixture.config(2, true));
    ue = new Peer();
    core = new Peer();
  }

  @AfterEach
  void stop() throws Exception {
    if (events != null) {
      events.close();
    }
    ue.close();
    core.close();
    iq.close();
  }

  /** An access termination with the UE's key ({@code ueKeyParams} after the inline key) and the given Events. */
  private Added addAccess(String ueKeyParams, Events requested) throws Exception {
    String remote = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio "
        + ue.address().getPort() + " RTP/SAVP 8\r\na=rtcp-mux\r\na=crypto:1 " + SUITE + " "
        + inline(RelayFixture.UE_KEY, RelayFixture.UE_SALT) + ueKeyParams + "\r\n";
    var add = Add.of(TerminationId.CHOOSE, Media.of(TerminationState.of(PropertyParm.quoted("ipdc/realm", "access")),
        new Stream(1, StreamParms.of(LocalControl.of(StreamMode.SEND_RECEIVE), SdpText.of(accessLocal(SUITE)),
            SdpText.of(remote)))), requested);
    var a = success(iq.handler.add(ContextId.CHOOSE, add));
    success(iq.handler.add(a.context(), RelayGatewayHandlerTest.add("core", StreamMode.SEND_RECEIVE,
        SdpText.of(CORE_LOCAL), SdpText.of(coreRemote(core.address().getPort())))));
    return new Added(a.context(), ((AddReply) a.reply()).terminationId(),
        new InetSocketAddress("127.0.0.1", portOf(localOf(a))));
  }

  private record Added(ContextId context, TerminationId termination, InetSocketAddress accessPoint) {
  }

  private static Events ipstop(long requestId, EventParameter... parameters) {
    return Events.of(requestId, RequestedEvent.of("adid/ipstop", parameters));
  }

  private void ueSends(SrtpSendContext tx, int seq, Added call) throws Exception {
    byte[] rtp = Packets.rtp(seq, 160 * seq, UE_SSRC, 160);
    ue.send(RelayFixture.srtp(tx, rtp), call.accessPoint());
  }

  /** The next {@code OtherEvent} named {@code name}. */
  private GatewayEvent.OtherEvent nextOther(String name) throws InterruptedException {
    while (true) {
      var e = iq.next(GatewayEvent.OtherEvent.class);
      if (e.event().name().equals(name)) {
        return e;
      }
    }
  }

  /** No event of {@code type} named {@code name} (null: any) within {@code millis}: silence is the expectation. */
  private void assertNoEvent(Class<? extends GatewayEvent> type, String name, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    long left;
    while ((left = deadline - System.nanoTime()) > 0) {
      GatewayEvent e = iq.events.poll(left, TimeUnit.NANOSECONDS);
      if (type.isInstance(e) && (name == null || ((GatewayEvent.OtherEvent) e).event().name().equals(name))) {
        throw new AssertionError("unexpected " + e);
      }
    }
  }

  @Test
  void givenInactivityDetectionRequested_whenMediaStops_thenOneAdidIpstopPerSilenceReachesTheController()
      throws Exception {
    events = iq.handler.reportEvents(iq.gateway::notify, fast(Duration.ZERO));
    Added call = addAccess("|2^31", ipstop(11));
    try (var ueTx = RelayFixture.ueSender(UE_SSRC)) {
      for (int seq = 1; seq <= 3; seq++) {
        ueSends(ueTx, seq, call);
        core.receive();
      }
      long silentFrom = System.nanoTime();
      var stop = nextOther("adid/ipstop");
      assertThat(System.nanoTime() - silentFrom).isGreaterThanOrEqualTo(INACTIVITY.toNanos() - 40_000_000L);
      assertThat(stop.context()).isEqualTo(call.context());
      assertThat(stop.termination()).isEqualTo(call.termination());
      assertThat(stop.event().parameters()).isEmpty();
      assertNoEvent(GatewayEvent.OtherEvent.class, "adid/ipstop", 3 * INACTIVITY.toMillis());   // once per silence

      ueSends(ueTx, 4, call);                      // media resumes: detection re-arms
      core.receive();
      var again = nextOther("adid/ipstop");
      assertThat(again.termination()).isEqualTo(call.termination());
    }
  }

  @Test
  void givenReservationAskingForTerminationHeartbeats_whenTimerxPasses_thenHangtermThbNotifiesUntilReleased()
      throws Exception {
    events = iq.handler.reportEvents(iq.gateway::notify, fast(Duration.ZERO));
    long asked = System.nanoTime();
    var point = RelayFixture.await(iq.controller.reserveConnectionPoint(
        ims.iq.controller.ConnectionPointRequest.reserve(ContextId.CHOOSE, "core", SdpText.of(CORE_LOCAL))
            .withTerminationHeartbeat(1)));
    var first = iq.next(GatewayEvent.TerminationHeartbeat.class);
    assertThat(System.nanoTime() - asked).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(960));
    assertThat(first.context()).isEqualTo(point.context());
    assertThat(first.termination()).isEqualTo(point.termination());
    assertThat(iq.next(GatewayEvent.TerminationHeartbeat.class).termination()).isEqualTo(point.termination());
    RelayFixture.await(iq.controller.releaseTermination((ContextId.Numbered) point.context(), point.termination()));
    assertNoEvent(GatewayEvent.TerminationHeartbeat.class, null, 1_300);
  }

  @Test
  void givenIpstopWithUnsupportedDetectionTimeOrDirection_whenAdded_thenError449AndNothingIsHeld() throws Exception {
    for (Events bad : List.of(ipstop(12, PropertyParm.of("dt", 0)), ipstop(13, PropertyParm.of("dt", "soon")),
        ipstop(14, PropertyParm.of("dir", "both")))) {
      String remote = RelayGatewayHandlerTest.ueRemote(ue.address().getPort(), SUITE);
      SdpText remoteSdp = SdpText.of(remote);
      var add = Add.of(TerminationId.CHOOSE, Media.of(TerminationState.of(PropertyParm.quoted("ipdc/realm",
          "access")), new Stream(1, StreamParms.of(LocalControl.of(StreamMode.SEND_RECEIVE),
          SdpText.of(accessLocal(SUITE)), remoteSdp))), bad);
      var f = failure(iq.handler.add(ContextId.CHOOSE, add));
      assertThat(f.error().code()).isEqualTo(ErrorCode.UNSUPPORTED_VALUE);
      assertThat(f.error().text().orElse("")).contains("adid/ipstop").doesNotContain("inline");
      assertThat(remoteSdp.isClosed()).isTrue();
    }
    assertThat(iq.handler.contextCount()).isZero();
    assertThat(iq.relay.liveTerminations()).isZero();
  }

  @Test
  void givenWrongKeyBursts_whenFailuresReachTheThreshold_thenOneSrtpsAfbPerBurstWithTheCount() throws Exception {
    events = iq.handler.reportEvents(iq.gateway::notify, fast(Duration.ZERO));
    Added call = addAccess("|2^31", ipstop(21, PropertyParm.of("dt", 3600)));
    try (var wrongKey = MasterKey.of(HexFormat.of().parseHex("0f0e0d0c0b0a09080706050403020100"),
             HexFormat.of().parseHex("0d0c0b0a09080706050403020100"));
         var wrong = new SrtpContextFactory(SrtpParameters.of(RelayFixture.PROFILE, wrongKey));
         var wrongTx = wrong.newSendContext(UE_SSRC)) {
      for (int seq = 1; seq <= 2 * BURST; seq++) {
        ueSends(wrongTx, seq, call);
      }
      var burst = nextOther("srtps/afb");
      assertThat(burst.termination()).isEqualTo(call.termination());
      assertThat(burst.event().parameters()).hasSize(1);
      var n = (PropertyParm) burst.event().parameters().get(0);
      assertThat(n.name()).isEqualTo("n");
      assertThat(Long.parseLong(n.single().map(Value::text).orElseThrow())).isBetween((long) BURST, 2L * BURST);
      for (int seq = 2 * BURST + 1; seq <= 3 * BURST; seq++) {     // the same burst goes on: no second event
        ueSends(wrongTx, seq, call);
      }
      assertNoEvent(GatewayEvent.OtherEvent.class, "srtps/afb", 3 * WINDOW.toMillis());

      for (int seq = 3 * BURST + 1; seq <= 5 * BURST; seq++) {     // a window later: a new burst, a new event
        ueSends(wrongTx, seq, call);
      }
      assertThat(nextOther("srtps/afb").termination()).isEqualTo(call.termination());
    }
  }

  @Test
  void givenBurstEventsRateLimited_whenASecondBurstFollowsSoon_thenItIsNotReported() throws Exception {
    events = iq.handler.reportEvents(iq.gateway::notify, fast(Duration.ofSeconds(60)));
    Added call = addAccess("|2^31", ipstop(31, PropertyParm.of("dt", 3600)));
    try (var wrongKey = MasterKey.of(HexFormat.of().parseHex("1f1e1d1c1b1a19181716151413121110"),
             HexFormat.of().parseHex("1d1c1b1a19181716151413121110"));
         var wrong = new SrtpContextFactory(SrtpParameters.of(RelayFixture.PROFILE, wrongKey));
         var wrongTx = wrong.newSendContext(UE_SSRC)) {
      for (int seq = 1; seq <= 2 * BURST; seq++) {
        ueSends(wrongTx, seq, call);
      }
      nextOther("srtps/afb");
      assertNoEvent(GatewayEvent.OtherEvent.class, "srtps/afb", 2 * WINDOW.toMillis());   // the burst ends
      for (int seq = 2 * BURST + 1; seq <= 4 * BURST; seq++) {
        ueSends(wrongTx, seq, call);
      }
      assertNoEvent(GatewayEvent.OtherEvent.class, "srtps/afb", 3 * WINDOW.toMillis());
      assertThat(accessView().statistics().discarded(DiscardReason.AUTH_FAILURE)).isEqualTo(4 * BURST);
    }
  }

  private TerminationView accessView() throws Exception {
    return iq.handler.contexts().get(5, TimeUnit.SECONDS).get(0).terminations().get(0);
  }

  @Test
  void givenUeKeyWithLifetimeOfFourPackets_whenItIsUsedUp_thenOneSrtpsKlNotifyAndLaterPacketsAreDropped()
      throws Exception {
    events = iq.handler.reportEvents(iq.gateway::notify, fast(Duration.ZERO));
    Added call = addAccess("|2^2", ipstop(41, PropertyParm.of("dt", 3600)));
    try (var ueTx = RelayFixture.ueSender(UE_SSRC)) {
      for (int seq = 1; seq <= 4; seq++) {
        ueSends(ueTx, seq, call);
        assertThat(core.receive()).hasSize(172);
      }
      var expired = iq.next(GatewayEvent.SrtpKeyLifetime.class);
      assertThat(expired.context()).isEqualTo(call.context());
      assertThat(expired.termination()).isEqualTo(call.termination());
      ueSends(ueTx, 5, call);                                   // the key is used up: dropped
      core.assertNothingWithin(200);
      assertNoEvent(GatewayEvent.SrtpKeyLifetime.class, null, 300);
      assertThat(accessView().statistics().discarded(DiscardReason.KEY_EXPIRED)).isEqualTo(1);
    }
  }
}
