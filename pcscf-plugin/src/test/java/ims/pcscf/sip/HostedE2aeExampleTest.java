package ims.pcscf.sip;

import static ims.pcscf.sip.E2aeFixtures.cryptoLines;
import static ims.pcscf.sip.E2aeHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.controller.IqController;
import ims.iq.gateway.IqGatewayServer;
import ims.iq.gateway.RecordingGatewayHandler;
import ims.iq.message.Add;
import ims.iq.message.Modify;
import ims.iq.message.Subtract;
import ims.pcscf.api.MediaSecurityInterceptor;
import ims.pcscf.api.PcscfPlugin;
import ims.pcscf.example.E2aeHostProxy;
import ims.pcscf.policy.PcscfPolicy;
import ims.pcscf.registration.RegistrationStore;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's plugin example ({@link E2aeHostProxy}, an operator's own JAIN-SIP proxy hosting
 * {@link MediaSecurityInterceptor}) over real UDP on 127.0.0.1, with the Iq gateway server and iq-protocol's
 * {@link RecordingGatewayHandler}: mediasec registration, both e2ae flows, release on BYE and on close.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostedE2aeExampleTest {

  private static final String UE_KEY = E2aeFixtures.UE_KEY;
  private static final String UE_OFFER = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
      + "m=audio 40000 RTP/SAVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
      + "a=crypto:7 AES_CM_128_HMAC_SHA1_80 inline:" + UE_KEY + "|2^20|1:4\r\n"
      + "a=3ge2ae:requested\r\n";

  private RawSipPeer ue;
  private RawSipPeer core;
  private final RecordingGatewayHandler handler = new RecordingGatewayHandler();
  private final HoldingGateway holding = new HoldingGateway(handler);
  private IqController controller;
  private IqGatewayServer gateway;
  private MediaSecurityInterceptor interceptor;
  private E2aeHostProxy host;
  private int accessPort;
  private int corePort;

  @BeforeEach
  void start() throws Exception {
    ue = new RawSipPeer();
    core = new RawSipPeer();
    controller = E2aeHarness.iqController();
    gateway = E2aeHarness.iqGateway(controller, holding);
    var clock = Clock.systemUTC();
    interceptor = PcscfPlugin.newMediaSecurityInterceptor(PcscfPolicy.DEFAULT, new RegistrationStore(clock, 100),
        clock, controller);
    accessPort = FreePorts.udpAndTcp();
    corePort = FreePorts.udpAndTcp();
    host = E2aeHostProxy.start("127.0.0.1", accessPort, corePort, new InetSocketAddress("127.0.0.1", core.port()),
        interceptor);
  }

  @AfterEach
  void stop() {
    host.close();
    gateway.close();
    controller.close();
    handler.close();
    ue.close();
    core.close();
  }

  private void registerAlice() throws Exception {
    ue.send(SipRequests.register(ue.port(), "alice", "reg-alice@test", "Security-Client: sdes-srtp;mediasec",
        "Require: sec-agree", "Proxy-Require: sec-agree"), accessPort);
    String atCore = core.receiveFor("reg-alice@test", WAIT);
    assertThat(atCore).doesNotContain("mediasec").doesNotContain("sdes-srtp").doesNotContain("sec-agree")
        .contains("Path: <sip:127.0.0.1:" + corePort + ";lr>");
    core.send(RawSip.response(atCore, "200 OK", "Contact: <sip:alice@127.0.0.1:" + ue.port() + ">;expires=600"),
        RawSip.topViaPort(atCore));
    String ok = ue.receiveFor("reg-alice@test", WAIT);
    assertThat(RawSip.firstLine(ok)).isEqualTo("SIP/2.0 200 OK");
    assertThat(RawSip.values(ok, "Security-Server")).containsExactly("sdes-srtp;mediasec");
  }

  @Test
  void givenHostProxyWithTheInterceptor_whenMediasecUeMakesAnE2aeCall_thenAnchoredAtTheGatewayAndReleasedOnBye()
      throws Exception {
    registerAlice();
    ue.send(CallMessages.invite("sip:bob@ims.example.net", "alice", ue.port(), "hosted-orig@test", UE_OFFER),
        accessPort);

    String atCore = core.receiveFor("hosted-orig@test", WAIT);
    assertThat(CallMessages.body(atCore)).doesNotContain("a=crypto").doesNotContain("3ge2ae").doesNotContain(UE_KEY)
        .contains("m=audio 20000 RTP/AVP 0\r\n");
    core.send(CallMessages.response(atCore, "200 OK", "bob1", core.port(), E2aeFixtures.FAR_END_RTP),
        RawSip.topViaPort(atCore));
    String ok = ue.receiveFor("hosted-orig@test", WAIT);
    assertThat(RawSip.firstLine(ok)).isEqualTo("SIP/2.0 200 OK");
    String answer = CallMessages.body(ok);
    assertThat(cryptoLines(answer)).singleElement().asString()
        .startsWith("a=crypto:7 AES_CM_128_HMAC_SHA1_80 inline:").doesNotContain(UE_KEY);
    assertThat(answer).contains("m=audio 20002 RTP/SAVP 0\r\n").contains("a=3ge2ae:applied\r\n");
    assertThat(commands(Add.class)).hasSize(2);
    assertThat(commands(Modify.class)).hasSize(2);
    var counters = ((HostedMediaSecurity) interceptor).counters(); // the same counters as the standalone proxy
    assertThat(counters.callsE2ae()).isEqualTo(1);
    assertThat(counters.iqSucceeded()).isEqualTo(4);

    List<String> routes = List.of("<sip:127.0.0.1:" + accessPort + ";lr>", "<sip:127.0.0.1:" + corePort + ";lr>");
    ue.send(CallMessages.inDialog("BYE", "sip:peer@127.0.0.1:" + core.port(), routes, ue.port(),
        RawSip.values(ok, "From").get(0), RawSip.values(ok, "To").get(0), "hosted-orig@test", 2,
        CallMessages.branch()), accessPort);
    String bye = core.receiveFor("hosted-orig@test", WAIT);
    assertThat(RawSip.firstLine(bye)).startsWith("BYE ");
    core.send(CallMessages.response(bye, "200 OK", null, 0, null), RawSip.topViaPort(bye));
    assertThat(RawSip.firstLine(ue.receiveFor("hosted-orig@test", WAIT))).isEqualTo("SIP/2.0 200 OK");
    E2aeHarness.awaitCondition(() -> handler.contexts().isEmpty());
    assertThat(commands(Subtract.class)).hasSize(2).doesNotHaveDuplicates();
  }

  @Test
  void givenHostProxyWithTheInterceptor_whenTheCoreCallsAMediasecUe_thenUeGetsSrtpAndTheCorePlainRtpAndCloseReleases()
      throws Exception {
    registerAlice();
    core.send(CallMessages.invite("sip:alice@127.0.0.1:" + ue.port(), "carol", core.port(), "hosted-term@test",
        E2aeFixtures.FAR_END_RTP, "Route: <sip:127.0.0.1:" + corePort + ";lr>"), corePort);

    String atUe = ue.receiveFor("hosted-term@test", WAIT);
    String ueOffer = CallMessages.body(atUe);
    assertThat(cryptoLines(ueOffer)).hasSize(2);
    assertThat(ueOffer).contains("m=audio 20002 RTP/SAVP 0\r\n").contains("a=3ge2ae:applied\r\n");
    String k22 = "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + UE_KEY + "\r\n";
    String ueAnswer = "v=0\r\no=- 7 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio 40000 RTP/SAVP 0\r\na=rtpmap:0 PCMU/8000\r\n" + k22;
    ue.send(CallMessages.response(atUe, "200 OK", "alice1", ue.port(), ueAnswer), RawSip.topViaPort(atUe));

    String ok = core.receiveFor("hosted-term@test", WAIT);
    assertThat(RawSip.firstLine(ok)).isEqualTo("SIP/2.0 200 OK");
    assertThat(CallMessages.body(ok)).doesNotContain("a=crypto").doesNotContain("3ge2ae").doesNotContain(UE_KEY)
        .contains("m=audio 20000 RTP/AVP 0\r\n");
    assertThat(handler.contexts()).hasSize(1);

    host.close(); // the host shuts down with the call up: the interceptor releases its context
    E2aeHarness.awaitCondition(() -> handler.contexts().isEmpty());
    assertThat(commands(Subtract.class)).hasSize(2).doesNotHaveDuplicates();
  }

  @Test
  void givenTheGatewayStillReserving_whenTheUeCancels_thenTheInterceptorAnswers487AndNothingReachesTheCore()
      throws Exception {
    registerAlice();
    holding.holdAccessAdd = true;
    String invite = CallMessages.invite("sip:bob@ims.example.net", "alice", ue.port(), "hosted-cancel@test", UE_OFFER);
    ue.send(invite, accessPort);
    holding.accessAddArrived.get(5, TimeUnit.SECONDS);

    String cancel = invite.replaceFirst("INVITE sip", "CANCEL sip").replace("CSeq: 1 INVITE", "CSeq: 1 CANCEL")
        .replaceFirst("Content-Type: application/sdp\r\nContent-Length: \\d+\r\n\r\n[\\s\\S]*", "Content-Length: 0\r\n\r\n");
    ue.send(cancel, accessPort);
    assertThat(RawSip.firstLine(ue.receiveFor("hosted-cancel@test", WAIT))).isEqualTo("SIP/2.0 200 OK");
    holding.open.complete(null);
    assertThat(RawSip.firstLine(ue.receiveFor("hosted-cancel@test", WAIT))).isEqualTo("SIP/2.0 487 Request Terminated");
    assertThat(core.poll(java.time.Duration.ofMillis(300))).isNull();
    E2aeHarness.awaitCondition(() -> handler.contexts().isEmpty());
    assertThat(commands(Subtract.class)).doesNotHaveDuplicates();
  }

  /** Delegates to the recording handler; can hold the Add of an access termination until {@link #open}. */
  private static final class HoldingGateway implements ims.iq.gateway.IqGatewayHandler {
    private final RecordingGatewayHandler recording;
    volatile boolean holdAccessAdd;
    final java.util.concurrent.CompletableFuture<Void> open = new java.util.concurrent.CompletableFuture<>();
    final java.util.concurrent.CompletableFuture<Void> accessAddArrived = new java.util.concurrent.CompletableFuture<>();

    HoldingGateway(RecordingGatewayHandler recording) {
      this.recording = recording;
    }

    @Override
    public java.util.concurrent.CompletionStage<ims.iq.gateway.CommandOutcome> add(ims.iq.message.ContextId context,
        Add add) {
      if (!holdAccessAdd || context == ims.iq.message.ContextId.CHOOSE) {
        return recording.add(context, add);
      }
      accessAddArrived.complete(null);
      return open.thenCompose(ignored -> recording.add(context, add));
    }

    @Override
    public java.util.concurrent.CompletionStage<ims.iq.gateway.CommandOutcome> modify(ims.iq.message.ContextId context,
        Modify modify) {
      return recording.modify(context, modify);
    }

    @Override
    public java.util.concurrent.CompletionStage<ims.iq.gateway.CommandOutcome> subtract(ims.iq.message.ContextId context,
        Subtract subtract) {
      return recording.subtract(context, subtract);
    }

    @Override
    public java.util.concurrent.CompletionStage<ims.iq.gateway.CommandOutcome> auditValue(
        ims.iq.message.ContextId context, ims.iq.message.AuditValue auditValue) {
      return recording.auditValue(context, auditValue);
    }
  }

  private <T> List<T> commands(Class<T> type) {
    return handler.recorded().stream().map(RecordingGatewayHandler.Recorded::command).filter(type::isInstance)
        .map(type::cast).toList();
  }
}
