package ims.iq.transport;

import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.codec.IqCodec;
import ims.iq.message.ActionReply;
import ims.iq.message.ActionRequest;
import ims.iq.message.AddReply;
import ims.iq.message.ContextId;
import ims.iq.message.MId;
import ims.iq.message.Media;
import ims.iq.message.Modify;
import ims.iq.message.SdpText;
import ims.iq.message.Stream;
import ims.iq.message.StreamParms;
import ims.iq.message.TerminationId;
import ims.iq.transport.TransactionFraming.Decoded;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MegacoFramingTest {
  private final MegacoFraming framing = new MegacoFraming(MId.domain("pcscf1.example.net", 2944), MessageCodec.TEXT);

  private static SdpText keyedSdp() {
    return SdpText.of("v=0\r\nm=audio 49170 RTP/SAVP 96\r\n"
        + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^31\r\n");
  }

  private static Media remote(SdpText sdp) {
    return Media.of(new Stream(1, new StreamParms(Optional.empty(), Optional.empty(), Optional.of(sdp), Optional.empty())));
  }

  @Test
  void givenRequestNobodyTakes_whenDiscarded_thenItsSdpIsWiped() {
    var sdp = keyedSdp();
    framing.discardRequest(List.of(ActionRequest.of(ContextId.of(1), Modify.of(TerminationId.of("ip/1/access/1"), remote(sdp)))));
    assertThat(sdp.isClosed()).isTrue();
  }

  @Test
  void givenReplyNobodyTakes_whenDiscarded_thenItsSdpIsWiped() {
    var sdp = keyedSdp();
    framing.discardReply(ReplyContent.of(ActionReply.of(ContextId.of(1), AddReply.of(TerminationId.of("ip/1/access/1"), remote(sdp)))));
    assertThat(sdp.isClosed()).isTrue();
  }

  @Test
  void givenRfc3525PendingAndAck_whenDecoded_thenTransactionPartsCarryTheIds() {
    // H.248.1 text for a Pending and a TransactionResponseAck range, written by hand from the ABNF.
    byte[] text = "MEGACO/3 [192.0.2.20]:2944\nPending = 12 { }\nTransactionResponseAck { 5-9 }\n"
        .getBytes(StandardCharsets.US_ASCII);
    var decoded = framing.decode(text);
    assertThat(decoded).isInstanceOf(Decoded.Parts.class);
    assertThat(((Decoded.Parts<?, ?>) decoded).parts()).containsExactly(
        new TransactionPart.Pending<>(12), new TransactionPart.ResponseAck<>(List.of(new TransactionPart.IdRange(5, 9))));
  }

  @Test
  void givenMessageLevelErrorFromPeer_whenDecoded_thenMarkedSoItIsNeverAnswered() {
    byte[] text = "MEGACO/3 [192.0.2.20]:2944 Error = 400 { \"Syntax error in message\" }".getBytes(StandardCharsets.US_ASCII);
    var decoded = framing.decode(text);
    assertThat(decoded).isInstanceOfSatisfying(Decoded.Undecodable.class, u -> assertThat(u.isErrorMessage()).isTrue());
  }

  @Test
  void givenGarbage_whenDecoded_thenUndecodableAndNotAnErrorMessage() {
    var decoded = framing.decode("MEGACO/3 garbage {{{".getBytes(StandardCharsets.US_ASCII));
    assertThat(decoded).isInstanceOfSatisfying(Decoded.Undecodable.class, u -> assertThat(u.isErrorMessage()).isFalse());
  }

  @Test
  void givenReplyParts_whenEncoded_thenTheTextCodecReadsTheSameTransaction() throws Exception {
    byte[] bytes = framing.encode(List.of(new TransactionPart.Reply<>(77, true,
        ReplyContent.of(ActionReply.of(ContextId.NULL, AddReply.of(TerminationId.ROOT))))));
    var message = IqCodec.decode(bytes);
    assertThat(message.mId()).isEqualTo(MId.domain("pcscf1.example.net", 2944));
    var reply = (ims.iq.message.TransactionReply) message.transactions().getFirst();
    assertThat(reply.id()).isEqualTo(77);
    assertThat(reply.immAckRequired()).isTrue();
  }
}
