package ims.media.relay;

import static ims.media.relay.RelayFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.gateway.CommandOutcome;
import ims.iq.message.Add;
import ims.iq.message.AddReply;
import ims.iq.message.AuditValue;
import ims.iq.message.AuditValueReply;
import ims.iq.message.Audit;
import ims.iq.message.ContextId;
import ims.iq.message.ErrorCode;
import ims.iq.message.LocalControl;
import ims.iq.message.Media;
import ims.iq.message.Modify;
import ims.iq.message.PropertyParm;
import ims.iq.message.SdpText;
import ims.iq.message.Statistics;
import ims.iq.message.Stream;
import ims.iq.message.StreamMode;
import ims.iq.message.StreamParms;
import ims.iq.message.Subtract;
import ims.iq.message.SubtractReply;
import ims.iq.message.TerminationId;
import ims.iq.message.TerminationState;
import ims.media.srtp.SrtpReceiveContext;
import ims.media.srtp.SrtpSendContext;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Iq gateway handler driving the relay with Iq commands (as decoded), media checked over real UDP. */
@Timeout(30)
class RelayGatewayHandlerTest {
  private static final int UE_SSRC = 0x1234;
  private static final int CORE_SSRC = 0x5678;
  private static final Pattern M_PORT = Pattern.compile("m=audio (\\d+) ");

  static String inline(byte[] key, byte[] salt) {
    byte[] both = new byte[key.length + salt.length];
    System.arraycopy(key, 0, both, 0, key.length);
    System.arraycopy(salt, 0, both, key.length, salt.length);
    return "inline:" + Base64.getEncoder().encodeToString(both);
  }

  static String accessLocal(String suite) {
    return "v=0\r\nc=IN IP4 $\r\nm=audio $ RTP/SAVP 8\r\na=rtpmap:8 PCMA/8000\r\na=crypto:1 " + suite + " "
        + inline(RelayFixture.AGW_KEY, RelayFixture.AGW_SALT) + "|2^31\r\n";
  }

  static String ueRemote(int port, String suite) {
    return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " + port
        + " RTP/SAVP 8\r\na=rtcp-mux\r\na=crypto:1 " + suite + " " + inline(RelayFixture.UE_KEY, RelayFixture.UE_SALT)
        + "|2^31\r\n";
  }

  static final String CORE_LOCAL = "v=0\r\nc=IN IP4 $\r\nm=audio $ RTP/AVP 8\r\n";

  static String coreRemote(int port) {
    return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " + port
        + " RTP/AVP 8\r\na=rtcp-mux\r\n";
  }

  static Add add(String realm, StreamMode mode, SdpText local, SdpText remote) {
    return Add.of(TerminationId.CHOOSE, Media.of(TerminationState.of(PropertyParm.quoted("ipdc/realm", realm)),
        new Stream(1, StreamParms.of(LocalControl.of(mode), local, remote))));
  }

  static CommandOutcome.Success success(CompletionStage<CommandOutcome> stage) throws Exception {
    CommandOutcome o = await(stage.toCompletableFuture());
    assertThat(o).isInstanceOf(CommandOutcome.Success.class);
    return (CommandOutcome.Success) o;
  }

  static CommandOutcome.Failure failure(CompletionStage<CommandOutcome> stage) throws Exception {
    CommandOutcome o = await(stage.toCompletableFuture());
    assertThat(o).isInstanceOf(CommandOutcome.Failure.class);
    return (CommandOutcome.Failure) o;
  }

  static String localOf(CommandOutcome.Success s) {
    return ((AddReply) s.reply()).media().flatMap(m -> m.stream(1)).flatMap(StreamParms::local).orElseThrow().text();
  }

  static int portOf(String sdp) {
    Matcher m = M_PORT.matcher(sdp);
    assertThat(m.find()).isTrue();
    return Integer.parseInt(m.group(1));
  }

