package ims.iq.codec;

import ims.iq.message.ActionReply;
import ims.iq.message.ActionRequest;
import ims.iq.message.Add;
import ims.iq.message.AddReply;
import ims.iq.message.Audit;
import ims.iq.message.AuditValue;
import ims.iq.message.AuditValueReply;
import ims.iq.message.CommandRequest;
import ims.iq.message.ContextId;
import ims.iq.message.ContextProperties;
import ims.iq.message.ErrorCode;
import ims.iq.message.ErrorDescriptor;
import ims.iq.message.EventParameter;
import ims.iq.message.Events;
import ims.iq.message.LocalControl;
import ims.iq.message.MId;
import ims.iq.message.Media;
import ims.iq.message.Message;
import ims.iq.message.MessageBody;
import ims.iq.message.Modify;
import ims.iq.message.ModifyReply;
import ims.iq.message.Notify;
import ims.iq.message.NotifyReply;
import ims.iq.message.ObservedEvent;
import ims.iq.message.ObservedEvents;
import ims.iq.message.Packages;
import ims.iq.message.PropertyParm;
import ims.iq.message.RequestedEvent;
import ims.iq.message.SdpText;
import ims.iq.message.ServiceChange;
import ims.iq.message.ServiceChangeAddress;
import ims.iq.message.ServiceChangeMethod;
import ims.iq.message.ServiceChangeParms;
import ims.iq.message.ServiceChangeProfile;
import ims.iq.message.ServiceChangeReply;
import ims.iq.message.ServiceChangeResult;
import ims.iq.message.SrtpStatistics;
import ims.iq.message.Statistics;
import ims.iq.message.StatisticsParameter;
import ims.iq.message.Stream;
import ims.iq.message.StreamMode;
import ims.iq.message.StreamParms;
import ims.iq.message.Subtract;
import ims.iq.message.SubtractReply;
import ims.iq.message.TerminationId;
import ims.iq.message.TerminationState;
import ims.iq.message.TimeStamp;
import ims.iq.message.TransactionPending;
import ims.iq.message.TransactionReply;
import ims.iq.message.TransactionRequest;
import ims.iq.message.TransactionResponseAck;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every kind of message the Iq controller (P-CSCF) and gateway (IMS-AGW) sides emit in an e2ae call, built with the
 * message API: the fixture for round-trip, tshark and Erlang/OTP tests. Keys are RFC 4568 example-shaped test keys.
 */
final class IqCallFlow {
  static final MId PCSCF = MId.domain("pcscf1.example.net", 2944);
  static final MId AGW = MId.domain("agw1.example.net", 2944);
  static final TerminationId ACCESS = TerminationId.of("ip/1/access/17");
  static final TerminationId CORE = TerminationId.of("ip/1/core/18");
  static final ContextId CONTEXT = ContextId.of(4711);
  /** The UE's key (Remote of the access termination): the gateway decrypts with it. */
  static final String UE_KEY = "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";
  /** The gateway's key toward the UE (Local of the access termination). */
  static final String AGW_KEY = "d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj";

  private IqCallFlow() {
  }

