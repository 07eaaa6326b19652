package ims.iq.codec;

import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.message.ActionRequest;
import ims.iq.message.CommandRequest;
import ims.iq.message.ContextId;
import ims.iq.message.ContextProperties;
import ims.iq.message.LocalControl;
import ims.iq.message.MId;
import ims.iq.message.Media;
import ims.iq.message.Message;
import ims.iq.message.Modify;
import ims.iq.message.PropertyParm;
import ims.iq.message.PropertyValue;
import ims.iq.message.Relation;
import ims.iq.message.SdpText;
import ims.iq.message.Stream;
import ims.iq.message.StreamParms;
import ims.iq.message.TerminationId;
import ims.iq.message.TransactionRequest;
import ims.iq.message.Value;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The lexical rules of H.248.1 Annex B: token forms, case, white space, comments, escaping. */
class TextSyntaxTest {
  private static final Message CHANGE_THROUGH = IqExamplesMessages.changeThroughConnection();

  @Test
  void givenLongShortAndMixedCaseTokens_whenDecoded_thenSameMessage() throws Exception {
    String[] forms = {
        "MEGACO/3 <pcscf1.example.net>:2944\nTransaction=1006{Context=4711{Modify=ip/1/access/17{Media{Stream=1{LocalControl{Mode=Inactive}}}}}}",
        "!/3 <pcscf1.example.net>:2944\nT=1006{C=4711{MF=ip/1/access/17{M{ST=1{O{MO=IN}}}}}}",
        "megaco/3 <pcscf1.example.net>:2944 transaction=1006{CONTEXT=4711{mf=ip/1/access/17{mEdIa{st=1{localcontrol{mode=INACTIVE}}}}}}",
        "!/3 <pcscf1.example.net>:2944 Transaction = 1006 { C = 4711 { Modify = ip/1/access/17 { M { Stream = 1 { O { Mode = in } } } } } }",
    };
    for (String form : forms) assertThat(IqCodec.decode(form)).as(form).isEqualTo(CHANGE_THROUGH);
  }

  @Test
  void givenCommentsTabsAndCrLfWhereverLwspIsAllowed_whenDecoded_thenSameMessage() throws Exception {
    String text = "; leading comment\r\n!/3\t<pcscf1.example.net>:2944 ; the sender\r\n"
        + "T = 1006 ; transaction\r\n{\r\n\tC = 4711 {\t; context\r\n  MF = ip/1/access/17 {\r\n"
        + "M { ST = 1 { O { MO = IN ; inactive\r\n } } } } } } ; done";
    assertThat(IqCodec.decode(text)).isEqualTo(CHANGE_THROUGH);
  }

  @Test
  void givenPrettyAndCompactStyles_whenEncoded_thenLongAndShortTokens() {
    assertThat(IqCodec.encode(CHANGE_THROUGH)).startsWith("MEGACO/3 <pcscf1.example.net>:2944\nTransaction = 1006 {")
        .contains("Context = 4711 {").contains("Modify = ip/1/access/17 {").contains("Mode = Inactive");
    assertThat(IqCodec.encode(CHANGE_THROUGH, TokenStyle.COMPACT))
        .isEqualTo("!/3 <pcscf1.example.net>:2944\nT=1006{C=4711{MF=ip/1/access/17{M{ST=1{O{MO=IN}}}}}}");
  }

  @Test
  void givenSdpContainingABrace_whenEncoded_thenEscapedAndDecodedBack() throws Exception {
    var sdp = SdpText.of("v=0\r\na=x-note:{json}\r\na=y:back\\slash\r\n");
    Message m = withLocal(sdp);
    String text = IqCodec.encode(m);
    assertThat(text).contains("a=x-note:{json\\}\r\n").contains("back\\slash");
    assertThat(IqCodec.decode(text)).isEqualTo(m);
  }

  @Test
  void givenSdp_whenEncoded_thenItStartsOnANewLineAndEndsRightBeforeTheBrace() {
    String text = IqCodec.encode(withLocal(SdpText.of("v=0\r\nm=audio 4000 RTP/AVP 0\r\n")));
    assertThat(text).contains("Local {\nv=0\r\nm=audio 4000 RTP/AVP 0\r\n}");
  }

  @Test
  void givenIndentedClosingBraceAndBlankLinesAfterTheOpeningBrace_whenDecoded_thenLayoutIsNotSdp() throws Exception {
    String text = "!/3 [192.0.2.1]:2944 T=1{C=1{MF=t1{M{L{\r\n\r\n  v=0\r\nm=audio 0 RTP/AVP 0\r\n      }}}}}";
    Message m = IqCodec.decode(text);
    var modify = (Modify) ((TransactionRequest) m.transactions().get(0)).actions().get(0).commands().get(0).command();
    assertThat(modify.media().orElseThrow().stream(1).orElseThrow().local().orElseThrow().text())
        .isEqualTo("v=0\r\nm=audio 0 RTP/AVP 0\r\n");
  }

  @Test
  void givenOptionalAndWildcardReturnPrefixes_whenDecoded_thenFlagsSetAndReEncoded() throws Exception {
    Message m = IqCodec.decode("!/3 [192.0.2.1]:2944 T=1{C=*{O-W-S=ip/1/*,o-AV=ROOT{AT{}}}}");
    var commands = ((TransactionRequest) m.transactions().get(0)).actions().get(0).commands();
    assertThat(commands.get(0)).extracting(CommandRequest::optional, CommandRequest::wildcardReturn)
        .containsExactly(true, true);
    assertThat(commands.get(1)).extracting(CommandRequest::optional, CommandRequest::wildcardReturn)
        .containsExactly(true, false);
    assertThat(IqCodec.encode(m, TokenStyle.COMPACT)).contains("O-W-S=ip/1/*").contains("O-AV=ROOT{AT{}}");
  }