  /** A whole call: reserve-and-configure both sides, media both ways, audit, release. */
  @Test
  void givenE2aeAddsOverIq_whenMediaFlowsAndTerminationsAreSubtracted_thenMediaIsConvertedAndStatisticsReturned()
      throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(4, true));
         var handler = new RelayGatewayHandler(relay);
         var ue = new Peer(); var core = new Peer();
         SrtpSendContext ueTx = RelayFixture.ueSender(UE_SSRC);
         SrtpReceiveContext ueRx = RelayFixture.ueReceiver(CORE_SSRC)) {
      SdpText accessLocal = SdpText.of(accessLocal("AES_CM_128_HMAC_SHA1_80"));
      SdpText accessRemote = SdpText.of(ueRemote(ue.address().getPort(), "AES_CM_128_HMAC_SHA1_80"));
      var a = success(handler.add(ContextId.CHOOSE, add("access", StreamMode.SEND_RECEIVE, accessLocal, accessRemote)));
      assertThat(accessLocal.isClosed()).isTrue();                 // the handler wiped the SDP holding the keys
      assertThat(accessRemote.isClosed()).isTrue();
      String local = localOf(a);
      assertThat(local).contains("c=IN IP4 127.0.0.1\r\n").doesNotContain("a=crypto").doesNotContain("$");
      int accessPort = portOf(local);
      assertThat(accessPort % 2).isZero();
      assertThat(relay.pool(Realm.ACCESS).isInUse(new PortPair(accessPort))).isTrue();

      var c = success(handler.add(a.context(), add("core", StreamMode.SEND_RECEIVE, SdpText.of(CORE_LOCAL),
          SdpText.of(coreRemote(core.address().getPort())))));
      assertThat(c.context()).isEqualTo(a.context());
      int corePort = portOf(localOf(c));
      var accessPoint = new java.net.InetSocketAddress("127.0.0.1", accessPort);
      var corePoint = new java.net.InetSocketAddress("127.0.0.1", corePort);

      byte[] up = Packets.rtp(1, 160, UE_SSRC, 160);
      byte[] srtp = Packets.withRoom(up, 16);
      ue.send(Arrays.copyOf(srtp, ueTx.protectRtp(srtp, 0, up.length)), accessPoint);
      assertThat(core.receive()).isEqualTo(up);

      byte[] down = Packets.rtp(1, 160, CORE_SSRC, 160);
      core.send(down, corePoint);
      byte[] got = ue.receive();
      assertThat(RelayFixture.plain(ueRx, got)).isEqualTo(down);

      TerminationId accessId = ((AddReply) a.reply()).terminationId();
      var audit = success(handler.auditValue(a.context(), new AuditValue(accessId, Audit.of(Audit.AuditItem.STATISTICS))));
      Statistics audited = ((AuditValueReply) audit.reply()).statistics().orElseThrow();
      assertThat(audited.counter("rtp/pr")).hasValue(1);
      assertThat(audited.counter("rtp/ps")).hasValue(1);

      var s = success(handler.subtract(a.context(), Subtract.of(accessId)));
      Statistics stats = ((SubtractReply) s.reply()).statistics().orElseThrow();
      assertThat(stats.counter("nt/or")).hasValue(up.length + 10);
      assertThat(stats.counter("nt/os")).hasValue(down.length + 10);
      assertThat(stats.counter("srtps/af")).hasValue(0);
      assertThat(relay.pool(Realm.ACCESS).inUse()).isZero();
      assertThat(failure(handler.subtract(a.context(), Subtract.of(accessId))).error().code())
          .isEqualTo(ErrorCode.UNKNOWN_TERMINATION_ID);

      success(handler.subtract(a.context(), Subtract.of(((AddReply) c.reply()).terminationId())));
      assertThat(handler.contextCount()).isZero();
      assertThat(relay.pool(Realm.CORE).inUse()).isZero();
      assertThat(relay.liveTerminations()).isZero();
      assertThat(failure(handler.subtract(a.context(), Subtract.of(accessId))).error().code())
          .isEqualTo(ErrorCode.UNKNOWN_CONTEXT_ID);
    }
  }

  @Test
  void givenUnknownCryptoSuite_whenAdded_thenError449AndNothingAllocated() throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(2, true));
         var handler = new RelayGatewayHandler(relay)) {
      SdpText remote = SdpText.of(ueRemote(40_000, "SEED_128_CTR_HMAC_SHA1_80"));
      var f = failure(handler.add(ContextId.CHOOSE, add("access", StreamMode.SEND_RECEIVE,
          SdpText.of(accessLocal("AES_CM_128_HMAC_SHA1_80")), remote)));
      assertThat(f.error().code()).isEqualTo(ErrorCode.UNSUPPORTED_VALUE);
      assertThat(f.error().text().orElse("")).contains("SEED_128_CTR_HMAC_SHA1_80").doesNotContain("inline");
      assertThat(remote.isClosed()).isTrue();
      assertThat(handler.contextCount()).isZero();
      assertThat(relay.pool(Realm.ACCESS).inUse()).isZero();
      assertThat(relay.liveTerminations()).isZero();
    }
  }

  @Test
  void givenExhaustedAccessRange_whenAnotherCallIsAdded_thenError510AndNoContextOrPortIsLeft() throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(1, true));
         var handler = new RelayGatewayHandler(relay)) {
      success(handler.add(ContextId.CHOOSE, add("access", StreamMode.SEND_RECEIVE,
          SdpText.of(accessLocal("AES_CM_128_HMAC_SHA1_80")), SdpText.of(ueRemote(40_000, "AES_CM_128_HMAC_SHA1_80")))));
      var f = failure(handler.add(ContextId.CHOOSE, add("access", StreamMode.SEND_RECEIVE,
          SdpText.of(accessLocal("AES_CM_128_HMAC_SHA1_80")), SdpText.of(ueRemote(40_002, "AES_CM_128_HMAC_SHA1_80")))));
      assertThat(f.error().code()).isEqualTo(ErrorCode.INSUFFICIENT_RESOURCES);
      assertThat(handler.contextCount()).isEqualTo(1);
      assertThat(relay.pool(Realm.ACCESS).inUse()).isEqualTo(1);
      assertThat(relay.liveTerminations()).isEqualTo(1);
      assertThat(await(handler.releaseAll())).isEqualTo(1);
      assertThat(relay.pool(Realm.ACCESS).inUse()).isZero();
      assertThat(handler.contextCount()).isZero();
    }
  }

  @Test
  void givenUnknownContextRealmOrMode_whenCommanded_thenTheMatchingIqError() throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(2, true));
         var handler = new RelayGatewayHandler(relay)) {
      assertThat(failure(handler.add(ContextId.of(77), add("access", StreamMode.SEND_RECEIVE,
          SdpText.of(CORE_LOCAL), SdpText.of(coreRemote(40_000))))).error().code())
          .isEqualTo(ErrorCode.UNKNOWN_CONTEXT_ID);
      assertThat(failure(handler.add(ContextId.CHOOSE, add("transit", StreamMode.SEND_RECEIVE,
          SdpText.of(CORE_LOCAL), SdpText.of(coreRemote(40_000))))).error().code())
          .isEqualTo(ErrorCode.UNSUPPORTED_VALUE);
      assertThat(failure(handler.add(ContextId.CHOOSE, add("core", StreamMode.LOOPBACK,
          SdpText.of(CORE_LOCAL), SdpText.of(coreRemote(40_000))))).error().code())
          .isEqualTo(ErrorCode.UNSUPPORTED_MODE);
      assertThat(failure(handler.modify(ContextId.of(5), Modify.of(TerminationId.of("ip/1/core/1"),
          Media.of(new Stream(1, StreamParms.of(LocalControl.of(StreamMode.INACTIVE)))))))
          .error().code()).isEqualTo(ErrorCode.UNKNOWN_CONTEXT_ID);
      assertThat(handler.contextCount()).isZero();
      assertThat(relay.liveTerminations()).isZero();
    }
  }

  @Test
  void givenModifyWithSameKeyThenInactive_whenUeReplaysAndSends_thenReplayIsRefusedAndGateCloses() throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(2, true));
         var handler = new RelayGatewayHandler(relay);
         var ue = new Peer(); var core = new Peer();
         SrtpSendContext ueTx = RelayFixture.ueSender(UE_SSRC)) {
      var a = success(handler.add(ContextId.CHOOSE, add("access", StreamMode.SEND_RECEIVE,
          SdpText.of(accessLocal("AES_CM_128_HMAC_SHA1_80")),
          SdpText.of(ueRemote(ue.address().getPort(), "AES_CM_128_HMAC_SHA1_80")))));
      success(handler.add(a.context(), add("core", StreamMode.SEND_RECEIVE, SdpText.of(CORE_LOCAL),
          SdpText.of(coreRemote(core.address().getPort())))));
      TerminationId accessId = ((AddReply) a.reply()).terminationId();
      var accessPoint = new java.net.InetSocketAddress("127.0.0.1", portOf(localOf(a)));

      byte[] first = Packets.rtp(1, 160, UE_SSRC, 100);
      byte[] firstSrtp = RelayFixture.srtp(ueTx, first);
      ue.send(firstSrtp, accessPoint);
      assertThat(core.receive()).isEqualTo(first);

      // Re-INVITE with the same UE key: a new Remote with the same a=crypto.
      success(handler.modify(a.context(), Modify.of(accessId, Media.of(new Stream(1, new StreamParms(Optional.empty(),
          Optional.empty(), Optional.of(SdpText.of(ueRemote(ue.address().getPort(), "AES_CM_128_HMAC_SHA1_80"))),
          Optional.empty()))))));
      ue.send(firstSrtp, accessPoint);                               // replay state was kept: refused
      byte[] second = Packets.rtp(2, 320, UE_SSRC, 100);
      ue.send(RelayFixture.srtp(ueTx, second), accessPoint);
      assertThat(core.receive()).isEqualTo(second);

      // An RTP/SAVP Remote without a=crypto (only the address restated) keeps the UE key: SRTP still decrypts.
      String noCrypto = ueRemote(ue.address().getPort(), "AES_CM_128_HMAC_SHA1_80").replaceAll("a=crypto:[^\r]*\r\n", "");
      assertThat(noCrypto).contains("RTP/SAVP").doesNotContain("a=crypto");
      success(handler.modify(a.context(), Modify.of(accessId, Media.of(new Stream(1, new StreamParms(Optional.empty(),
          Optional.empty(), Optional.of(SdpText.of(noCrypto)), Optional.empty()))))));
      byte[] kept = Packets.rtp(5, 800, UE_SSRC, 100);
      ue.send(RelayFixture.srtp(ueTx, kept), accessPoint);
      assertThat(core.receive()).isEqualTo(kept);

      success(handler.modify(a.context(), Modify.of(accessId,
          Media.of(new Stream(1, StreamParms.of(LocalControl.of(StreamMode.INACTIVE)))))));
      byte[] third = Packets.rtp(3, 480, UE_SSRC, 100);
      ue.send(RelayFixture.srtp(ueTx, third), accessPoint);
      core.assertNothingWithin(300);                                 // inactive: the gate holds it

      var audit = success(handler.auditValue(a.context(), new AuditValue(accessId, Audit.of(Audit.AuditItem.STATISTICS))));
      Statistics st = ((AuditValueReply) audit.reply()).statistics().orElseThrow();
      assertThat(st.counter("srtps/rd")).hasValue(1);
      assertThat(await(handler.releaseAll())).isEqualTo(1);
      assertThat(relay.liveTerminations()).isZero();
    }
  }
}
