package ims.sdes.e2ae;

import static org.assertj.core.api.Assertions.assertThat;

import ims.sdes.sdp.Sdp;
import org.junit.jupiter.api.Test;

class StreamClassifierTest {

  static final String CRYPTO = "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + Fixtures.CONFORMANCE_KEY + "\r\n";

  @Test
  void givenEachKindOfStream_whenClassified_thenRequestWinsThenKmsThenSdesThenPlain() {
    Sdp sdp = Sdp.parse("v=0\r\n"
        + "m=audio 1 RTP/SAVP 0\r\n" + CRYPTO + "a=key-mgmt:mikey AQE\r\na=3ge2ae:requested\r\n"
        + "m=audio 2 RTP/SAVP 0\r\n" + CRYPTO + "a=key-mgmt:mikey AQE\r\n"
        + "m=audio 3 RTP/SAVP 0\r\n" + CRYPTO
        + "m=audio 4 RTP/AVP 0\r\n"
        + "m=audio 5 RTP/AVP 0\r\na=acap:1 " + CRYPTO.substring(2) + "a=tcap:1 RTP/SAVP\r\na=pcfg:1 t=1 a=1\r\n");

    assertThat(StreamClassifier.classify(sdp)).containsExactly(
        StreamKind.E2AE_REQUESTED, StreamKind.KMS, StreamKind.E2E_SDES, StreamKind.PLAIN, StreamKind.E2E_SDES);
  }

  @Test
  void givenOtherE2aeValuesAndWhitespace_whenClassified_thenOnlyRequestedCounts() {
    Sdp sdp = Sdp.parse("v=0\r\n"
        + "m=audio 1 RTP/SAVP 0\r\n" + CRYPTO + "a=3ge2ae:applied\r\n"
        + "m=audio 2 RTP/SAVP 0\r\n" + CRYPTO + "a=3ge2ae:future-value\r\n"
        + "m=audio 3 RTP/SAVP 0\r\n" + CRYPTO + "a=3ge2ae: \trequested\r\n");

    assertThat(StreamClassifier.classify(sdp))
        .containsExactly(StreamKind.E2E_SDES, StreamKind.E2E_SDES, StreamKind.E2AE_REQUESTED);
  }

  @Test
  void givenSessionLevelKeyMgmt_whenClassified_thenEveryStreamWithoutRequestIsKms() {
    Sdp sdp = Sdp.parse("v=0\r\na=key-mgmt:mikey AQE\r\nm=audio 1 RTP/AVP 0\r\nm=video 2 RTP/AVP 31\r\n");

    assertThat(StreamClassifier.classify(sdp)).containsExactly(StreamKind.KMS, StreamKind.KMS);
  }
}