  @Test
  void givenRelationsAlternativesRangesAndSublists_whenDecoded_thenTypedAndReEncoded() throws Exception {
    String text = "!/3 [192.0.2.1]:2944 T=1{C=1{MF=t1{M{O{a/b#5,a/c>6,a/d<7,a/e=[1,2,3],a/f=[1:9],a/g={x,\"y z\"}}}}}}";
    Message m = IqCodec.decode(text);
    var modify = (Modify) ((TransactionRequest) m.transactions().get(0)).actions().get(0).commands().get(0).command();
    var props = modify.media().orElseThrow().stream(1).orElseThrow().localControl().orElseThrow().properties();
    assertThat(props.get(0).relation()).isEqualTo(Relation.NOT_EQUAL);
    assertThat(props.get(1).relation()).isEqualTo(Relation.GREATER);
    assertThat(props.get(2).relation()).isEqualTo(Relation.LESS);
    assertThat(props.get(3).value()).isEqualTo(new PropertyValue.Alternatives(List.of(Value.of(1), Value.of(2), Value.of(3))));
    assertThat(props.get(4).value()).isEqualTo(new PropertyValue.Range(Value.of(1), Value.of(9)));
    assertThat(props.get(5).value()).isEqualTo(new PropertyValue.Sublist(List.of(Value.of("x"), Value.quoted("y z"))));
    assertThat(IqCodec.encode(m, TokenStyle.COMPACT)).isEqualTo(text.replace(" T=", "\nT="));
  }

  @Test
  void givenUnknownPackagesPropertiesEventsAndStatistics_whenDecoded_thenKeptAsGenericValues() throws Exception {
    String text = "!/3 <agw>:2944 T=9{C=${A=${M{TS{xyz/unknown=\"q\",ipdc/realm=mars},ST=1{O{foo/bar=ON}}},"
        + "E=3{zz/ev{p1=2,KA}},SA{zz/stat}}}}";
    Message m = IqCodec.decode(text);
    var add = (ims.iq.message.Add) ((TransactionRequest) m.transactions().get(0)).actions().get(0).commands().get(0)
        .command();
    var media = add.media().orElseThrow();
    assertThat(media.terminationState().orElseThrow().properties())
        .containsExactly(PropertyParm.quoted("xyz/unknown", "q"), PropertyParm.of("ipdc/realm", "mars"));
    assertThat(media.stream(1).orElseThrow().localControl().orElseThrow().property("foo/bar"))
        .contains(PropertyParm.of("foo/bar", "ON"));
    assertThat(add.events().orElseThrow().events().get(0).name()).isEqualTo("zz/ev");
    assertThat(IqCodec.decode(IqCodec.encode(m))).isEqualTo(m);
  }

  @Test
  void givenMIdForms_whenDecoded_thenTypedAndReEncodedVerbatim() throws Exception {
    String[][] cases = {
        {"<agw1.example.net>:2944", "domain"}, {"<agw1.example.net>", "domain"}, {"[192.0.2.1]:2944", "ip4"},
        {"[2001:db8::1]:2944", "ip6"}, {"MTP{0A1B}", "mtp"}, {"gw1/dev", "device"}};
    for (String[] c : cases) {
      Message m = IqCodec.decode("!/3 " + c[0] + " P=1{C=-{N=ROOT}}");
      assertThat(IqCodec.encode(m, TokenStyle.COMPACT)).startsWith("!/3 " + c[0] + "\n");
    }
    assertThat(IqCodec.decode("!/3 [2001:db8::1]:2944 P=1{C=-{N=ROOT}}").mId())
        .isEqualTo(new MId.Ip6("2001:db8::1", OptionalInt.of(2944)));
  }

  @Test
  void givenContextPropertiesAndImmAck_whenDecoded_thenKept() throws Exception {
    Message m = IqCodec.decode("!/3 <a>:1 T=5{C=7{PR=3,EG,MF=t1}} P=6{IA,C=7{EGO,MF=t1}}");
    var request = (TransactionRequest) m.transactions().get(0);
    assertThat(request.actions().get(0).properties().priority()).hasValue(3);
    assertThat(request.actions().get(0).properties().emergency()).contains(true);
    var reply = (ims.iq.message.TransactionReply) m.transactions().get(1);
    assertThat(reply.immAckRequired()).isTrue();
    assertThat(reply.actions().get(0).properties()).isEqualTo(
        new ContextProperties(OptionalInt.empty(), java.util.Optional.of(false), java.util.Optional.empty()));
    assertThat(IqCodec.decode(IqCodec.encode(m, TokenStyle.COMPACT))).isEqualTo(m);
  }

  private static Message withLocal(SdpText sdp) {
    var media = Media.of(new Stream(1, StreamParms.of(null, sdp, null)));
    return Message.of(MId.domain("pcscf1.example.net", 2944), TransactionRequest.of(1,
        ActionRequest.of(ContextId.of(1), Modify.of(TerminationId.of("ip/1/access/1"), media))));
  }

  /** The compact example of iq.md built with the API. */
  static final class IqExamplesMessages {
    static Message changeThroughConnection() {
      var media = Media.of(new Stream(1, StreamParms.of(LocalControl.of(ims.iq.message.StreamMode.INACTIVE))));
      return Message.of(MId.domain("pcscf1.example.net", 2944), TransactionRequest.of(1006,
          ActionRequest.of(ContextId.of(4711), Modify.of(TerminationId.of("ip/1/access/17"), media))));
    }
  }
}
