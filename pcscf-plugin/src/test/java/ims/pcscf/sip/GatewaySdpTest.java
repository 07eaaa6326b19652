package ims.pcscf.sip;

import static org.assertj.core.api.Assertions.assertThat;

import ims.sdes.sdp.Connection;
import ims.sdes.sdp.MediaDescription;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The SDP text written into Iq descriptors, compared with lines written out by hand (RFC 8866 5.7, 5.14). */
class GatewaySdpTest {

  @Test
  void givenAKnownAddress_whenWritten_thenOneWellFormedConnectionLineAndTheMediaLine() {
    String sdp = GatewaySdp.at(Connection.parse("IN IP4 198.51.100.7"), 49170,
        MediaDescription.parse("audio 1 RTP/SAVP 96 8"), "RTP/AVP", Optional.empty());

    assertThat(sdp).isEqualTo("v=0\r\nc=IN IP4 198.51.100.7\r\nm=audio 49170 RTP/AVP 96 8\r\n");
  }

  @Test
  void givenATemplate_whenWritten_thenTheGatewayChoosesAddressAndPort() {
    String sdp = GatewaySdp.template(MediaDescription.parse("audio 1 RTP/SAVP 96"), "RTP/SAVP", "IP4");

    assertThat(sdp).isEqualTo("v=0\r\nc=IN IP4 $\r\nm=audio $ RTP/SAVP 96\r\n");
  }
}