  record Named(String name, Message message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Named> all() {
    var list = new ArrayList<Named>();
    list.add(new Named("gateway-restart", gatewayRestart()));
    list.add(new Named("restart-reply-version", restartReply()));
    list.add(new Named("reserve-access", reserveAccess()));
    list.add(new Named("reserve-access-reply", reserveAccessReply()));
    list.add(new Named("reserve-configure-core", reserveAndConfigureCore()));
    list.add(new Named("reserve-configure-core-reply", reserveAndConfigureCoreReply()));
    list.add(new Named("configure-access-ue-key", configureAccess()));
    list.add(new Named("configure-access-reply", modifyReply(1003)));
    list.add(new Named("change-through-connection", changeThroughConnection()));
    list.add(new Named("change-through-connection-reply", modifyReply(1004)));
    list.add(new Named("e2e-pass-through", e2ePassThrough()));
    list.add(new Named("heartbeat-notify", heartbeatNotify()));
    list.add(new Named("notify-reply", notifyReply()));
    list.add(new Named("bearer-released-notify", bearerReleasedNotify()));
    list.add(new Named("release", release()));
    list.add(new Named("release-reply-statistics", releaseReply()));
    list.add(new Named("release-without-statistics", releaseWithoutStatistics()));
    list.add(new Named("link-check", linkCheck()));
    list.add(new Named("link-check-reply", linkCheckReply()));
    list.add(new Named("link-check-reply-ipv6-mid", Message.of(MId.ip6("2001:db8::a", 2944),
        linkCheckReply().transactions())));
    list.add(new Named("audit-reply-packages", auditReplyPackages()));
    list.add(new Named("audit-all-contexts", Message.of(PCSCF, TransactionRequest.of(1011,
        ActionRequest.of(ContextId.ALL, new AuditValue(TerminationId.ALL, Audit.of(Audit.AuditItem.STATISTICS)))))));
    list.add(new Named("audit-all-contexts-reply", auditAllContextsReply()));
    list.add(new Named("error-449", errorReply(ErrorCode.UNSUPPORTED_VALUE, "ipdc/realm=\"mars\"")));
    list.add(new Named("error-445", errorReply(ErrorCode.UNSUPPORTED_PROPERTY, "xyz/abc")));
    list.add(new Named("action-error-411", actionError()));
    list.add(new Named("message-error-400", new Message(3, AGW,
        new MessageBody.MessageError(ErrorDescriptor.of(ErrorCode.SYNTAX_ERROR_IN_MESSAGE)))));
    list.add(new Named("graceful-out-of-service", gracefulOutOfService()));
    list.add(new Named("pending", Message.of(AGW, new TransactionPending(1001))));
    list.add(new Named("reply-imm-ack", Message.of(AGW, TransactionReply.of(1001,
        ActionReply.of(CONTEXT, AddReply.of(ACCESS))).withImmAckRequired())));
    list.add(new Named("response-ack", Message.of(PCSCF, new TransactionResponseAck(List.of(
        TransactionResponseAck.AckRange.single(1001), new TransactionResponseAck.AckRange(1003, 1005))))));
    list.add(new Named("two-transactions", Message.of(PCSCF, changeThroughConnection().transactions().get(0),
        release().transactions().get(0))));
    return list;
  }

  static SdpText sdp(String... lines) {
    return SdpText.of(String.join("\r\n", lines) + "\r\n");
  }

  static Message gatewayRestart() {
    var parms = ServiceChangeParms.of(ServiceChangeMethod.RESTART, "901 Cold Boot").withVersion(3)
        .withProfile(new ServiceChangeProfile("iqprof", 1))
        .withAddress(new ServiceChangeAddress.Port(2944));
    return Message.of(AGW, TransactionRequest.of(1, ActionRequest.of(ContextId.NULL,
        new ServiceChange(TerminationId.ROOT, parms))));
  }

  static Message restartReply() {
    return Message.of(PCSCF, TransactionReply.of(1, ActionReply.of(ContextId.NULL,
        ServiceChangeReply.of(TerminationId.ROOT, ServiceChangeResult.version(3)))));
  }

  static Message gracefulOutOfService() {
    var parms = ServiceChangeParms.of(ServiceChangeMethod.GRACEFUL, "905 Termination taken out of service")
        .withDelay(30).withTimeStamp(new TimeStamp("20261122", "20000000"));
    return Message.of(AGW, TransactionRequest.of(2, ActionRequest.of(ContextId.NULL,
        new ServiceChange(TerminationId.ROOT, parms))));
  }

  /** Reserve AGW Connection Point, access side: CHOOSE context and termination, realm, gate and latching. */
  static Message reserveAccess() {
    var state = TerminationState.of(PropertyParm.quoted("ipdc/realm", "access"));
    var control = LocalControl.of(StreamMode.RECEIVE_ONLY, PropertyParm.of("ipnapt/latch", "ON"),
        PropertyParm.of("gm/saf", "ON"), PropertyParm.of("gm/spf", "ON"), PropertyParm.of("ds/dscp", 46),
        PropertyParm.of("tman/pol", "ON"), PropertyParm.of("tman/sdr", 8000), PropertyParm.of("tman/mbs", 2000));
    var local = sdp("v=0", "c=IN IP4 $", "m=audio $ RTP/SAVP 96", "a=rtpmap:96 AMR-WB/16000");
    var media = Media.of(state, new Stream(1, StreamParms.of(control, local, null)));
    var events = Events.of(1, RequestedEvent.of("hangterm/thb", PropertyParm.of("timerx", 60)));
    return Message.of(PCSCF, TransactionRequest.of(1001, ActionRequest.of(ContextId.CHOOSE,
        Add.of(TerminationId.CHOOSE, media, events))));
  }

  /** The gateway's address, port and the key it encrypts with toward the UE. */
  static Message reserveAccessReply() {
    var local = sdp("v=0", "o=- 1 1 IN IP4 192.0.2.10", "s=-", "c=IN IP4 192.0.2.10", "t=0 0",
        "m=audio 30000 RTP/SAVP 96", "a=rtpmap:96 AMR-WB/16000",
        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + AGW_KEY + "|2^31");
    var media = Media.of(new Stream(1, StreamParms.of(null, local, null)));
    return Message.of(AGW, TransactionReply.of(1001, ActionReply.of(CONTEXT, AddReply.of(ACCESS, media))));
  }

  /** Reserve and Configure AGW Connection Point, core side: RTP/AVP, no crypto. */
  static Message reserveAndConfigureCore() {
    var state = TerminationState.of(PropertyParm.quoted("ipdc/realm", "core"));
    var local = sdp("v=0", "c=IN IP4 $", "m=audio $ RTP/AVP 96", "a=rtpmap:96 AMR-WB/16000");
    var remote = sdp("v=0", "o=- 7 7 IN IP4 203.0.113.20", "s=-", "c=IN IP4 203.0.113.20", "t=0 0",
        "m=audio 40000 RTP/AVP 96", "a=rtpmap:96 AMR-WB/16000");
    var media = Media.of(state, new Stream(1, StreamParms.of(LocalControl.of(StreamMode.SEND_RECEIVE), local, remote)));
    return Message.of(PCSCF, TransactionRequest.of(1002, ActionRequest.of(CONTEXT, Add.of(TerminationId.CHOOSE, media))));
  }

  static Message reserveAndConfigureCoreReply() {
    var local = sdp("v=0", "o=- 2 2 IN IP4 192.0.2.11", "s=-", "c=IN IP4 192.0.2.11", "t=0 0",
        "m=audio 30002 RTP/AVP 96", "a=rtpmap:96 AMR-WB/16000");
    var media = Media.of(new Stream(1, StreamParms.of(null, local, null)));
    return Message.of(AGW, TransactionReply.of(1002, ActionReply.of(CONTEXT, AddReply.of(CORE, media))));
  }

  /** Configure AGW Connection Point: the UE's SDP with the key the gateway decrypts with; filtering on its address. */
  static Message configureAccess() {
    var remote = sdp("v=0", "o=- 1 1 IN IP4 198.51.100.7", "s=-", "c=IN IP4 198.51.100.7", "t=0 0",
        "m=audio 49170 RTP/SAVP 96", "a=rtpmap:96 AMR-WB/16000",
        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + UE_KEY + "|2^31");
    var control = LocalControl.of(StreamMode.SEND_RECEIVE, PropertyParm.quoted("gm/sam", "198.51.100.7"),
        PropertyParm.quoted("gm/spr", "49170"), PropertyParm.of("rtcph/rtcpa", "ON"));
    var media = Media.of(new Stream(1, StreamParms.of(control, null, remote)));
    return Message.of(PCSCF, TransactionRequest.of(1003, ActionRequest.of(CONTEXT, Modify.of(ACCESS, media))));
  }

  static Message modifyReply(long id) {
    return Message.of(AGW, TransactionReply.of(id, ActionReply.of(CONTEXT, ModifyReply.of(ACCESS))));
  }

  /** Change Through-Connection: only the stream mode. */
  static Message changeThroughConnection() {
    var media = Media.of(new Stream(1, StreamParms.of(LocalControl.of(StreamMode.INACTIVE))));
    return Message.of(PCSCF, TransactionRequest.of(1004, ActionRequest.of(CONTEXT, Modify.of(ACCESS, media))));
  }

  /** e2e: RTP/SAVP end to end, no crypto: the gateway passes media through. */
  static Message e2ePassThrough() {
    var remote = sdp("v=0", "o=- 1 1 IN IP4 198.51.100.7", "s=-", "c=IN IP4 198.51.100.7", "t=0 0",
        "m=audio 49170 RTP/SAVP 96");
    var media = new Media(Optional.empty(), Optional.of(new StreamParms(Optional.empty(), Optional.empty(),
        Optional.of(remote), Optional.empty())), List.of());
    return Message.of(PCSCF, TransactionRequest.of(1005, ActionRequest.of(CONTEXT, Modify.of(ACCESS, media))));
  }

  static Message heartbeatNotify() {
    var observed = ObservedEvents.of(1, new ObservedEvent(Optional.of(new TimeStamp("20261122", "20153000")),
        "hangterm/thb", List.of()));
    return Message.of(AGW, TransactionRequest.of(5001, ActionRequest.of(CONTEXT, Notify.of(ACCESS, observed))));
  }

  static Message notifyReply() {
    return Message.of(PCSCF, TransactionReply.of(5001, ActionReply.of(CONTEXT, NotifyReply.of(ACCESS))));
  }

  /** IP Bearer Released: the generic cause event with a failure cause. */
  static Message bearerReleasedNotify() {
    var observed = ObservedEvents.of(2, ObservedEvent.of("g/cause", PropertyParm.of("Generalcause", 2),
        PropertyParm.quoted("Failurecause", "bearer released"), new EventParameter.StreamId(1)));
    return Message.of(AGW, TransactionRequest.of(5002, ActionRequest.of(CONTEXT, Notify.of(ACCESS, observed))));
  }

  /** Release AGW Termination: statistics come back because no Audit is given. */
  static Message release() {
    return Message.of(PCSCF, TransactionRequest.of(1006, new ActionRequest(CONTEXT, ContextProperties.NONE,
        List.of(CommandRequest.of(Subtract.of(ACCESS)), CommandRequest.of(Subtract.of(CORE))))));
  }

  static Message releaseReply() {
    var stats = Statistics.of(StatisticsParameter.of("nt/os", 62345), StatisticsParameter.of("nt/or", 45123),
        StatisticsParameter.of("nt/dur", 40), StatisticsParameter.of("rtp/ps", 1245),
        StatisticsParameter.of("rtp/pr", 780), StatisticsParameter.of("rtp/pl", 3),
        StatisticsParameter.of("rtp/jit", 12), StatisticsParameter.of("rtp/delay", 48),
        StatisticsParameter.of(SrtpStatistics.AUTH_FAILED, 2), StatisticsParameter.of(SrtpStatistics.REPLAY_DISCARDED, 1));
    return Message.of(AGW, TransactionReply.of(1006, ActionReply.of(CONTEXT, SubtractReply.of(ACCESS, stats),
        SubtractReply.of(CORE, Statistics.of(StatisticsParameter.of("nt/os", 45000))))));
  }

  static Message releaseWithoutStatistics() {
    return Message.of(PCSCF, TransactionRequest.of(1007, ActionRequest.of(ContextId.ALL,
        new Subtract(TerminationId.ALL, Optional.of(Audit.EMPTY)))));
  }

  /** H.248.1 7.2.5: Context = * answered with one action reply per context, one AuditValue reply per termination. */
  static Message auditAllContextsReply() {
    return Message.of(AGW, TransactionReply.of(1011,
        ActionReply.of(CONTEXT, AuditValueReply.of(ACCESS, Statistics.of(StatisticsParameter.of("rtp/pr", 780))),
            AuditValueReply.of(CORE, Statistics.of(StatisticsParameter.of("rtp/ps", 775)))),
        ActionReply.of(ContextId.of(4712), AuditValueReply.of(TerminationId.of("ip/1/core/20")))));
  }

  static Message linkCheck() {
    return Message.of(PCSCF, TransactionRequest.of(1008, ActionRequest.of(ContextId.NULL, AuditValue.rootHeartbeat())));
  }

  static Message linkCheckReply() {
    return Message.of(AGW, TransactionReply.of(1008, ActionReply.of(ContextId.NULL,
        AuditValueReply.of(TerminationId.ROOT))));
  }

  static Message auditReplyPackages() {
    var packages = new Packages(List.of(new Packages.PackageVersion("ipdc", 1), new Packages.PackageVersion("gm", 1),
        new Packages.PackageVersion("hangterm", 1)));
    return Message.of(AGW, TransactionReply.of(1009, ActionReply.of(ContextId.NULL,
        AuditValueReply.of(TerminationId.ROOT, packages))));
  }

  static Message errorReply(ErrorCode code, String detail) {
    return Message.of(AGW, TransactionReply.error(1010, ErrorDescriptor.of(code,
        code.description().orElseThrow() + ": " + detail.replace("\"", ""))));
  }

  static Message actionError() {
    return Message.of(AGW, TransactionReply.of(1011,
        ActionReply.error(ContextId.of(999), ErrorDescriptor.of(ErrorCode.UNKNOWN_CONTEXT_ID))));
  }
}
