package ims.iq.codec;

import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.message.ActionReply;
import ims.iq.message.ActionRequest;
import ims.iq.message.Add;
import ims.iq.message.ContextId;
import ims.iq.message.ErrorCode;
import ims.iq.message.ErrorDescriptor;
import ims.iq.message.Events;
import ims.iq.message.LocalControl;
import ims.iq.message.MId;
import ims.iq.message.Media;
import ims.iq.message.Message;
import ims.iq.message.Modify;
import ims.iq.message.PropertyParm;
import ims.iq.message.RequestedEvent;
import ims.iq.message.ServiceChange;
import ims.iq.message.ServiceChangeMethod;
import ims.iq.message.ServiceChangeProfile;
import ims.iq.message.Stream;
import ims.iq.message.StreamMode;
import ims.iq.message.StreamParms;
import ims.iq.message.SubtractReply;
import ims.iq.message.TerminationId;
import ims.iq.message.TransactionReply;
import ims.iq.message.TransactionRequest;
import org.junit.jupiter.api.Test;

/** Known answers from the example messages of the Iq notes (iq.md), which tshark and Erlang/OTP decode. */
class IqExamplesTest {
  private static Message decode(String prefix) throws IqDecodeException {
    return IqCodec.decode(ExampleMessages.iq(prefix).octets());
  }

  @Test
  void gatewayRestartCarriesMethodReasonVersionAndProfile() throws Exception {
    Message m = decode("01-");
    assertThat(m.version()).isEqualTo(3);
    assertThat(m.mId()).isEqualTo(MId.domain("agw1.example.net", 2944));
    var sc = (ServiceChange) ((TransactionRequest) m.transactions().get(0)).actions().get(0).commands().get(0).command();
    assertThat(sc.terminationId().isRoot()).isTrue();
    assertThat(sc.parms().method()).isEqualTo(ServiceChangeMethod.RESTART);
    assertThat(sc.parms().reason()).contains("901 Cold Boot");
    assertThat(sc.parms().version()).hasValue(3);
    assertThat(sc.parms().profile()).contains(new ServiceChangeProfile("iqprof", 1));
  }

  @Test
  void reserveAndConfigureCarriesRealmModeBothSdpBlocksAndHeartbeatEvent() throws Exception {
    var action = ((TransactionRequest) decode("02-").transactions().get(0)).actions().get(0);
    assertThat(action.contextId()).isEqualTo(ContextId.CHOOSE);
    var add = (Add) action.commands().get(0).command();
    assertThat(add.terminationId()).isEqualTo(TerminationId.CHOOSE);
    var media = add.media().orElseThrow();
    assertThat(media.terminationState().orElseThrow().property("ipdc/realm"))
        .contains(PropertyParm.quoted("ipdc/realm", "access"));
    var stream = media.stream(1).orElseThrow();
    assertThat(stream.localControl().orElseThrow().mode()).contains(StreamMode.SEND_RECEIVE);
    assertThat(stream.local().orElseThrow().text()).isEqualTo("v=0\nc=IN IP4 $\nm=audio $ RTP/SAVP 96\na=rtpmap:96 AMR-WB/16000\n");
    assertThat(stream.remote().orElseThrow().text()).contains("m=audio 49170 RTP/SAVP 96\n")
        .endsWith("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^31\n");
    assertThat(add.events()).contains(Events.of(1, RequestedEvent.of("hangterm/thb", PropertyParm.of("timerx", 60))));
  }

  @Test
  void releaseReplyCarriesTheStatistics() throws Exception {
    var reply = (TransactionReply) decode("03-").transactions().get(0);
    var subtract = (SubtractReply) reply.actions().get(0).replies().get(0);
    assertThat(reply.actions().get(0).contextId()).isEqualTo(ContextId.of(4711));
    assertThat(subtract.terminationId()).isEqualTo(TerminationId.of("ip/1/access/17"));
    var stats = subtract.statistics().orElseThrow();
    assertThat(stats.counter("nt/os")).hasValue(62345);
    assertThat(stats.counter("nt/or")).hasValue(45123);
    assertThat(stats.counter("nt/dur")).hasValue(40);
    assertThat(stats.counter("rtp/ps")).hasValue(1245);
    assertThat(stats.counter("rtp/pr")).hasValue(780);
  }

  @Test
  void error449IsAnActionLevelErrorWithItsText() throws Exception {
    var reply = (TransactionReply) decode("04-").transactions().get(0);
    assertThat(reply.actions()).containsExactly(ActionReply.error(ContextId.NULL,
        ErrorDescriptor.of(ErrorCode.of(449), "Unsupported or Unknown Parameter or Property Value")));
  }

  @Test
  void compactChangeThroughConnectionEqualsTheMessageBuiltWithTheApi() throws Exception {
    var media = Media.of(new Stream(1, StreamParms.of(LocalControl.of(StreamMode.INACTIVE))));
    var expected = Message.of(MId.domain("pcscf1.example.net", 2944), TransactionRequest.of(1006,
        ActionRequest.of(ContextId.of(4711), Modify.of(TerminationId.of("ip/1/access/17"), media))));
    assertThat(decode("05-")).isEqualTo(expected);
    assertThat(IqCodec.encode(expected, TokenStyle.COMPACT).strip())
        .isEqualTo("!/3 <pcscf1.example.net>:2944\nT=1006{C=4711{MF=ip/1/access/17{M{ST=1{O{MO=IN}}}}}}");
  }
}
