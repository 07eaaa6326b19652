package ims.pcscf.sip;

import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/** SDP fixtures the e2ae tests share (TS 33.328 7.2.1 / 7.3.1 flows over {@link E2aeHarness}). */
final class E2aeFixtures {
  /** A UE's SRTP master key and salt: the conformance crypto line of design.md §2 (K11 or K22). */
  static final String UE_KEY = "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";

  /** The far end in the core: plain RTP/AVP, PCMU, at 127.0.0.9:30000 (its offer or its answer). */
  static final String FAR_END_RTP = "v=0\r\n"
      + "o=- 9 1 IN IP4 127.0.0.9\r\n"
      + "s=-\r\n"
      + "c=IN IP4 127.0.0.9\r\n"
      + "t=0 0\r\n"
      + "m=audio 30000 RTP/AVP 0\r\n"
      + "a=rtpmap:0 PCMU/8000\r\n";

  /** A UE's e2ae offer (TS 33.328 7.2.1): SRTP with one crypto line of {@link #UE_KEY}, {@code a=3ge2ae:requested}. */
  static final String UE_E2AE_OFFER = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
      + "m=audio 40000 RTP/SAVP 0\r\n"
      + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + UE_KEY + "\r\n"
      + "a=3ge2ae:requested\r\n";

  /** A UE's plain RTP/AVP offer, PCMU at 127.0.0.1:40002. */
  static final String UE_PLAIN_OFFER = "v=0\r\no=- 2 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
      + "m=audio 40002 RTP/AVP 0\r\n";

  private static final Pattern CRYPTO = Pattern.compile("(?m)^a=crypto:.*$");

  private E2aeFixtures() {}

  /** Every {@code a=crypto:} line of an SDP body, in order, without line ends. */
  static List<String> cryptoLines(String sdp) {
    return CRYPTO.matcher(sdp).results().map(MatchResult::group).toList();
  }
}
